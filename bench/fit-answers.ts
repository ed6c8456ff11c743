/**
 * `npm run fit:answers`: fits the answer models of src/answer/answer-model.ts on tuning data only,
 * and rewrites that file. In order, since each stands on the one before:
 *
 * 1. The sentence ranker (SENTENCE_FEATURES): which sentence of a paper answers. Listwise softmax over
 *    the gold paper's sentences, the sentences holding the expected phrase (chat questions) or a gold
 *    evidence sentence (SciFact claims) as targets.
 * 2. The paper ranker (RANK_FEATURES): listwise softmax over each question's candidate papers, the
 *    gold papers as targets.
 * 3. `sure` (logistic over DECISION_FEATURES): the best paper is a gold paper, against everything else
 *    (questions no listed paper answers, and answerable ones whose best paper is wrong).
 * 4. `near`, one model for claims and one for other questions: a listed paper answers the question at all, against everyday questions and questions of
 *    another field (SciFact's biomedical claims on the shared corpus, chat questions on SciFact).
 *    Near misses in the list's own field are left out: showing them a closest match is right.
 *
 * Thresholds, per kind of question (decide.ts, questionKind): `sure` the lowest at which questions
 * no listed paper answers are answered at most 1.5% of the time (each source) and answerable chat
 * questions are answered citing a wrong paper at most 2% of the time; `near` the lowest at which
 * everyday questions are shown a closest match at most 5% of the time, SciFact's claims on the shared
 * corpus at most 9% and chat questions on SciFact at most 8%.
 *
 * Tuning data: the seed and corpus questions (bench/questions.ts), the tuning halves of the fresh
 * sets, 80 everyday questions written for tuning (bench/data/everyday-tuning.json), the SciFact train
 * claims; and, asked of the bundled 50-paper listing, the everyday questions and the fresh questions
 * about papers it does not hold (near misses in its field). Test halves and SciFact dev are never read here. Each source weighs
 * the same in total, whatever its size, so 809 claims do not drown 200 chat questions.
 *   node dist/bench/fit-answers.js [--dump FILE]
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { limits, nearModel, outcomeAt, questionKind, type Limits, type QuestionKind, type Thresholds } from '../src/answer/decide.js';
import type { Evidence } from '../src/answer/evidence.js';
import { DECISION_FEATURES, RANK_FEATURES, SENTENCE_FEATURES, decisionFeatures, linear, rankFeatures, sentenceFeatures, sigmoid } from '../src/answer/features.js';
import { rankPapers, scoreSentences } from '../src/answer/rank.js';
import { DEFAULT_CORPUS, PROJECT_ROOT } from '../src/config.js';
import { Library } from '../src/library.js';
import type { AskOutcome } from '../src/results.js';
import { fold, scopeKind } from './answer-quality.js';
import { loadEverydayTuning, loadFreshQuestions } from './fresh-set.js';
import { CORPUS_QUESTIONS, SEED_QUESTIONS, UNCOVERED_QUESTIONS } from './questions.js';
import { claimQuestion, openSciFact, sciFactClaims } from './scifact.js';
import { round } from './stats.js';

const SHARED_CORPUS = path.resolve(PROJECT_ROOT, '../shared/corpus/papers.jsonl');
const MODEL_FILE = path.join(PROJECT_ROOT, 'src', 'answer', 'answer-model.ts');

type Source =
  | 'chat'
  | 'chat near-miss'
  | 'chat everyday'
  | 'SciFact claims'
  | 'SciFact claims on the shared corpus'
  | 'chat questions on SciFact'
  | 'listing near-miss'
  | 'listing everyday';

/**
 * Questions asked of the bundled 50-paper listing that it does not answer. They set the short-list
 * thresholds but are left out of the fit: the models are the same for every list.
 */
const THRESHOLDS_ONLY: ReadonlySet<Source> = new Set(['listing near-miss', 'listing everyday']);

/** Sources of questions no listed paper answers, and how often each may be answered. */
const OUT_OF_SCOPE: ReadonlyArray<Source> = ['chat near-miss', 'chat everyday', 'SciFact claims on the shared corpus', 'chat questions on SciFact', 'listing near-miss', 'listing everyday'];
const ANSWERED_LIMIT = 0.015;
const WRONG_LIMIT = 0.02;
/** Fewer questions of a kind than this in a source set no limit for that kind. */
const MIN_SOURCE = 20;
/** Sources the near model must keep out, and how often each may be shown a closest match. */
const CLOSEST_LIMITS: ReadonlyArray<[Source, number]> = [
  ['chat everyday', 0.05],
  ['listing everyday', 0.05],
  ['SciFact claims on the shared corpus', 0.09],
  ['chat questions on SciFact', 0.08],
];

interface Example {
  source: Source;
  evidence: Evidence;
  /** Ids of the papers that answer it; empty when none does. */
  gold: Set<string>;
  /** Does this sentence of a gold paper answer it (the expected phrase, a gold evidence sentence)? */
  answers?: (sentence: string) => boolean;
  weight: number;
}

/** A seed question names its paper by a title prefix. */
function goldIds(library: Library, paper: string): Set<string> {
  const id = library.show(paper).paper?.id;
  if (!id) throw new Error(`no seed paper matches "${paper}"`);
  return new Set([id]);
}

/** One list of candidates to rank: each item's features, and which are targets. */
interface Listwise {
  xs: number[][];
  targets: boolean[];
  weight: number;
}

/** Listwise softmax fit of linear weights, by full-batch gradient descent. */
function fitListwise(lists: Listwise[], start: readonly number[], steps = 1500): number[] {
  const w = [...start];
  const rate = 0.5;
  const l2 = 0.001;
  const total = lists.reduce((sum, l) => sum + l.weight, 0);
  for (let step = 0; step < steps; step++) {
    const grad = w.map((v) => l2 * v * total);
    for (const list of lists) {
      const zs = list.xs.map((x) => linear(w, x));
      const max = Math.max(...zs);
      const ps = zs.map((z) => Math.exp(z - max));
      const sum = ps.reduce((a, b) => a + b, 0);
      const targetMass = ps.reduce((m, p, i) => m + (list.targets[i] ? p : 0), 0);
      list.xs.forEach((x, i) => {
        const pi = ps[i]! / sum;
        const qi = list.targets[i] ? ps[i]! / targetMass : 0;
        x.forEach((v, k) => {
          grad[k]! += list.weight * (pi - qi) * v;
        });
      });
    }
    for (let k = 0; k < w.length; k++) w[k]! -= (rate * grad[k]!) / total;
  }
  return w;
}

/**
 * L2 penalty on the standardised logistic weights: strong enough that correlated features (the
 * coverages) share their weight instead of cancelling.
 */
const L2 = 0.1;

interface Logistic {
  bias: number;
  weights: number[];
}

/** Weighted logistic regression, full-batch gradient descent on standardised features. */
function fitLogistic(xs: number[][], ys: number[], weights: number[]): Logistic {
  const d = xs[0]!.length;
  const mean = Array.from({ length: d }, (_, k) => xs.reduce((s, x) => s + x[k]!, 0) / xs.length);
  const sd = Array.from({ length: d }, (_, k) => Math.sqrt(xs.reduce((s, x) => s + (x[k]! - mean[k]!) ** 2, 0) / xs.length) || 1);
  const zs = xs.map((x) => x.map((v, k) => (v - mean[k]!) / sd[k]!));
  const w = new Array<number>(d).fill(0);
  let b = 0;
  const total = weights.reduce((a, c) => a + c, 0);
  for (let step = 0; step < 4000; step++) {
    const grad = new Array<number>(d).fill(0);
    let gb = 0;
    zs.forEach((z, i) => {
      const err = (sigmoid(linear(w, z, b)) - ys[i]!) * weights[i]!;
      z.forEach((v, k) => {
        grad[k]! += err * v;
      });
      gb += err;
    });
    for (let k = 0; k < d; k++) w[k]! -= 0.5 * (grad[k]! / total + L2 * w[k]!);
    b -= (0.5 * gb) / total;
  }
  // Back to the raw feature scale, so `ask` needs no standardisation.
  const raw = w.map((v, k) => v / sd[k]!);
  return { bias: b - raw.reduce((s, v, k) => s + v * mean[k]!, 0), weights: raw };
}

function topIsGold(e: Example): boolean {
  const first = e.evidence.papers[0];
  return first !== undefined && e.gold.has(first.paper.id);
}

/** The sentences of each gold paper that answer, as listwise examples (papers where some but not all do). */
function sentenceLists(examples: Example[]): Listwise[] {
  const lists: Listwise[] = [];
  for (const e of examples) {
    if (!e.answers) continue;
    for (const paper of e.evidence.papers.filter((p) => e.gold.has(p.paper.id))) {
      const targets = paper.sentences.map((s) => e.answers!(s.text));
      if (!targets.some(Boolean) || targets.every(Boolean)) continue;
      lists.push({ xs: paper.sentences.map((s) => sentenceFeatures(s, paper.sentences.length, e.evidence.question)), targets, weight: e.weight });
    }
  }
  return lists;
}

function paperLists(examples: Example[]): Listwise[] {
  return examples
    .filter((e) => e.evidence.papers.some((p) => e.gold.has(p.paper.id)))
    .map((e) => ({ xs: e.evidence.papers.map(rankFeatures), targets: e.evidence.papers.map((p) => e.gold.has(p.paper.id)), weight: e.weight }));
}

interface Row {
  e: Example;
  x: number[];
  limits: Limits;
}

/** The lowest threshold (in steps of 0.01) at which `ok` holds, or 0.95. */
function lowest(ok: (t: number) => boolean): number {
  for (let t = 0.05; t <= 0.951; t += 0.01) if (ok(t)) return round(t, 2);
  return 0.95;
}

async function main(): Promise<void> {
  if (!existsSync(SHARED_CORPUS)) throw new Error(`fit:answers needs the shared corpus at ${SHARED_CORPUS}`);
  const work = mkdtempSync(path.join(os.tmpdir(), 'paperbot-fit-'));
  const cacheDir = process.env.PAPERBOT_CACHE_DIR ?? path.join(work, 'cache');
  const log = (line: string) => process.stderr.write(`${line}\n`);
  try {
    const seed = await Library.open({ corpus: [DEFAULT_CORPUS], cacheDir: null });
    const corpus = await Library.open({ corpus: [SHARED_CORPUS], cacheDir });
    const scifact = await openSciFact(work, cacheDir);
    const fresh = loadFreshQuestions().filter((q) => q.split === 'tuning' && q.style !== 'list');
    const claims = sciFactClaims('train');
    log(`tuning data: ${SEED_QUESTIONS.length} seed, ${CORPUS_QUESTIONS.length} corpus, ${fresh.length} fresh tuning questions, ${claims.length} SciFact train claims`);

    const sources = new Map<Source, Array<Omit<Example, 'weight'>>>();
    const add = (source: Source, library: Library, question: string, gold: Set<string>, answers?: (sentence: string) => boolean) => {
      const list = sources.get(source) ?? [];
      list.push({ source, evidence: library.evidence(question), gold, ...(answers ? { answers } : {}) });
      sources.set(source, list);
    };
    const holds = (phrase: string | undefined) => (phrase ? (sentence: string) => fold(sentence).includes(fold(phrase)) : undefined);
    for (const q of SEED_QUESTIONS) add('chat', seed, q.question, goldIds(seed, q.paper!), holds(q.phrase));
    for (const q of [...CORPUS_QUESTIONS, ...fresh.filter((f) => f.paper !== null)]) add('chat', corpus, q.question, new Set([q.paper!]), holds(q.phrase));
    for (const q of UNCOVERED_QUESTIONS) {
      const source: Source = scopeKind(q.kind) === 'everyday' ? 'chat everyday' : 'chat near-miss';
      add(source, seed, q.question, new Set());
      add(source, corpus, q.question, new Set());
    }
    for (const q of fresh.filter((f) => f.paper === null)) add(scopeKind(q.kind) === 'everyday' ? 'chat everyday' : 'chat near-miss', corpus, q.question, new Set());
    for (const question of loadEverydayTuning()) {
      add('chat everyday', corpus, question, new Set());
      add('listing everyday', seed, question, new Set());
    }
    // To the bundled 50-paper listing, the fresh questions about other papers are near misses in its own field.
    for (const q of fresh.filter((f) => f.paper !== null && !seed.getPaper(f.paper))) add('listing near-miss', seed, q.question, new Set());
    for (const c of claims) {
      const evidence = c.evidence.map((sentence) => sentence.slice(0, 60));
      add('SciFact claims', scifact, claimQuestion(c.claim), c.gold, (sentence) => evidence.some((e) => fold(sentence).includes(e)));
    }
    for (const c of claims) add('SciFact claims on the shared corpus', corpus, claimQuestion(c.claim), new Set());
    for (const q of fresh.filter((f) => f.paper !== null)) add('chat questions on SciFact', scifact, q.question, new Set());
    const examples: Example[] = [...sources.values()].flatMap((list) => list.map((e) => ({ ...e, weight: 1 / list.length })));
    const answerable = examples.filter((e) => e.gold.size > 0);
    const { ANSWER_MODEL } = await import('../src/answer/answer-model.js');
    // A feature added since the last fit starts at weight 0.
    const startOf = (names: readonly string[], weights: readonly number[]) => names.map((_, k) => weights[k] ?? 0);

    const sentence = fitListwise(sentenceLists(answerable), startOf(SENTENCE_FEATURES, ANSWER_MODEL.sentence.weights));
    for (const e of examples) scoreSentences(e.evidence, sentence);
    const report = (label: string) => {
      for (const source of ['chat', 'SciFact claims'] as const) {
        const set = answerable.filter((e) => e.source === source);
        log(`${label}: ${source}: best paper gold ${round((100 * set.filter(topIsGold).length) / set.length, 1)}% of ${set.length}`);
      }
    };
    for (const e of examples) rankPapers(e.evidence.papers, ANSWER_MODEL.rank.weights);
    report('current ranker');
    const rank = fitListwise(paperLists(answerable), startOf(RANK_FEATURES, ANSWER_MODEL.rank.weights));
    for (const e of examples) rankPapers(e.evidence.papers, rank);
    report('fitted ranker');

    const dump = process.argv.indexOf('--dump');
    if (dump >= 0) {
      // For offline analysis: every example with its decision features.
      const lines = examples.map((e) =>
        JSON.stringify({ source: e.source, question: e.evidence.question.raw, type: e.evidence.question.type, gold: topIsGold(e), answerable: e.gold.size > 0, kind: questionKind(e.evidence), ...limits(e.evidence), x: decisionFeatures(e.evidence) }),
      );
      writeFileSync(process.argv[dump + 1]!, `${lines.join('\n')}\n`);
    }

    const rows: Row[] = examples.flatMap((e) => {
      const x = decisionFeatures(e.evidence);
      return x ? [{ e, x, limits: limits(e.evidence) }] : [];
    });
    const fit = (set: Row[], y: (e: Example) => boolean) =>
      fitLogistic(
        set.map((r) => r.x),
        set.map((r) => (y(r.e) ? 1 : 0)),
        set.map((r) => r.e.weight),
      );
    const fitted = rows.filter((r) => !THRESHOLDS_ONLY.has(r.e.source));
    const sure = fit(fitted, (e) => e.gold.size > 0 && topIsGold(e));
    const nearRows = fitted.filter((r) => r.e.source !== 'chat near-miss');
    const near = {
      question: fit(
        nearRows.filter((r) => nearModel(questionKind(r.e.evidence)) === 'question'),
        (e) => e.gold.size > 0,
      ),
      claim: fit(
        nearRows.filter((r) => nearModel(questionKind(r.e.evidence)) === 'claim'),
        (e) => e.gold.size > 0,
      ),
    };
    const pOf = (r: Row) => {
      const m = near[nearModel(questionKind(r.e.evidence))];
      return { sure: sigmoid(linear(sure.weights, r.x, sure.bias)), near: sigmoid(linear(m.weights, r.x, m.bias)) };
    };
    const outcome = (r: Row, t: Thresholds) => outcomeAt(pOf(r), t, r.limits);

    const kinds: QuestionKind[] = ['question', 'claim', 'shortList'];
    const thresholds = {} as Record<QuestionKind, Thresholds>;
    for (const kind of kinds) {
      const ofKind = rows.filter((r) => questionKind(r.e.evidence) === kind);
      // A source with only a handful of questions of this kind (six claims parsed as plain questions) sets no limit.
      const share = (source: Source, t: Thresholds, counts: (o: AskOutcome, r: Row) => boolean) => {
        const set = ofKind.filter((r) => r.e.source === source);
        return set.length < MIN_SOURCE ? 0 : set.filter((r) => counts(outcome(r, t), r)).length / set.length;
      };
      const sureAt = lowest(
        (t) =>
          OUT_OF_SCOPE.every((s) => share(s, { sure: t, near: 1 }, (o) => o === 'answered') <= ANSWERED_LIMIT) &&
          share('chat', { sure: t, near: 1 }, (o, r) => o === 'answered' && !topIsGold(r.e)) <= WRONG_LIMIT,
      );
      const nearAt = lowest((t) => CLOSEST_LIMITS.every(([s, limit]) => share(s, { sure: sureAt, near: t }, (o) => o !== 'not_covered') <= limit));
      thresholds[kind] = { sure: sureAt, near: nearAt };
    }
    const thresholdsOf = (r: Row) => thresholds[questionKind(r.e.evidence)];
    log(`thresholds (sure / near): ${kinds.map((k) => `${k} ${thresholds[k].sure} / ${thresholds[k].near}`).join(', ')}`);
    log('on the tuning data, answered / closest / not covered (answered with a wrong paper first):');
    for (const source of sources.keys()) {
      const set = rows.filter((r) => r.e.source === source);
      const counts = { answered: 0, closest: 0, not_covered: 0, wrong: 0, shownRight: 0 };
      for (const r of set) {
        const o = outcome(r, thresholdsOf(r));
        counts[o]++;
        if (o === 'answered' && !topIsGold(r.e) && r.e.gold.size > 0) counts.wrong++;
        if (o !== 'not_covered' && topIsGold(r.e)) counts.shownRight++;
      }
      const pct = (n: number) => `${round((100 * n) / Math.max(1, set.length), 1)}%`;
      const right = set[0]?.e.gold.size ? `; right paper shown first ${pct(counts.shownRight)}, answered wrong ${pct(counts.wrong)}` : '';
      log(`  ${source} (${set.length}): ${pct(counts.answered)} / ${pct(counts.closest)} / ${pct(counts.not_covered)}${right}`);
    }

    const fmt = (values: number[]) => `[${values.map((v) => round(v, 4)).join(', ')}]`;
    const logistic = (m: Logistic) => `bias: ${round(m.bias, 4)}, weights: ${fmt(m.weights)}`;
    const thresholdsOfModel = (pick: (t: Thresholds) => number) => `thresholds: { ${kinds.map((k) => `${k}: ${pick(thresholds[k])}`).join(', ')} }`;
    writeFileSync(
      MODEL_FILE,
      `/**
 * Fitted by \`npm run fit:answers\` (bench/fit-answers.ts); do not edit by hand. \`sentence\` weighs
 * SENTENCE_FEATURES, \`rank\` RANK_FEATURES, \`sure\` and \`near\` DECISION_FEATURES (features.ts).
 *   sentence: ${SENTENCE_FEATURES.join(', ')}
 *   rank:     ${RANK_FEATURES.join(', ')}
 *   decision: ${DECISION_FEATURES.join(', ')}
 */
export const ANSWER_MODEL = {
  sentence: { weights: ${fmt(sentence)} },
  rank: { weights: ${fmt(rank)} },
  sure: { ${logistic(sure)}, ${thresholdsOfModel((t) => t.sure)} },
  near: { question: { ${logistic(near.question)} }, claim: { ${logistic(near.claim)} }, ${thresholdsOfModel((t) => t.near)} },
} as const;
`,
    );
    log(`wrote ${path.relative(PROJECT_ROOT, MODEL_FILE)}`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`fit:answers failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
