/**
 * Fitted by `npm run fit:answers` (bench/fit-answers.ts); do not edit by hand. `rank` weighs
 * RANK_FEATURES, `abstain` weighs ABSTAIN_FEATURES (features.ts).
 *   rank:    coverage, rareCoverage, titleCoverage, bestCoverage, bestProximity, bestPhrase, bestTyped, bestDefining, retrieval, exactName, expansion, namesPresent
 *   abstain: coverage, termShare, lacksRarest, claim, rareCoverage, titleCoverage, bestCoverage, bestProximity, bestPhrase, margin, topFiveCoverage, unknownShare, familiarShare, missingValue, namesMissing, exactName, retrieval
 */
export const ANSWER_MODEL = {
  rank: { weights: [1.1415, 2.7202, -0.3613, 2.4281, 0.3652, 2.526, 1.926, 1.7787, 3.9452, 1.4542, 1.7449, 0.5553] },
  abstain: { bias: -11.2635, weights: [-0.5438, 7.2612, -0.0666, 1.7312, 0.6652, 0.0316, 2.4521, 1.8367, 1.5666, 0.2428, 0.115, -4.5978, 2.413, -2.1615, 0.7396, 1.896, 3.0643], thresholds: { question: 0.74, claim: 0.9 } },
} as const;
