/**
 * Fitted by `npm run fit:answers` (bench/fit-answers.ts); do not edit by hand. `sentence` weighs
 * SENTENCE_FEATURES, `rank` RANK_FEATURES, `sure` and `near` DECISION_FEATURES (features.ts).
 *   sentence: coverage, focus, proximity, phrase, typed, defining, introducesName, cue, first, last, figure, afterBest, position, soft
 *   rank:     coverage, rareCoverage, titleCoverage, bestCoverage, bestProximity, bestPhrase, bestTyped, bestDefining, retrieval, exactName, expansion, namesPresent, soft
 *   decision: coverage, termShare, lacksRarest, claim, rareCoverage, titleCoverage, bestCoverage, bestPhrase, margin, topFiveCoverage, unknownShare, familiarShare, missingValue, namesMissing, exactName, nameAsked, fieldShare, bestFocus, questionTerms, everyday, soft, rareNamesPresent
 */
export const ANSWER_MODEL = {
  sentence: { weights: [4.4776, 2.29, 2.1503, 1.219, 3.0812, 4.143, 2.411, 0.9394, -0.5096, -1.2368, 2.642, 0.3699, 1.9737, 0.238] },
  rank: { weights: [1.3881, 2.4458, -0.0535, 1.2386, 1.0414, 2.1793, 1.1459, 1.686, 4.0644, 1.3919, 1.6792, 1.637, 0.0319] },
  sure: { bias: -4.8373, weights: [0.9537, 1.1712, -0.4192, 0.1477, 0.6, 0.9021, 0.755, 1.1779, 0.1207, 0.5034, -0.744, -0.0319, -0.7296, -0.1305, 0.3008, 0.6231, 0.7988, 0.3709, 1.1871, -0.4974, 6.3497, 0.302], thresholds: { question: 0.41, claim: 0.29, shortList: 0.05 } },
  near: { question: { bias: -4.3693, weights: [0.9431, 1.1936, -0.4392, 0, 0.6001, 0.8293, 0.5915, 0.8527, 0.0713, 0.6775, -1.1149, 0.1346, -0.131, -0.2307, 0.411, 0.5251, 1.0975, 0.32, 1.3894, -0.6721, 16.9378, 0.5916] }, claim: { bias: -3.632, weights: [0.9609, 1.3324, -0.3122, 0, 0.6, 1.2792, 0.9947, 1.4185, 0.048, 1.1526, -1.1553, 0.4898, 0, 0.0432, 0.443, -0.3599, 1.7683, 0.4039, 0.6451, -1.6988, -17.7468, 0.395] }, thresholds: { question: 0.38, claim: 0.3, shortList: 0.05 } },
} as const;
