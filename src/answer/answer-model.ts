/**
 * Fitted by `npm run fit:answers` (bench/fit-answers.ts); do not edit by hand. `rank` weighs
 * RANK_FEATURES, `abstain` weighs ABSTAIN_FEATURES (features.ts).
 *   rank:    coverage, rareCoverage, titleCoverage, bestCoverage, bestProximity, bestPhrase, bestTyped, bestDefining, retrieval, exactName, expansion, namesPresent
 *   abstain: coverage, termShare, lacksRarest, claim, rareCoverage, titleCoverage, bestCoverage, bestPhrase, margin, topFiveCoverage, unknownShare, familiarShare, missingValue, namesMissing, exactName, nameAsked
 */
export const ANSWER_MODEL = {
  rank: { weights: [1.2003, 2.7962, -0.1706, 1.7712, 0.5733, 3.1548, 1.5103, 2.3463, 3.9389, 1.6278, 2.3354, 0.9648] },
  abstain: { bias: -4.3269, weights: [1.1172, 1.6303, -0.271, 0.7526, 0.6349, 0.8541, 1.0614, 1.9208, 0.0849, 1.291, -1.4879, 1.2207, -1.4687, -0.1089, 0.5074, 0.3991], thresholds: { question: 0.69, claim: 0.74, shortList: 0.18 } },
} as const;
