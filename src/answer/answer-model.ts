/**
 * Fitted by `npm run fit:answers` (bench/fit-answers.ts); do not edit by hand. `sentence` weighs
 * SENTENCE_FEATURES, `rank` RANK_FEATURES, `sure` and `near` DECISION_FEATURES (features.ts).
 *   sentence: coverage, focus, proximity, phrase, typed, defining, introducesName, cue, first, last, figure, afterBest, position, soft
 *   rank:     coverage, rareCoverage, titleCoverage, bestCoverage, bestProximity, bestPhrase, bestTyped, bestDefining, retrieval, exactName, expansion, namesPresent, soft, namesAsWritten
 *   decision: coverage, termShare, lacksRarest, claim, rareCoverage, titleCoverage, bestCoverage, bestPhrase, margin, topFiveCoverage, unknownShare, familiarShare, missingValue, namesMissing, exactName, nameAsked, fieldShare, bestFocus, questionTerms, everyday, soft, rareNamesPresent
 */
export const ANSWER_MODEL = {
  sentence: { weights: [4.4772, 2.2902, 2.1511, 1.2182, 3.0812, 4.143, 2.411, 0.9394, -0.5096, -1.2368, 2.6419, 0.3699, 1.9737, 0.239] },
  rank: { weights: [1.4046, 2.491, -0.0289, 1.2373, 1.0404, 2.1371, 1.1024, 1.2884, 4.0787, 1.3222, 1.2787, 0.9128, 0.0412, 1.4724] },
  sure: { bias: -4.8346, weights: [0.9532, 1.1677, -0.4118, 0.1408, 0.5999, 0.9155, 0.7554, 1.213, 0.1177, 0.5039, -0.7476, -0.0372, -0.7583, -0.1263, 0.315, 0.6118, 0.7933, 0.3685, 1.1926, -0.4938, 6.3707, 0.2884], thresholds: { question: 0.41, claim: 0.29, shortList: 0.2 } },
  near: { question: { bias: -4.3571, weights: [0.9425, 1.1916, -0.4396, 0, 0.5999, 0.8285, 0.5938, 0.8635, 0.0681, 0.6715, -1.1153, 0.1333, -0.139, -0.2375, 0.4087, 0.5227, 1.0964, 0.3225, 1.3914, -0.6734, 16.9583, 0.5907] }, claim: { bias: -3.6413, weights: [0.9595, 1.3344, -0.3107, 0, 0.598, 1.2779, 0.9989, 1.4225, 0.0457, 1.1831, -1.1543, 0.4924, 0, 0.0412, 0.4316, -0.3514, 1.771, 0.4088, 0.6455, -1.6939, -17.9568, 0.3985] }, thresholds: { question: 0.38, claim: 0.3, shortList: 0.09 } },
} as const;
