/**
 * Fitted by `npm run fit:answers` (bench/fit-answers.ts); do not edit by hand. `sentence` weighs
 * SENTENCE_FEATURES, `rank` RANK_FEATURES, `sure` and `near` DECISION_FEATURES (features.ts).
 *   sentence: coverage, focus, proximity, phrase, typed, defining, introducesName, cue, first, last, figure, afterBest, position
 *   rank:     coverage, rareCoverage, titleCoverage, bestCoverage, bestProximity, bestPhrase, bestTyped, bestDefining, retrieval, exactName, expansion, namesPresent
 *   decision: coverage, termShare, lacksRarest, claim, rareCoverage, titleCoverage, bestCoverage, bestPhrase, margin, topFiveCoverage, unknownShare, familiarShare, missingValue, namesMissing, exactName, nameAsked, fieldShare, bestFocus, questionTerms, everyday
 */
export const ANSWER_MODEL = {
  sentence: { weights: [4.6214, 2.2338, 2.0819, 1.2818, 3.0838, 4.1019, 2.4299, 0.942, -0.5707, -1.2287, 2.6518, 0.4671, 1.9608] },
  rank: { weights: [1.4361, 2.3521, -0.1027, 1.3727, 1.023, 2.1636, 1.1566, 1.6841, 4.0812, 1.4185, 1.677, 1.7798] },
  sure: { bias: -5.0619, weights: [0.9547, 1.1522, -0.3889, 0.1924, 0.5731, 0.8868, 0.8337, 1.2736, 0.1281, 0.4979, -0.4769, 0.0305, -0.6931, -0.1913, 0.3883, 0.775, 0.7574, 0.462, 1.2271, -0.5248], thresholds: { question: 0.41, claim: 0.28, shortList: 0.05 } },
  near: { bias: -4.7376, weights: [0.98, 1.3526, -0.2902, 0.5385, 0.52, 0.9166, 0.7879, 1.1875, 0.0813, 0.9596, -0.7844, 0.472, -0.4443, -0.1092, 0.5668, 0.6967, 1.5025, 0.416, 1.2216, -1.2355], thresholds: { question: 0.4, claim: 0.39, shortList: 0.05 } },
} as const;
