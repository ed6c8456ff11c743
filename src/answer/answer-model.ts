/**
 * Fitted by `npm run fit:answers` (bench/fit-answers.ts); do not edit by hand. `sentence` weighs
 * SENTENCE_FEATURES, `rank` RANK_FEATURES, `sure` and `near` DECISION_FEATURES (features.ts).
 *   sentence: coverage, focus, proximity, phrase, typed, defining, introducesName, cue, first, last, figure, afterBest, position, soft
 *   rank:     coverage, rareCoverage, titleCoverage, bestCoverage, bestProximity, bestPhrase, bestTyped, bestDefining, retrieval, exactName, expansion, namesPresent, soft
 *   decision: coverage, termShare, lacksRarest, claim, rareCoverage, titleCoverage, bestCoverage, bestPhrase, margin, topFiveCoverage, unknownShare, familiarShare, missingValue, namesMissing, exactName, nameAsked, fieldShare, bestFocus, questionTerms, everyday, soft, rareNamesPresent
 */
export const ANSWER_MODEL = {
  sentence: { weights: [4.4798, 2.289, 2.1473, 1.2218, 3.0813, 4.1431, 2.4109, 0.9394, -0.5097, -1.2368, 2.6422, 0.37, 1.9737, 0.2369] },
  rank: { weights: [1.3922, 2.4414, -0.0543, 1.2421, 1.0417, 2.1759, 1.1457, 1.6855, 4.0641, 1.3922, 1.6787, 1.6376, 0.0309] },
  sure: { ...{ bias: -4.8372, weights: [0.9537, 1.1712, -0.4192, 0.1477, 0.6, 0.9022, 0.7549, 1.178, 0.1207, 0.5033, -0.744, -0.0319, -0.7296, -0.1305, 0.3008, 0.6231, 0.7988, 0.3709, 1.187, -0.4974, 6.3501, 0.302] }, thresholds: { question: 0.41, claim: 0.29, shortList: 0.05 } },
  near: { question: { bias: -4.3692, weights: [0.9432, 1.1936, -0.4393, 0, 0.6002, 0.8293, 0.5915, 0.8528, 0.0713, 0.6773, -1.1149, 0.1347, -0.131, -0.2307, 0.411, 0.5251, 1.0975, 0.32, 1.3894, -0.6721, 16.938, 0.5916] }, claim: { bias: -3.632, weights: [0.9609, 1.3324, -0.3122, 0, 0.6, 1.2792, 0.9947, 1.4186, 0.048, 1.1527, -1.1553, 0.4898, 0, 0.0432, 0.443, -0.3599, 1.7683, 0.4039, 0.6451, -1.6988, -17.7468, 0.395] }, thresholds: { question: 0.38, claim: 0.3, shortList: 0.05 } },
} as const;
