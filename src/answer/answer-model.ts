/**
 * Fitted by `npm run fit:answers` (bench/fit-answers.ts); do not edit by hand. `sentence` weighs
 * SENTENCE_FEATURES, `rank` RANK_FEATURES, `sure` and `near` DECISION_FEATURES (features.ts).
 *   sentence: coverage, focus, proximity, phrase, typed, defining, introducesName, cue, first, last, figure, afterBest, position, soft
 *   rank:     coverage, rareCoverage, titleCoverage, bestCoverage, bestProximity, bestPhrase, bestTyped, bestDefining, retrieval, exactName, expansion, namesPresent, soft, namesAsWritten
 *   decision: coverage, termShare, lacksRarest, claim, rareCoverage, titleCoverage, bestCoverage, bestPhrase, margin, topFiveCoverage, unknownShare, familiarShare, missingValue, namesMissing, exactName, nameAsked, fieldShare, bestFocus, questionTerms, everyday, soft, rareNamesPresent
 */
export const ANSWER_MODEL = {
  sentence: { weights: [4.4773, 2.2901, 2.1509, 1.2184, 3.0812, 4.143, 2.411, 0.9394, -0.5096, -1.2368, 2.642, 0.3699, 1.9737, 0.2385] },
  rank: { weights: [1.399, 2.4886, -0.0075, 1.2436, 1.0321, 2.154, 1.109, 1.4638, 4.0768, 1.3515, 1.4567, 1.1515, 0.0356, 1.284] },
  sure: { bias: -4.8515, weights: [0.9635, 1.1918, -0.4105, 0.136, 0.6003, 0.9394, 0.7837, 1.1522, 0.1116, 0.5358, -0.739, -0.0086, -0.7681, -0.1261, 0.3191, 0.6446, 0.7422, 0.413, 1.1539, -0.5001, 6.3148, 0.3089], thresholds: { question: 0.42, claim: 0.29, shortList: 0.05 } },
  near: { question: { bias: -4.3559, weights: [0.9476, 1.1988, -0.4409, 0, 0.6025, 0.8141, 0.6024, 0.8535, 0.0663, 0.6829, -1.1146, 0.1402, -0.147, -0.2343, 0.405, 0.5197, 1.0845, 0.3287, 1.3803, -0.6767, 16.9037, 0.5984] }, claim: { bias: -3.6372, weights: [0.9619, 1.3373, -0.311, 0, 0.5998, 1.2804, 1.0004, 1.4211, 0.045, 1.1651, -1.1541, 0.4905, 0, 0.0414, 0.4319, -0.3519, 1.7699, 0.407, 0.6451, -1.6965, -17.7361, 0.3985] }, thresholds: { question: 0.38, claim: 0.3, shortList: 0.05 } },
} as const;
