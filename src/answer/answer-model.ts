/**
 * Fitted by `npm run fit:answers` (bench/fit-answers.ts); do not edit by hand. `sentence` weighs
 * SENTENCE_FEATURES, `rank` RANK_FEATURES, `sure` and `near` DECISION_FEATURES (features.ts).
 *   sentence: coverage, focus, proximity, phrase, typed, defining, introducesName, cue, first, last, figure, afterBest, position, soft
 *   rank:     coverage, rareCoverage, titleCoverage, bestCoverage, bestProximity, bestPhrase, bestTyped, bestDefining, retrieval, exactName, expansion, namesPresent, soft
 *   decision: coverage, termShare, lacksRarest, claim, rareCoverage, titleCoverage, bestCoverage, bestPhrase, margin, topFiveCoverage, unknownShare, familiarShare, missingValue, namesMissing, exactName, nameAsked, fieldShare, bestFocus, questionTerms, everyday, soft, rareNamesPresent
 */
export const ANSWER_MODEL = {
  sentence: { weights: [4.4955, 2.2814, 2.1332, 1.2326, 3.0817, 4.1444, 2.4102, 0.9397, -0.5102, -1.2369, 2.6434, 0.3705, 1.9738, 0.2347] },
  rank: { weights: [1.4029, 2.4243, -0.0599, 1.2605, 1.0408, 2.1622, 1.1452, 1.6843, 4.0646, 1.3946, 1.6773, 1.6475, 0.0289] },
  sure: { bias: -4.8368, weights: [0.9539, 1.1713, -0.4193, 0.1477, 0.6003, 0.9024, 0.7549, 1.1786, 0.1205, 0.5027, -0.7441, -0.032, -0.7295, -0.1305, 0.3008, 0.6232, 0.7988, 0.3709, 1.187, -0.4974, 6.3504, 0.302], thresholds: { question: 0.41, claim: 0.29, shortList: 0.05 } },
  near: { bias: -4.3662, weights: [0.9543, 1.2954, -0.3399, 0.5396, 0.6055, 1.0206, 0.7351, 1.0683, 0.0673, 0.8834, -1.118, 0.3337, -0.3033, -0.084, 0.4319, 0.5095, 1.4759, 0.3087, 1.1758, -1.2212, 6.8717, 0.4787], thresholds: { question: 0.4, claim: 0.3, shortList: 0.05 } },
} as const;
