/**
 * Fitted by `npm run fit:answers` (bench/fit-answers.ts); do not edit by hand. `sentence` weighs
 * SENTENCE_FEATURES, `rank` RANK_FEATURES, `sure` and `near` DECISION_FEATURES (features.ts).
 *   sentence: coverage, focus, proximity, phrase, typed, defining, introducesName, cue, first, last, figure, afterBest, position
 *   rank:     coverage, rareCoverage, titleCoverage, bestCoverage, bestProximity, bestPhrase, bestTyped, bestDefining, retrieval, exactName, expansion, namesPresent
 *   decision: coverage, termShare, lacksRarest, claim, rareCoverage, titleCoverage, bestCoverage, bestPhrase, margin, topFiveCoverage, unknownShare, familiarShare, missingValue, namesMissing, exactName, nameAsked, fieldShare, bestFocus, questionTerms
 */
export const ANSWER_MODEL = {
  sentence: { weights: [4.7484, 2.1433, 2.0317, 1.3148, 3.0692, 4.0883, 2.4265, 0.9408, -0.5821, -1.1856, 2.6887, 0.4533, 1.9675] },
  rank: { weights: [1.4443, 2.2648, -0.1197, 1.3455, 0.8913, 2.3064, 1.1589, 1.7255, 4.0948, 1.4124, 1.719, 1.5775] },
  sure: { bias: -5.4321, weights: [1.0401, 1.293, -0.3841, 0.2508, 0.5911, 0.8907, 0.9158, 1.1752, 0.1341, 0.6007, -0.5456, 0.0895, -0.8771, -0.161, 0.4047, 0.7576, 0.899, 0.5086, 1.2666], thresholds: { question: 0.58, claim: 0.3, shortList: 0.05 } },
  near: { bias: -5.8233, weights: [1.1411, 1.5947, -0.2698, 0.6944, 0.5381, 0.9104, 1.0106, 1.0248, 0.0904, 1.1513, -0.7898, 0.621, -0.6978, 0.0045, 0.614, 0.6755, 1.9798, 0.6042, 1.4936], thresholds: { question: 0.52, claim: 0.42, shortList: 0.06 } },
} as const;
