/**
 * Every answer-quality figure of the benchmark, measured on already-open libraries: the seed and
 * corpus question sets, the fresh set's halves, SciFact (search and ask) and the out-of-scope rates.
 */
import type { PaperCore } from '../src/core.js';
import { scoreAnswers, scoreLists, type AnswerQuality, type ListQuality } from './answer-quality.js';
import { loadFreshQuestions } from './fresh-set.js';
import { CORPUS_QUESTIONS, SEED_QUESTIONS, UNCOVERED_QUESTIONS } from './questions.js';
import {
  answeredShare,
  claimQuestion,
  openSciFact,
  sciFactAvailable,
  sciFactClaims,
  scoreSciFactAsk,
  scoreSciFactSearch,
  type SciFactAsk,
  type SciFactSearch,
  type SciFactSplit,
} from './scifact.js';
import { round } from './stats.js';

export interface AnswerFigures {
  seed: AnswerQuality;
  corpus?: AnswerQuality;
  fresh?: Record<'tuning' | 'test', { answers: AnswerQuality; lists: ListQuality }>;
  scifact?: {
    split: SciFactSplit;
    search: SciFactSearch;
    ask: SciFactAsk;
    /** SciFact claims asked of the shared (machine-learning) corpus: should be declined. */
    claimsAnsweredOnCorpus?: number;
    /** Fresh shared-corpus questions asked of SciFact: should be declined. */
    freshAnsweredOnSciFact?: number;
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
  const figures: AnswerFigures = { seed: scoreAnswers(seed, [...SEED_QUESTIONS, ...UNCOVERED_QUESTIONS]) };
  const fresh = loadFreshQuestions();
  if (corpus) {
    figures.corpus = scoreAnswers(corpus, [...CORPUS_QUESTIONS, ...UNCOVERED_QUESTIONS]);
    if (fresh) {
      const half = (name: 'tuning' | 'test') => {
        const questions = fresh.filter((q) => q.split === name);
        return {
          answers: scoreAnswers(corpus, questions.filter((q) => q.style !== 'list')),
          lists: scoreLists(corpus, questions.filter((q) => q.style === 'list')),
        };
      };
      const test = half('test');
      // The test half is reported as figures only, so nobody tunes on it by reading its misses.
      test.answers.failures = [];
      test.lists.failures = [];
      figures.fresh = { tuning: half('tuning'), test };
    }
  }
  if (sciFactAvailable()) {
    const scifact = await openSciFact(inputs.work, inputs.cacheDir);
    const claims = sciFactClaims(split);
    figures.scifact = { split, search: scoreSciFactSearch(scifact, claims), ask: scoreSciFactAsk(scifact, claims) };
    if (corpus) figures.scifact.claimsAnsweredOnCorpus = answeredShare(corpus, claims.map((c) => claimQuestion(c.claim)));
    if (fresh) figures.scifact.freshAnsweredOnSciFact = answeredShare(scifact, fresh.filter((q) => q.paper !== null).map((q) => q.question));
  }
  return figures;
}

const pct = (part: number, whole: number) => `${round((100 * part) / Math.max(1, whole), 1)}%`;

export function answerRows(f: AnswerFigures): Array<[string, string]> {
  const rows: Array<[string, string]> = [];
  const set = (name: string, a: AnswerQuality) =>
    rows.push([
      `answers (${name}, ${a.questions} questions): cited first / fact in answer / not covered`,
      `${pct(a.citedFirst, a.questions)} / ${pct(a.factInAnswer, a.questions)} / ${a.uncoveredCorrect}/${a.uncovered} (longest ${a.maxAnswerLength} chars)`,
    ]);
  set('seed', f.seed);
  if (f.corpus) set('corpus', f.corpus);
  for (const half of ['tuning', 'test'] as const) {
    const h = f.fresh?.[half];
    if (!h) continue;
    set(`fresh ${half}`, h.answers);
    const styles = Object.entries(h.answers.byStyle)
      .map(([style, s]) => `${style} ${s.citedFirst}/${s.factInAnswer}/${s.questions}`)
      .join(', ');
    rows.push([`  fresh ${half} by style (first/fact/of)`, styles]);
    rows.push([`  fresh ${half} lists (${h.lists.questions}): listed / two thirds on topic`, `${pct(h.lists.listed, h.lists.questions)} / ${pct(h.lists.onTopic, h.lists.questions)}`]);
  }
  const s = f.scifact;
  if (s) {
    rows.push([`SciFact ${s.split} search (${s.search.claims} claims): nDCG@10 / R@10 / P@1`, `${round(s.search.ndcg10, 3)} / ${round(s.search.recall10, 3)} / ${round(s.search.p1, 3)}`]);
    rows.push([
      `SciFact ${s.split} ask: answered / first citation gold / evidence quoted`,
      `${pct(s.ask.answered, s.ask.claims)} / ${pct(s.ask.goldFirst, s.ask.claims)} / ${pct(s.ask.evidenceQuoted, s.ask.withEvidence)} (of ${s.ask.withEvidence} with evidence)`,
    ]);
    if (s.claimsAnsweredOnCorpus !== undefined) rows.push(['out of scope: SciFact claims answered on the shared corpus', pct(s.claimsAnsweredOnCorpus, 1)]);
    if (s.freshAnsweredOnSciFact !== undefined) rows.push(['out of scope: fresh questions answered on SciFact', pct(s.freshAnsweredOnSciFact, 1)]);
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
    ['fresh tuning', [...(f.fresh?.tuning.answers.failures ?? []), ...(f.fresh?.tuning.lists.failures ?? [])]],
  ];
  for (const [name, failures] of tuning) for (const miss of failures) process.stdout.write(`  ${name} miss: ${miss}\n`);
}
