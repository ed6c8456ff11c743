/**
 * The outcome of a question to the whole list, from two fitted logistic models over the evidence
 * (features.ts): `sure`, the probability that the best paper answers it, and `near`, the probability
 * that the question belongs to the list's field at all. Sure enough answers; near enough shows the
 * closest match; otherwise the list does not cover it. Both are fitted, with their thresholds, by
 * bench/fit-answers.ts.
 */
import type { AskOutcome } from '../results.js';
import { ANSWER_MODEL } from './answer-model.js';
import { SHORT_LIST, type Evidence, type PaperEvidence, type SentenceEvidence } from './evidence.js';
import { decisionFeatures, linear, NEEDS_VALUE, sigmoid } from './features.js';

export type QuestionKind = keyof typeof ANSWER_MODEL.sure.thresholds;

/**
 * Each kind of question has its own thresholds: a claim to check ("is it true that…") shares many
 * words with any paper of its field; a question to a short list (the bundled 50 papers) meets a
 * vocabulary that lacks many ordinary words; other questions name what they are about.
 */
export function questionKind(evidence: Evidence): QuestionKind {
  if (evidence.question.type === 'claim') return 'claim';
  return evidence.listSize < SHORT_LIST ? 'shortList' : 'question';
}

export interface Probabilities {
  /** The best paper answers the question. */
  sure: number;
  /** The question is in the list's field: a paper is near. */
  near: number;
}

/** Claims ("is it true that…") have a near model of their own: what keeps another field's claims out differs from what keeps chat out. */
export function nearModel(kind: QuestionKind): 'claim' | 'question' {
  return kind === 'claim' ? 'claim' : 'question';
}

export function probabilities(evidence: Evidence): Probabilities {
  const x = decisionFeatures(evidence);
  if (!x) return { sure: 0, near: 0 };
  const { sure } = ANSWER_MODEL;
  const near = ANSWER_MODEL.near[nearModel(questionKind(evidence))];
  return { sure: sigmoid(linear(sure.weights, x, sure.bias)), near: sigmoid(linear(near.weights, x, near.bias)) };
}

/** What the evidence itself rules out, whatever the models say. */
export interface Limits {
  /** An answer about a name no listed paper uses ("PRDC" when the list has "PMDC"), or to "how many/much…" without a number of the asked thing, is at most a closest match. */
  unsure: boolean;
  /** A best paper that does not share what the question is about is no closest match ("a simple recipe for sourdough bread" is not near "a simple RL recipe"). */
  offTopic: boolean;
  /** The question says the best paper's own coined name ("what does passiveqa pick?"): that paper is near, whatever else the question says. */
  named: boolean;
}

export function limits(evidence: Evidence): Limits {
  const top = evidence.papers[0];
  return {
    unsure: evidence.missingNames.length > 0 || (NEEDS_VALUE.has(evidence.question.type) && top !== undefined && !top.best.typed),
    offTopic: top === undefined || !sharesTopic(top),
    named: top?.coinedNameAsked ?? false,
  };
}

export interface Thresholds {
  sure: number;
  near: number;
}

/** The outcome at given thresholds (the fitting bench tries many; `decideOutcome` uses the fitted ones). */
export function outcomeAt(p: Probabilities, thresholds: Thresholds, limited: Limits): AskOutcome {
  if (p.sure >= thresholds.sure) return limited.unsure ? 'closest' : 'answered';
  return (p.near >= thresholds.near && !limited.offTopic) || limited.named ? 'closest' : 'not_covered';
}

/** The outcome for evidence ranked by rank.ts. */
export function decideOutcome(evidence: Evidence): AskOutcome {
  if (evidence.papers.length === 0) return 'not_covered';
  const kind = questionKind(evidence);
  const thresholds = { sure: ANSWER_MODEL.sure.thresholds[kind], near: ANSWER_MODEL.near.thresholds[kind] };
  return outcomeAt(probabilities(evidence), thresholds, limits(evidence));
}

/**
 * For a question put to one paper: its abstract answers when a sentence holds a value of the asked
 * thing ("how many datasets…"), or holds most of what the question asks beyond the paper's own title
 * words; the question's nouns say what it is about, its other words may be paraphrased ("contain"
 * for "consists of"), so they weigh half.
 */
export function abstractAnswers(evidence: Evidence): boolean {
  const top = evidence.papers[0];
  if (!top) return false;
  if (NEEDS_VALUE.has(evidence.question.type)) return top.best.typed;
  const { nouns } = evidence.question;
  const asked = [...evidence.weights].filter(([term]) => !top.titleTerms.has(term)).map(([term, w]) => [term, nouns.has(term) ? w : w / 2] as const);
  if (asked.length === 0) return true;
  const total = asked.reduce((sum, [, w]) => sum + w, 0);
  const held = (s: SentenceEvidence) => asked.reduce((sum, [term, w]) => sum + (s.terms.has(term) ? w : 0), 0) / total;
  return Math.max(...top.sentences.map(held)) >= ABSTRACT_ANSWERS;
}

/** The share of the asked words one sentence must hold to answer a question put to one paper. */
const ABSTRACT_ANSWERS = 0.5;

/**
 * A paper shares the question's topic when it holds most of the weight of the question's nouns, what
 * the question is about: "how do I make sourdough rise?" shares nothing with a paper that rises.
 */
export function sharesTopic(paper: PaperEvidence): boolean {
  return paper.nounCoverage >= TOPIC_SHARE;
}

const TOPIC_SHARE = 0.3;
