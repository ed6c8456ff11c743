/**
 * Whether the best paper answers the question: a logistic model over the evidence (coverage of the
 * question's weight and of its rarer words, the best sentence, the margin over the next paper,
 * whether the asked value was found, words no paper knows). Fitted, not set by hand: see
 * bench/fit-answers.ts for the data and the chosen threshold.
 */
import { ANSWER_MODEL } from './answer-model.js';
import type { Evidence } from './evidence.js';
import { abstainFeatures, linear, sigmoid } from './features.js';

/** Probability that the best paper answers the question (0 when there is no candidate). */
export function answerProbability(evidence: Evidence): number {
  const x = abstainFeatures(evidence);
  return x ? sigmoid(linear(ANSWER_MODEL.abstain.weights, x, ANSWER_MODEL.abstain.bias)) : 0;
}

/**
 * Claims to check ("is it true that…") and questions about a paper have their own thresholds: a
 * claim shares many words with any paper of its field, a question names what it is about.
 */
export function shouldAnswer(evidence: Evidence): boolean {
  const { thresholds } = ANSWER_MODEL.abstain;
  return answerProbability(evidence) >= (evidence.question.type === 'claim' ? thresholds.claim : thresholds.question);
}
