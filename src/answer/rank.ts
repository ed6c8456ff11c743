/**
 * The evidence, ranked: each candidate paper scored by the fitted rank model over its features, best
 * first. Everything that answers (ask, the model answers' passages, the fitting bench) starts here.
 */
import type { TitleCatalog } from '../search/find.js';
import type { PaperIndex } from '../search/paper-index.js';
import { ANSWER_MODEL } from './answer-model.js';
import { collectEvidence, type Evidence, type PaperEvidence } from './evidence.js';
import { linear, rankFeatures } from './features.js';

/** Scores and orders the papers with the rank weights. */
export function rankPapers(papers: PaperEvidence[], weights: readonly number[]): void {
  for (const p of papers) p.score = linear(weights, rankFeatures(p));
  papers.sort((a, b) => b.score - a.score);
}

export function gatherEvidence(index: PaperIndex, catalog: TitleCatalog, text: string, within?: readonly number[]): Evidence {
  const evidence = collectEvidence(index, catalog, text, within);
  rankPapers(evidence.papers, ANSWER_MODEL.rank.weights);
  return evidence;
}
