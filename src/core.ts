/**
 * The operations every adapter reaches through `commands/`. Implemented by `Library`, which serves
 * one index at a time and swaps in a rebuilt one only when it is complete.
 */
import type { Paper } from './model/paper.js';
import type {
  AskResult,
  CorpusStats,
  EvidencePassage,
  HighlightsResult,
  SearchResult,
  ShowResult,
  SimilarResult,
  Suggestion,
} from './results.js';

export interface SearchOptions {
  limit?: number;
  offset?: number;
  /** YYYY-MM-DD, inclusive. Papers without a known date are left out when a date filter is set. */
  since?: string;
  until?: string;
  /** Case- and accent-insensitive substring of one author's name. */
  author?: string;
}

export interface HighlightsOptions {
  since?: string;
  limit?: number;
  topic?: string;
  /** Paper ids never to pick (e.g. already posted in this channel). */
  exclude?: Iterable<string>;
  /** "Today" for recency; defaults to the newest date in the corpus. */
  today?: string;
}

export interface AskOptions {
  /** Answer from this paper alone: an arXiv id, link, exact title, a unique part of it, or its own name (as `show` resolves it). */
  paper?: string;
  /**
   * A conversation's context: the ids of the papers the answers before cited, latest first. A
   * question with no subject of its own ("who wrote it?") is answered from them; one that names
   * another paper or topic is a new question.
   */
  context?: readonly string[];
}

export interface PaperCore {
  search(query: string, options?: SearchOptions): SearchResult;
  show(idOrTitle: string): ShowResult;
  similar(idOrTitle: string, options?: { limit?: number }): SimilarResult;
  ask(question: string, options?: AskOptions): AskResult;
  /** The passages `ask` weighs for a question: the best sentences, with neighbours, of the best papers. */
  passages(question: string, options?: AskOptions): EvidencePassage[];
  summarize(id: string, options?: { query?: string }): string;
  suggest(prefix: string): Suggestion[];
  highlights(options?: HighlightsOptions): HighlightsResult;
  stats(): CorpusStats;
  getPaper(id: string): Paper | undefined;
  /** Adds or replaces papers in the live index without a rebuild; returns how many were new. */
  addPapers(papers: Paper[], origin?: PaperOrigin): number;
  /** Takes papers out of the live index (removed from the list elsewhere); returns how many were there. */
  removePapers(ids: string[]): number;
  /** Where a listed paper comes from; undefined when it is not listed. */
  provenance(id: string): Provenance | undefined;
  /** The papers added from chat that are listed now. */
  chatPapers(): Paper[];
}

/** How a paper joined the list besides the corpus files. */
export type PaperOrigin = 'feed' | 'chat';

export type Provenance =
  /** `file` is the corpus file's name, `location` its line or record. */
  | { origin: 'corpus'; file: string; location?: string }
  /** `source` names the feed ("arxiv cat:cs.LG:entry 3"). */
  | { origin: 'feed'; source: string }
  | { origin: 'chat' };
