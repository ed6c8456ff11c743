/**
 * Fitted by `npm run fit:answers` (bench/fit-answers.ts); do not edit by hand. `rank` weighs
 * RANK_FEATURES, `abstain` weighs ABSTAIN_FEATURES (features.ts).
 *   rank:    coverage, rareCoverage, titleCoverage, bestCoverage, bestProximity, bestPhrase, bestTyped, bestDefining, retrieval, exactName, expansion, namesPresent
 *   abstain: coverage, termShare, lacksRarest, claim, rareCoverage, titleCoverage, bestCoverage, bestPhrase, margin, topFiveCoverage, unknownShare, familiarShare, missingValue, namesMissing, exactName
 */
export const ANSWER_MODEL = {
  rank: { weights: [1.1496, 2.7807, -0.2204, 1.8531, 0.572, 3.1223, 1.5387, 2.3103, 3.9558, 1.6322, 2.292, 0.9662] },
  abstain: { bias: -4.3583, weights: [1.0967, 1.6646, -0.2146, 0.7272, 0.638, 0.8612, 1.068, 1.9376, 0.0887, 1.2605, -1.5633, 1.2324, -1.3844, -0.0987, 0.5198], thresholds: { question: 0.69, claim: 0.74 } },
} as const;
