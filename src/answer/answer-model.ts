/**
 * Fitted by `npm run fit:answers` (bench/fit-answers.ts); do not edit by hand. `sentence` weighs
 * SENTENCE_FEATURES, `rank` RANK_FEATURES, `sure` and `near` DECISION_FEATURES (features.ts).
 *   sentence: coverage, focus, proximity, phrase, typed, defining, introducesName, cue, first, last, figure, afterBest, position, soft
 *   rank:     coverage, rareCoverage, titleCoverage, bestCoverage, bestProximity, bestPhrase, bestTyped, bestDefining, retrieval, exactName, expansion, namesPresent, soft
 *   decision: coverage, termShare, lacksRarest, claim, rareCoverage, titleCoverage, bestCoverage, bestPhrase, margin, topFiveCoverage, unknownShare, familiarShare, missingValue, namesMissing, exactName, nameAsked, fieldShare, bestFocus, questionTerms, everyday, soft, rareNamesPresent
 */
export const ANSWER_MODEL = {
  sentence: { weights: [4.6205, 2.2342, 2.0825, 1.2813, 3.0836, 4.1019, 2.4301, 0.9419, -0.5706, -1.2288, 2.6522, 0.4671, 1.9608, 0.2067] },
  rank: { weights: [1.4335, 2.3534, -0.1036, 1.3728, 1.0259, 2.1598, 1.1566, 1.6835, 4.0817, 1.4185, 1.6763, 1.7799, 0.0062] },
  sure: { bias: -5.1413, weights: [0.9596, 1.1673, -0.3724, 0.1909, 0.5755, 0.9155, 0.8328, 1.3033, 0.1216, 0.4283, -0.4793, 0.0471, -0.6914, -0.1949, 0.3188, 0.7368, 0.7771, 0.4548, 1.2086, -0.4953, 6.7916, 0.2993], thresholds: { question: 0.39, claim: 0.27, shortList: 0.05 } },
  near: { bias: -4.8433, weights: [0.9887, 1.373, -0.2614, 0.5345, 0.5223, 0.9573, 0.7863, 1.2129, 0.0713, 0.8977, -0.7857, 0.497, -0.432, -0.096, 0.4519, 0.6432, 1.5199, 0.3918, 1.1877, -1.201, 4.4161, 0.4946], thresholds: { question: 0.37, claim: 0.4, shortList: 0.05 } },
} as const;
