/**
 * Scores `ask` on a question set, by outcome: for answerable questions, the right paper shown first
 * (answered or closest), the asked fact shown, and answers citing a wrong paper; for questions no
 * listed paper answers, how many were answered, shown as a closest match, or declined, by kind.
 */
import type { PaperCore } from '../src/core.js';
import type { AskOutcome } from '../src/results.js';
import type { EvalQuestion } from './questions.js';

/** Questions no listed paper answers: in the list's own field ("near-miss"), or everyday and other-field ones. */
export type ScopeKind = 'near-miss' | 'everyday';

export type OutcomeCounts = Record<AskOutcome, number>;

export interface StyleQuality {
  questions: number;
  shownFirst: number;
  factShown: number;
  answered: number;
}

export interface AnswerQuality {
  /** Answerable questions. */
  questions: number;
  /** The right paper cited first, answered or as the closest match. */
  shownFirst: number;
  /** The expected phrase in an answer or closest match of at most 600 characters. */
  factShown: number;
  /** Answerable questions by outcome. */
  outcomes: OutcomeCounts;
  /** Answered (sure) while citing another paper first. */
  answeredWrong: number;
  /** Questions no listed paper answers, by kind and outcome. */
  outOfScope: Record<ScopeKind, OutcomeCounts>;
  maxAnswerLength: number;
  byStyle: Record<string, StyleQuality>;
  failures: string[];
}

/** The kind of an out-of-scope question, from the fresh sets' own kinds. */
export function scopeKind(kind: string | undefined): ScopeKind {
  return kind === 'off-domain' || kind === 'everyday' ? 'everyday' : 'near-miss';
}

function isPaper(core: PaperCore, id: string | undefined, expected: string): boolean {
  if (!id) return false;
  if (id === expected) return true;
  const title = core.getPaper(id)?.title ?? '';
  return title.toLowerCase().startsWith(expected.toLowerCase());
}

export const fold = (text: string) => text.toLowerCase().replace(/\s+/g, ' ');
const noOutcomes = (): OutcomeCounts => ({ answered: 0, closest: 0, not_covered: 0 });

export type ScoredQuestion = EvalQuestion & { style?: string; kind?: string };

export function scoreAnswers(core: PaperCore, questions: ScoredQuestion[]): AnswerQuality {
  const quality: AnswerQuality = {
    questions: 0,
    shownFirst: 0,
    factShown: 0,
    outcomes: noOutcomes(),
    answeredWrong: 0,
    outOfScope: { 'near-miss': noOutcomes(), everyday: noOutcomes() },
    maxAnswerLength: 0,
    byStyle: {},
    failures: [],
  };
  for (const q of questions) {
    const result = core.ask(q.question);
    quality.maxAnswerLength = Math.max(quality.maxAnswerLength, result.answer.length);
    if (q.paper === null) {
      const kind = scopeKind(q.kind);
      quality.outOfScope[kind][result.outcome]++;
      if (result.outcome === 'answered' || (kind === 'everyday' && result.outcome === 'closest')) {
        quality.failures.push(`${result.outcome} an out-of-scope (${kind}) question: "${q.question}" -> ${result.answer.slice(0, 140)}`);
      }
      continue;
    }
    quality.questions++;
    quality.outcomes[result.outcome]++;
    const gold = isPaper(core, result.citations[0]?.id, q.paper);
    const first = result.found && gold;
    const fact = result.found && result.answer.length <= 600 && (!q.phrase || fold(result.answer).includes(fold(q.phrase)));
    if (first) quality.shownFirst++;
    if (fact) quality.factShown++;
    if (result.outcome === 'answered' && !gold) quality.answeredWrong++;
    if (q.style) {
      const style = (quality.byStyle[q.style] ??= { questions: 0, shownFirst: 0, factShown: 0, answered: 0 });
      style.questions++;
      if (first) style.shownFirst++;
      if (fact) style.factShown++;
      if (result.outcome === 'answered') style.answered++;
    }
    if (!first || !fact) {
      const cited = first ? '' : `${result.outcome}, cited ${result.citations[0]?.title.slice(0, 50) ?? 'nothing'}; `;
      quality.failures.push(`[${q.style ?? 'set'}] "${q.question}": ${cited}${fact ? '' : `lacks "${q.phrase}": ${result.answer.slice(0, 180)}`}`);
    }
  }
  return quality;
}

export interface ListQuality {
  questions: number;
  /** Answered with a list of at least two cited papers. */
  listed: number;
  /** Of the listed answers: at least two thirds of the cited papers are about the topic. */
  onTopic: number;
  failures: string[];
}

/** Broad questions ("any papers on X?"): a list of cited papers, most of them about X. */
export function scoreLists(core: PaperCore, questions: Array<{ question: string; topic?: string[] }>): ListQuality {
  const quality: ListQuality = { questions: 0, listed: 0, onTopic: 0, failures: [] };
  for (const q of questions) {
    quality.questions++;
    const result = core.ask(q.question);
    if (!result.found || result.citations.length < 2) {
      quality.failures.push(`"${q.question}": ${result.found ? `only ${result.citations.length} paper` : 'not covered'}`);
      continue;
    }
    quality.listed++;
    const topic = (q.topic ?? []).map(fold);
    const about = result.citations.filter((c) => {
      const paper = core.getPaper(c.id);
      const text = fold(`${paper?.title ?? ''} ${paper?.abstract ?? ''}`);
      return topic.some((t) => text.includes(t));
    }).length;
    if (about * 3 >= result.citations.length * 2) quality.onTopic++;
    else quality.failures.push(`"${q.question}": ${about}/${result.citations.length} cited papers on topic`);
  }
  return quality;
}
