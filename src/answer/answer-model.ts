/**
 * Fitted by `npm run fit:answers` (bench/fit-answers.ts); do not edit by hand. `rank` weighs
 * RANK_FEATURES, `abstain` weighs ABSTAIN_FEATURES (features.ts).
 *   rank:    coverage, rareCoverage, titleCoverage, bestCoverage, bestProximity, bestPhrase, bestTyped, bestDefining, retrieval, exactName, expansion, namesPresent
 *   abstain: coverage, termShare, lacksRarest, claim, rareCoverage, titleCoverage, bestCoverage, bestProximity, bestPhrase, margin, topFiveCoverage, unknownShare, familiarShare, missingValue, namesMissing, exactName, retrieval, smallList
 */
export const ANSWER_MODEL = {
  rank: { weights: [1.1161, 2.7318, -0.233, 2.0301, 0.4495, 2.941, 1.7962, 1.8109, 4.0793, 1.6968, 1.7834, 0.9469] },
  abstain: { bias: -7.8472, weights: [-0.0498, 6.6304, 0.0206, 1.7573, -0.4301, 0.7996, 1.3885, 1.8877, 1.1209, 0.3705, 2.5137, -4.0156, 2.3205, -1.8039, 0.598, 1.0961, -0.7993, -1.9595], thresholds: { question: 0.68, claim: 0.91 } },
} as const;
