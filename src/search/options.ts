/**
 * Index and retrieval settings, in one place. `INDEX_VERSION` and `INDEX_OPTIONS` are part of the
 * cache key: changing either rebuilds cached indexes.
 */
export const INDEX_VERSION = 4;

export const INDEX_OPTIONS = {
  fields: ['title', 'abstract', 'authors'] as const,
  boost: { title: 1.5, abstract: 1, authors: 2 },
  /** Fuzzy matching, only for query words the index does not know (typos): a fraction of the word length. */
  fuzzy: 0.2,
  maxFuzzy: 2,
  /** How much a prefix or fuzzy expansion counts against the word itself (minisearch's defaults). */
  weights: { fuzzy: 0.45, prefix: 0.375 },
  minFuzzyLength: 4,
  minPrefixLength: 3,
  /**
   * Query words are searched rarest first while the number of papers they touch stays within this
   * share of the corpus; commoner words only re-rank the candidates. This is what keeps a query's cost
   * bounded on a large corpus ("learning" or "model" alone would score most of it).
   */
  candidateShare: 0.25,
  /** On a small corpus every word is searched: scoring a few thousand papers is cheap. */
  minCandidateBudget: 3000,
  /**
   * ... and on a very large one the budget stops growing with it (a quarter of 330k papers is too
   * many to score per query); no budget reaches it below about 80k papers.
   */
  maxCandidateBudget: 20_000,
  /**
   * A common word is searched in titles only while its title postings stay under this; past it it
   * only re-ranks, like the rest of the common words. The commonest title word of the 33k shared
   * corpus ("model") is in 8.5k titles.
   */
  maxTitlePostings: 15_000,
  /**
   * A word the index does not know whose typo and prefix expansions hold more postings than this
   * ("modl" is one letter from "model" and "mode") is searched in titles only, under the same limit
   * as common words there, or not at all past it. No such expansion reaches it on a list of 33k papers.
   */
  maxExpansionPostings: 60_000,
  /**
   * Classic BM25 (minisearch defaults to BM25+ with d = 0.5, which lifts long abstracts that merely
   * mention a word). Chosen on the SciFact train claims, where it ranks better.
   */
  bm25: { k: 1.2, b: 0.7, d: 0 },
  /** How many top candidates are re-ranked with the words left out of the candidate search. */
  rerankDepth: 100,
} as const;

export type IndexOptions = typeof INDEX_OPTIONS;
