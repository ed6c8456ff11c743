/**
 * Every answer-quality figure of the benchmark, measured on already-open libraries: the seed and
 * corpus question sets, the fresh set's halves, SciFact (search and ask) and the out-of-scope rates.
 */
import type { PaperCore } from '../src/core.js';
import { scoreAnswers, scoreLists, type AnswerQuality, type ListQuality, type OutcomeCounts } from './answer-quality.js';
import { loadFreshSets, type FreshSetName } from './fresh-set.js';
import { CORPUS_QUESTIONS, SEED_QUESTIONS, UNCOVERED_QUESTIONS } from './questions.js';
import {
  outcomeShares,
  claimQuestion,
  openSciFact,
  sciFactAvailable,
  sciFactClaims,
  scoreSciFactAsk,
  scoreSciFactSearch,
  type OutcomeShares,
  type SciFactAsk,
  type SciFactSearch,
  type SciFactSplit,
} from './scifact.js';
import { round } from './stats.js';

export interface FreshHalf {
  answers: AnswerQuality;
  lists: ListQuality;
}

export interface AnswerFigures {
  seed: AnswerQuality;
  corpus?: AnswerQuality;
  /** Each fresh set's halves, by set name. */
  fresh: Array<{ name: FreshSetName; tuning: FreshHalf; test: FreshHalf }>;
  scifact?: {
    split: SciFactSplit;
    search: SciFactSearch;
    ask: SciFactAsk;
    /** SciFact claims asked of the shared (machine-learning) corpus: answered, and shown as a closest match. */
    claimsOnCorpus?: OutcomeShares;
    /** Fresh shared-corpus questions asked of SciFact. */
    freshOnSciFact?: OutcomeShares;
  };
}

export interface AnswerInputs {
  seed: PaperCore;
  /** The shared corpus, when it is there. */
  corpus: PaperCore | undefined;
  split: SciFactSplit;
  /** A scratch directory, and where index caches go. */
  work: string;
  cacheDir: string | null;
}

export async function measureAnswers(inputs: AnswerInputs): Promise<AnswerFigures> {
  const { seed, corpus, split } = inputs;
  const figures: AnswerFigures = { seed: scoreAnswers(seed, [...SEED_QUESTIONS, ...UNCOVERED_QUESTIONS]), fresh: [] };
  const sets = loadFreshSets();
  if (corpus) {
    figures.corpus = scoreAnswers(corpus, [...CORPUS_QUESTIONS, ...UNCOVERED_QUESTIONS]);
    for (const { name, questions } of sets) {
      const half = (split: 'tuning' | 'test'): FreshHalf => {
        const of = questions.filter((q) => q.split === split);
        return { answers: scoreAnswers(corpus, of.filter((q) => q.style !== 'list')), lists: scoreLists(corpus, of.filter((q) => q.style === 'list')) };
      };
      const test = half('test');
      // The test half is reported as figures only, so nobody tunes on it by reading its misses.
      test.answers.failures = [];
      test.lists.failures = [];
      figures.fresh.push({ name, tuning: half('tuning'), test });
    }
  }
  if (sciFactAvailable()) {
    const scifact = await openSciFact(inputs.work, inputs.cacheDir);
    const claims = sciFactClaims(split);
    figures.scifact = { split, search: scoreSciFactSearch(scifact, claims), ask: scoreSciFactAsk(scifact, claims) };
    if (corpus) figures.scifact.claimsOnCorpus = outcomeShares(corpus, claims.map((c) => claimQuestion(c.claim)));
    const fresh = sets.flatMap((set) => set.questions).filter((q) => q.paper !== null);
    if (fresh.length > 0) figures.scifact.freshOnSciFact = outcomeShares(scifact, fresh.map((q) => q.question));
  }
  return figures;
}

const pct = (part: number, whole: number) => `${round((100 * part) / Math.max(1, whole), 1)}%`;

const outcomes = (o: OutcomeCounts) => `${o.answered} / ${o.closest} / ${o.not_covered}`;

export function answerRows(f: AnswerFigures): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  const set = (name: string, a: AnswerQuality) => {
    rows.push([
      `answers (${name}, ${a.questions} answerable): right paper shown first / fact shown / answered citing a wrong paper`,
      `${pct(a.shownFirst, a.questions)} / ${pct(a.factShown, a.questions)} / ${pct(a.answeredWrong, a.questions)} (longest ${a.maxAnswerLength} chars)`,
    ]);
    rows.push([`  ${name}: answerable answered / closest / not covered`, outcomes(a.outcomes)]);
    for (const kind of ['near-miss', 'everyday'] as const) {
      const o = a.outOfScope[kind];
      if (o.answered + o.closest + o.not_covered > 0) rows.push([`  ${name}: out of scope, ${kind}: answered / closest / not covered`, outcomes(o)]);
    }
  };
  set('seed', f.seed);
  if (f.corpus) set('corpus', f.corpus);
  for (const fresh of f.fresh) {
    for (const half of ['tuning', 'test'] as const) {
      const h = fresh[half];
      const name = `${fresh.name} ${half}`;
      set(name, h.answers);
      const styles = Object.entries(h.answers.byStyle)
        .map(([style, s]) => `${style} ${s.shownFirst}/${s.factShown}/${s.answered}/${s.questions}`)
        .join(', ');
      rows.push([`  ${name} by style (first/fact/answered/of)`, styles]);
      if (h.lists.questions > 0) rows.push([`  ${name} lists (${h.lists.questions}): listed / two thirds on topic`, `${pct(h.lists.listed, h.lists.questions)} / ${pct(h.lists.onTopic, h.lists.questions)}`]);
    }
  }
  const s = f.scifact;
  if (s) {
    rows.push([`SciFact ${s.split} search (${s.search.claims} claims): nDCG@10 / R@10 / P@1`, `${round(s.search.ndcg10, 3)} / ${round(s.search.recall10, 3)} / ${round(s.search.p1, 3)}`]);
    rows.push([
      `SciFact ${s.split} ask, answered only: answered / first citation gold / evidence quoted`,
      `${pct(s.ask.answered, s.ask.claims)} / ${pct(s.ask.goldFirst, s.ask.claims)} / ${pct(s.ask.evidenceQuoted, s.ask.withEvidence)} (of ${s.ask.withEvidence} with evidence)`,
    ]);
    rows.push([
      `SciFact ${s.split} ask, answered or closest: shown / first citation gold / evidence quoted`,
      `${pct(s.ask.shown, s.ask.claims)} / ${pct(s.ask.shownGoldFirst, s.ask.claims)} / ${pct(s.ask.shownEvidenceQuoted, s.ask.withEvidence)}`,
    ]);
    if (s.claimsOnCorpus) rows.push(['out of scope: SciFact claims on the shared corpus, answered / closest', `${pct(s.claimsOnCorpus.answered, 1)} / ${pct(s.claimsOnCorpus.closest, 1)}`]);
    if (s.freshOnSciFact) rows.push(['out of scope: fresh questions on SciFact, answered / closest', `${pct(s.freshOnSciFact.answered, 1)} / ${pct(s.freshOnSciFact.closest, 1)}`]);
  }
  return rows;
}

export function printAnswers(f: AnswerFigures, options: { misses: boolean }): void {
  const rows = answerRows(f);
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
  if (options.misses) printMisses(f);
}

/** The misses of the sets one may tune on; the fresh test half is never listed. */
export function printMisses(f: AnswerFigures): void {
  const tuning: Array<[string, string[]]> = [
    ['seed', f.seed.failures],
    ['corpus', f.corpus?.failures ?? []],
    ...f.fresh.map((set): [string, string[]] => [`${set.name} tuning`, [...set.tuning.answers.failures, ...set.tuning.lists.failures]]),
  ];
  for (const [name, failures] of tuning) for (const miss of failures) process.stdout.write(`  ${name} miss: ${miss}\n`);
}
