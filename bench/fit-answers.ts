/**
 * `npm run fit:answers`: fits the two answer models of src/answer/answer-model.ts on tuning data only,
 * and rewrites that file.
 *
 * - The ranker (a linear score over RANK_FEATURES) is fitted with a softmax over each question's
 *   candidate papers, the gold papers as targets (listwise logistic loss, L2-regularised).
 * - The abstention model (logistic regression over ABSTAIN_FEATURES) is fitted to "a listed paper
 *   answers this question" (1) against questions no listed paper answers (0). Whether the best
 *   paper is the right one is the ranker's job; abstention decides whether the list covers the
 *   question at all, from how well the best paper holds it.
 *
 * Tuning data: the seed and corpus questions (bench/questions.ts), the tuning half of the fresh set,
 * the SciFact train claims on SciFact (gold abstracts) and, as questions nobody should answer, the
 * SciFact train claims on the shared corpus and the fresh tuning questions on SciFact. The test half
 * of the fresh set and the SciFact dev claims are never read here. Each source weighs the same in
 * total, whatever its size, so 809 claims do not drown 100 chat questions.
 *
 * Claims ("is it true that…"), questions to a short list and other questions get a threshold each
 * (abstain.ts, questionKind): the lowest probability at which, among questions of that kind, the
 * SciFact claims on the shared corpus and the fresh questions on SciFact are answered at most 1.5% of
 * the time and the chat questions no paper answers at most one in twenty (a few of them share their
 * rare words with a real paper, such as "who won the World Cup?" with a paper that quotes that very
 * question).
 */
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_CORPUS, PROJECT_ROOT } from '../src/config.js';
import type { Evidence } from '../src/answer/evidence.js';
import { rankPapers } from '../src/answer/rank.js';
import { questionKind, type QuestionKind } from '../src/answer/decide.js';
import { ABSTAIN_FEATURES, RANK_FEATURES, abstainFeatures, linear, rankFeatures, sigmoid } from '../src/answer/features.js';
import { Library } from '../src/library.js';
import { loadFreshQuestions } from './fresh-set.js';
import { CORPUS_QUESTIONS, SEED_QUESTIONS, UNCOVERED_QUESTIONS } from './questions.js';
import { claimQuestion, openSciFact, sciFactClaims } from './scifact.js';
import { round } from './stats.js';

const SHARED_CORPUS = path.resolve(PROJECT_ROOT, '../shared/corpus/papers.jsonl');
const MODEL_FILE = path.join(PROJECT_ROOT, 'src', 'answer', 'answer-model.ts');

interface Example {
  source: string;
  evidence: Evidence;
  /** Ids of the papers that answer it; empty when none does. */
  gold: Set<string>;
  weight: number;
}

/** A seed question names its paper by a title prefix. */
function goldIds(library: Library, paper: string): Set<string> {
  const id = library.show(paper).paper?.id;
  if (!id) throw new Error(`no seed paper matches "${paper}"`);
  return new Set([id]);
}

function rescore(examples: Example[], weights: number[]): void {
  for (const e of examples) rankPapers(e.evidence.papers, weights);
}

/** Listwise softmax fit of the rank weights, by full-batch gradient descent. */
function fitRanker(examples: Example[], start: number[]): number[] {
  const usable = examples.filter((e) => e.evidence.papers.some((p) => e.gold.has(p.paper.id)));
  const w = [...start];
  const rate = 0.5;
  const l2 = 0.001;
  for (let step = 0; step < 1500; step++) {
    const grad = w.map((v) => l2 * v);
    let total = 0;
    for (const e of usable) {
      const xs = e.evidence.papers.map(rankFeatures);
      const zs = xs.map((x) => linear(w, x));
      const max = Math.max(...zs);
      const ps = zs.map((z) => Math.exp(z - max));
      const sum = ps.reduce((a, b) => a + b, 0);
      const goldMass = e.evidence.papers.reduce((m, p, i) => m + (e.gold.has(p.paper.id) ? ps[i]! : 0), 0);
      e.evidence.papers.forEach((p, i) => {
        const pi = ps[i]! / sum;
        const qi = e.gold.has(p.paper.id) ? ps[i]! / goldMass : 0;
        xs[i]!.forEach((x, k) => {
          grad[k]! += e.weight * (pi - qi) * x;
        });
      });
      total += e.weight;
    }
    for (let k = 0; k < w.length; k++) w[k]! -= (rate * grad[k]!) / total;
  }
  return w;
}

/**
 * L2 penalty on the standardised abstention weights: strong enough that correlated features (the
 * coverages) share their weight instead of cancelling, chosen by 5-fold cross-validation on the
 * tuning questions (it answered the most in-scope questions at the same out-of-scope rate).
 */
const L2 = 0.1;

/** Weighted logistic regression, full-batch gradient descent on standardised features. */
function fitLogistic(xs: number[][], ys: number[], weights: number[]): { bias: number; weights: number[] } {
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

async function main(): Promise<void> {
  if (!existsSync(SHARED_CORPUS)) throw new Error(`fit:answers needs the shared corpus at ${SHARED_CORPUS}`);
  const work = mkdtempSync(path.join(os.tmpdir(), 'paperbot-fit-'));
  const cacheDir = process.env.PAPERBOT_CACHE_DIR ?? path.join(work, 'cache');
  const log = (line: string) => process.stderr.write(`${line}\n`);
  try {
    const seed = await Library.open({ corpus: [DEFAULT_CORPUS], cacheDir: null });
    const corpus = await Library.open({ corpus: [SHARED_CORPUS], cacheDir });
    const scifact = await openSciFact(work, cacheDir);
    const fresh = (loadFreshQuestions() ?? []).filter((q) => q.split === 'tuning' && q.style !== 'list');
    const claims = sciFactClaims('train');
    log(`tuning data: ${SEED_QUESTIONS.length} seed, ${CORPUS_QUESTIONS.length} corpus, ${fresh.length} fresh tuning questions, ${claims.length} SciFact train claims`);

    const sources = new Map<string, Array<Omit<Example, 'weight'>>>();
    const add = (source: string, library: Library, question: string, gold: Set<string>) => {
      const list = sources.get(source) ?? [];
      list.push({ source, evidence: library.evidence(question), gold });
      sources.set(source, list);
    };
    for (const q of SEED_QUESTIONS) add('chat', seed, q.question, goldIds(seed, q.paper!));
    for (const q of [...CORPUS_QUESTIONS, ...fresh.filter((f) => f.paper !== null)]) add('chat', corpus, q.question, new Set([q.paper!]));
    for (const q of [...UNCOVERED_QUESTIONS, ...fresh.filter((f) => f.paper === null)]) {
      add('chat not covered', seed, q.question, new Set());
      add('chat not covered', corpus, q.question, new Set());
    }
    for (const c of claims) add('SciFact claims', scifact, claimQuestion(c.claim), c.gold);
    for (const c of claims) add('SciFact claims on the shared corpus', corpus, claimQuestion(c.claim), new Set());
    for (const q of fresh.filter((f) => f.paper !== null)) add('fresh questions on SciFact', scifact, q.question, new Set());
    const examples: Example[] = [...sources.values()].flatMap((list) => list.map((e) => ({ ...e, weight: 1 / list.length })));
    const dump = process.argv.indexOf('--dump');
    if (dump >= 0) {
      // For offline analysis: every example with its candidates' features.
      const lines = examples.map((e) =>
        JSON.stringify({
          source: e.source,
          question: e.evidence.question.text,
          type: e.evidence.question.type,
          terms: [...e.evidence.weights].map(([t, w]) => [t, round(w, 3)]),
          unknownShare: e.evidence.unknownShare,
          familiarShare: e.evidence.familiarShare,
          gold: [...e.gold],
          abstain: abstainFeatures(e.evidence),
          papers: e.evidence.papers.map((p) => ({ id: p.paper.id, rank: rankFeatures(p), termShare: p.termShare, lacksRarest: p.lacksRarest })),
        }),
      );
      writeFileSync(process.argv[dump + 1]!, `${lines.join('\n')}\n`);
    }

    const answerable = examples.filter((e) => e.gold.size > 0);
    const report = (label: string) => {
      for (const source of ['chat', 'SciFact claims']) {
        const set = answerable.filter((e) => e.source === source);
        log(`${label}: ${source}: best paper gold ${round((100 * set.filter(topIsGold).length) / set.length, 1)}% of ${set.length}`);
      }
    };
    const { ANSWER_MODEL } = await import('../src/answer/answer-model.js');
    rescore(examples, [...ANSWER_MODEL.rank.weights]);
    report('current ranker');
    // A feature added since the last fit starts at weight 0.
    const rank = fitRanker(answerable, RANK_FEATURES.map((_, k) => ANSWER_MODEL.rank.weights[k] ?? 0));
    rescore(examples, rank);
    report('fitted ranker');

    const rows = examples.flatMap((e) => {
      const x = abstainFeatures(e.evidence);
      return x ? [{ e, x, y: e.gold.size > 0 ? 1 : 0 }] : [];
    });
    const abstain = fitLogistic(
      rows.map((r) => r.x),
      rows.map((r) => r.y),
      rows.map((r) => r.e.weight),
    );
    const probability = (x: number[]) => sigmoid(linear(abstain.weights, x, abstain.bias));
    const negatives = [...new Set(rows.filter((r) => r.e.gold.size === 0).map((r) => r.e.source))];
    const limit = (source: string) => (source === 'chat not covered' ? 0.05 : 0.015);
    const thresholdFor = (kind: QuestionKind) => {
      const ofKind = rows.filter((r) => questionKind(r.e.evidence) === kind);
      const share = (source: string, t: number) => {
        const set = ofKind.filter((r) => r.e.source === source);
        return set.length === 0 ? 0 : set.filter((r) => probability(r.x) >= t).length / set.length;
      };
      for (let t = 0.05; t <= 0.951; t += 0.01) if (negatives.every((s) => share(s, t) <= limit(s))) return round(t, 2);
      return 0.95;
    };
    const thresholds = { question: thresholdFor('question'), claim: thresholdFor('claim'), shortList: thresholdFor('shortList') };
    const thresholdOf = (r: (typeof rows)[number]) => thresholds[questionKind(r.e.evidence)];
    for (const source of sources.keys()) {
      const set = rows.filter((r) => r.e.source === source);
      const answered = set.filter((r) => probability(r.x) >= thresholdOf(r));
      const right = answered.filter((r) => topIsGold(r.e)).length;
      log(
        `thresholds ${thresholds.question} / ${thresholds.claim} (claims) / ${thresholds.shortList} (short lists): ${source}: answered ${round((100 * answered.length) / set.length, 1)}%, of them best paper gold ${round((100 * right) / Math.max(1, answered.length), 1)}% (${set.length} questions)`,
      );
    }

    const fmt = (values: number[]) => `[${values.map((v) => round(v, 4)).join(', ')}]`;
    writeFileSync(
      MODEL_FILE,
      `/**
 * Fitted by \`npm run fit:answers\` (bench/fit-answers.ts); do not edit by hand. \`rank\` weighs
 * RANK_FEATURES, \`abstain\` weighs ABSTAIN_FEATURES (features.ts).
 *   rank:    ${RANK_FEATURES.join(', ')}
 *   abstain: ${ABSTAIN_FEATURES.join(', ')}
 */
export const ANSWER_MODEL = {
  rank: { weights: ${fmt(rank)} },
  abstain: { bias: ${round(abstain.bias, 4)}, weights: ${fmt(abstain.weights)}, thresholds: { question: ${thresholds.question}, claim: ${thresholds.claim}, shortList: ${thresholds.shortList} } },
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
