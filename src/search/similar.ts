/** Related papers: search with a paper's most distinctive words, the paper itself left out. */
import type { PaperIndex } from './paper-index.js';

const PROFILE_TERMS = 14;

/** A paper's most telling terms: frequent in it, rare in the corpus; title words count double. */
export function profileTerms(index: PaperIndex, doc: number, size = PROFILE_TERMS): string[] {
  const { title, abstract } = index.docTerms(doc);
  const weights = new Map<string, number>();
  for (const term of abstract) weights.set(term, index.idf(term));
  for (const term of title) weights.set(term, (weights.get(term) ?? 0) + 2 * index.idf(term));
  // A term no other paper has cannot connect this paper to any other.
  for (const term of weights.keys()) if (index.documentFrequency(term) <= 1) weights.delete(term);
  return [...weights]
    .sort((a, b) => b[1] - a[1])
    .slice(0, size)
    .map(([term]) => term);
}

export function similarDocs(index: PaperIndex, doc: number, limit: number): Array<{ doc: number; score: number }> {
  const terms = profileTerms(index, doc);
  const self = index.paper(doc).id;
  return index
    .retrieve(terms)
    .candidates.filter((c) => index.paper(c.doc).id !== self)
    .slice(0, limit)
    .map((c) => ({ doc: c.doc, score: Math.round(c.score * 1000) / 1000 }));
}
