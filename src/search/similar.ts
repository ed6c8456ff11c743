/** Related papers: search with a paper's most distinctive words, the paper itself left out. */
import { analyze } from '../text/analyzer.js';
import type { PaperIndex } from './paper-index.js';

const PROFILE_TERMS = 14;

/**
 * A paper's most telling terms with their weights: repeated in its abstract, rare in the corpus
 * (tf-idf); title words weigh extra.
 */
export function profile(index: PaperIndex, doc: number, size = PROFILE_TERMS): Map<string, number> {
  const paper = index.paper(doc);
  const counts = new Map<string, number>();
  for (const term of analyze(paper.abstract)) counts.set(term, (counts.get(term) ?? 0) + 1);
  const weights = new Map<string, number>();
  for (const [term, count] of counts) weights.set(term, (1 + Math.log(count)) * index.idf(term));
  for (const term of index.docTerms(doc).title) weights.set(term, (weights.get(term) ?? 0) + 2 * index.idf(term));
  // A term no other paper has cannot connect this paper to any other.
  for (const term of weights.keys()) if (index.documentFrequency(term) <= 1) weights.delete(term);
  const top = [...weights].sort((a, b) => b[1] - a[1]).slice(0, size);
  const heaviest = top[0]?.[1] ?? 1;
  return new Map(top.map(([term, weight]) => [term, weight / heaviest]));
}

export function profileTerms(index: PaperIndex, doc: number, size = PROFILE_TERMS): string[] {
  return [...profile(index, doc, size).keys()];
}

export function similarDocs(index: PaperIndex, doc: number, limit: number): Array<{ doc: number; score: number }> {
  const weights = profile(index, doc);
  const self = index.paper(doc).id;
  return index
    .retrieve([...weights.keys()], { termWeights: weights })
    .candidates.filter((c) => index.paper(c.doc).id !== self)
    .slice(0, limit)
    .map((c) => ({ doc: c.doc, score: Math.round(c.score * 1000) / 1000 }));
}
