/**
 * The numbers the answer models read: per candidate paper, what ranks it (rank features), and for the
 * best paper, whether it answers at all (abstention features). Both models are fitted by
 * `npm run fit:answers` (bench/fit-answers.ts) into answer-model.ts.
 */
import type { Evidence, PaperEvidence, SentenceEvidence } from './evidence.js';
import type { Question } from './question.js';

export const SENTENCE_FEATURES = ['coverage', 'focus', 'proximity', 'phrase', 'typed', 'defining', 'introducesName', 'cue', 'first', 'last', 'figure', 'afterBest', 'position', 'soft'] as const;

/** What makes a sentence of a paper the one that answers: the question's words, and what the asked type looks like. */
export function sentenceFeatures(s: SentenceEvidence, sentences: number, question: Question): number[] {
  const naming = question.type === 'name' || question.type === 'paper' || question.type === 'definition';
  return [
    s.coverage,
    s.focus,
    s.proximity,
    s.phrase,
    s.typed ? 1 : 0,
    s.defining ? 1 : 0,
    naming && s.introduces ? 1 : 0,
    s.cue ? 1 : 0,
    s.index === 0 ? 1 : 0,
    s.index === sentences - 1 ? 1 : 0,
    NEEDS_VALUE.has(question.type) && s.digits ? 1 : 0,
    s.afterBest ? 1 : 0,
    s.index / Math.max(1, sentences - 1),
    s.soft,
  ];
}

export const RANK_FEATURES = [
  'coverage',
  'rareCoverage',
  'titleCoverage',
  'bestCoverage',
  'bestProximity',
  'bestPhrase',
  'bestTyped',
  'bestDefining',
  'retrieval',
  'exactName',
  'expansion',
  'namesPresent',
  'soft',
  'namesAsWritten',
] as const;

export function rankFeatures(p: PaperEvidence): number[] {
  return [
    p.coverage,
    p.rareCoverage,
    p.titleCoverage,
    p.best.coverage,
    p.best.proximity,
    p.best.phrase,
    p.best.typed ? 1 : 0,
    p.best.defining ? 1 : 0,
    p.retrieval,
    p.exactName ? 1 : 0,
    p.expansion ? 1 : 0,
    p.namesPresent ? 1 : 0,
    p.soft,
    p.namesAsWritten ? 1 : 0,
  ];
}

/** What the outcome is decided on: how well the best paper holds the question, and how much the list's field does. */
export const DECISION_FEATURES = [
  'coverage',
  'termShare',
  'lacksRarest',
  'claim',
  'rareCoverage',
  'titleCoverage',
  'bestCoverage',
  'bestPhrase',
  'margin',
  'topFiveCoverage',
  'unknownShare',
  'familiarShare',
  'missingValue',
  'namesMissing',
  'exactName',
  'nameAsked',
  'fieldShare',
  'bestFocus',
  'questionTerms',
  'everyday',
  'soft',
  'rareNamesPresent',
] as const;

/** Types answered by a value in a sentence (a date and authors come from the paper's record instead). */
export const NEEDS_VALUE: ReadonlySet<string> = new Set(['count', 'amount', 'score']);

/** Features of the best paper (papers sorted), or undefined when there is no candidate. */
export function decisionFeatures(evidence: Evidence): number[] | undefined {
  const [first, second] = evidence.papers;
  if (!first) return undefined;
  return [
    first.coverage,
    first.termShare,
    first.lacksRarest ? 1 : 0,
    evidence.question.type === 'claim' ? 1 : 0,
    first.rareCoverage,
    first.titleCoverage,
    first.best.coverage,
    first.best.phrase,
    first.score - (second?.score ?? 0),
    evidence.papers.slice(0, 5).reduce((sum, p) => sum + p.coverage, 0) / Math.min(5, evidence.papers.length),
    evidence.unknownShare,
    evidence.familiarShare,
    NEEDS_VALUE.has(evidence.question.type) && !first.best.typed ? 1 : 0,
    first.namesPresent ? 0 : 1,
    first.exactName ? 1 : 0,
    first.nameAsked ? 1 : 0,
    evidence.fieldShare,
    first.best.focus,
    Math.min(evidence.question.terms.length, 12) / 12,
    evidence.everyday,
    first.soft,
    first.rareNamesPresent ? 1 : 0,
  ];
}

export function linear(weights: readonly number[], x: readonly number[], bias = 0): number {
  let z = bias;
  for (let i = 0; i < x.length; i++) z += (weights[i] ?? 0) * x[i]!;
  return z;
}

export function sigmoid(z: number): number {
  return 1 / (1 + Math.exp(-z));
}
