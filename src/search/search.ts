/** Keyword search with date and author filters, snippets and paging. */
import type { SearchOptions } from '../core.js';
import type { PaperHead } from '../model/paper.js';
import type { SearchHit, SearchResult } from '../results.js';
import { analyze, analyzeName } from '../text/analyzer.js';
import type { PaperIndex } from './paper-index.js';
import { paperRef } from './refs.js';
import { makeSnippet } from './snippet.js';

export const DEFAULT_LIMIT = 5;

function authorMatcher(author: string): (paper: PaperHead) => boolean {
  const wanted = analyzeName(author).join(' ');
  return (paper) => paper.authors.some((name) => analyzeName(name).join(' ').includes(wanted));
}

/** Papers pass the filter when every set condition holds; undated papers fail any date condition. */
export function paperFilter(options: SearchOptions): ((paper: PaperHead) => boolean) | undefined {
  const { since, until, author } = options;
  const byAuthor = author ? authorMatcher(author) : undefined;
  if (!since && !until && !byAuthor) return undefined;
  return (paper) => {
    if (since && (!paper.published || paper.published < since)) return false;
    if (until && (!paper.published || paper.published > until)) return false;
    return byAuthor ? byAuthor(paper) : true;
  };
}

function hit(index: PaperIndex, doc: number, score: number, terms: ReadonlySet<string>): SearchHit {
  const paper = index.paper(doc);
  return { ...paperRef(paper), score: Math.round(score * 1000) / 1000, ...makeSnippet(paper.abstract, terms) };
}

export function search(index: PaperIndex, query: string, options: SearchOptions = {}): SearchResult {
  const { since, until, author } = options;
  return { ...find(index, query, options), ...(since ? { since } : {}), ...(until ? { until } : {}), ...(author ? { author } : {}) };
}

function find(index: PaperIndex, query: string, options: SearchOptions): SearchResult {
  const limit = options.limit ?? DEFAULT_LIMIT;
  const offset = options.offset ?? 0;
  const filter = paperFilter(options);
  const terms = analyze(query);
  if (terms.length === 0) {
    // No searchable words: with a filter, list what it selects, newest first; otherwise nothing.
    if (!filter) return { query, total: 0, offset, limit, results: [] };
    const matching = [...index.live()].filter(([, paper]) => filter(paper));
    matching.sort(([, a], [, b]) => (b.published ?? '').localeCompare(a.published ?? ''));
    const page = matching.slice(offset, offset + limit).map(([doc]) => hit(index, doc, 0, new Set()));
    return { query, total: matching.length, offset, limit, results: page };
  }
  const retrieval = index.retrieve(terms, filter ? { filter } : {});
  const matched = new Set(retrieval.queryTerms);
  const results = retrieval.candidates.slice(offset, offset + limit).map((c) => hit(index, c.doc, c.score, matched));
  return { query, total: retrieval.total, offset, limit, results };
}
