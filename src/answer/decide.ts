/**
 * Whether the best paper answers the question: a logistic model over the evidence (coverage of the
 * question's weight and of its rarer words, the best sentence, the margin over the next paper,
 * whether the asked value was found, words no paper knows). Fitted, not set by hand: see
 * bench/fit-answers.ts for the data and the chosen threshold.
 */
import { ANSWER_MODEL } from './answer-model.js';
import type { AskOutcome } from '../results.js';
import { SHORT_LIST, type Evidence, type PaperEvidence, type SentenceEvidence } from './evidence.js';
import { NEEDS_VALUE } from './features.js';
import { abstainFeatures, linear, sigmoid } from './features.js';

/** Probability that the best paper answers the question (0 when there is no candidate). */
export function answerProbability(evidence: Evidence): number {
  const x = abstainFeatures(evidence);
  return x ? sigmoid(linear(ANSWER_MODEL.abstain.weights, x, ANSWER_MODEL.abstain.bias)) : 0;
}

export type QuestionKind = keyof typeof ANSWER_MODEL.abstain.thresholds;

/**
 * Each kind of question has its own threshold: a claim to check ("is it true that…") shares many
 * words with any paper of its field; a question to a short list (the bundled 50 papers) meets a
 * vocabulary that lacks many ordinary words; other questions name what they are about.
 */
export function questionKind(evidence: Evidence): QuestionKind {
  if (evidence.question.type === 'claim') return 'claim';
  return evidence.listSize < SHORT_LIST ? 'shortList' : 'question';
}

export function shouldAnswer(evidence: Evidence): boolean {
  return answerProbability(evidence) >= ANSWER_MODEL.abstain.thresholds[questionKind(evidence)];
}

/** Below the answer threshold, a paper this likely to answer is still shown, as the closest match. */
const CLOSEST = 0.3;

export function decideOutcome(evidence: Evidence): AskOutcome {
  const p = answerProbability(evidence);
  if (p >= ANSWER_MODEL.abstain.thresholds[questionKind(evidence)]) return 'answered';
  return p >= CLOSEST ? 'closest' : 'not_covered';
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

/** A paper shares the question's topic when it holds its rarest word or a good part of its weight. */
export function sharesTopic(evidence: Evidence, paper: PaperEvidence): boolean {
  return !paper.lacksRarest || paper.rareCoverage >= 0.5;
}
