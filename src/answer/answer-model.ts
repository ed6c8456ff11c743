/**
 * Fitted by `npm run fit:answers` (bench/fit-answers.ts); do not edit by hand. `rank` weighs
 * RANK_FEATURES, `abstain` weighs ABSTAIN_FEATURES (features.ts).
 *   rank:    coverage, rareCoverage, titleCoverage, bestCoverage, bestProximity, bestPhrase, bestTyped, bestDefining, retrieval, exactName, expansion, namesPresent
 *   abstain: coverage, termShare, lacksRarest, claim, rareCoverage, titleCoverage, bestCoverage, bestPhrase, margin, topFiveCoverage, unknownShare, familiarShare, missingValue, namesMissing, exactName, nameAsked
 */
export const ANSWER_MODEL = {
  rank: { weights: [1.2032, 2.7952, -0.1696, 1.7697, 0.5732, 3.1554, 1.5102, 2.3462, 3.9383, 1.6277, 2.3363, 0.9647] },
  abstain: { bias: -4.3314, weights: [1.1378, 1.635, -0.303, 0.7704, 0.6734, 0.8343, 1.1304, 2.058, 0.0886, 1.2477, -1.3501, 1.176, -1.231, -0.0878, 0.5413, 0.3196], thresholds: { question: 0.7, claim: 0.75, shortList: 0.17 } },
} as const;
