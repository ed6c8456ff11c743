/**
 * Fitted by `npm run fit:answers` (bench/fit-answers.ts); do not edit by hand. `rank` weighs
 * RANK_FEATURES, `abstain` weighs ABSTAIN_FEATURES (features.ts).
 *   rank:    coverage, rareCoverage, titleCoverage, bestCoverage, bestProximity, bestPhrase, bestTyped, bestDefining, retrieval, exactName, expansion, namesPresent
 *   abstain: coverage, termShare, lacksRarest, claim, rareCoverage, titleCoverage, bestCoverage, bestPhrase, margin, topFiveCoverage, unknownShare, familiarShare, missingValue, namesMissing, exactName
 */
export const ANSWER_MODEL = {
  rank: { weights: [1.1893, 2.7973, -0.1766, 1.7813, 0.5737, 3.1505, 1.5111, 2.3438, 3.9416, 1.6284, 2.3307, 0.9648] },
  abstain: { bias: -4.3, weights: [1.1195, 1.6275, -0.2749, 0.7253, 0.6559, 0.9017, 1.0723, 1.9158, 0.0877, 1.3011, -1.5166, 1.1979, -1.4285, -0.1103, 0.5456], thresholds: { question: 0.7, claim: 0.75, shortList: 0.19 } },
} as const;
