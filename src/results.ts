/**
 * The structured results the core returns. Adapters render these; nothing here is formatted text
 * for a particular platform.
 */
import type { PaperLinks } from './model/paper.js';

/** What every result says about a paper. */
export interface PaperRef {
  id: string;
  title: string;
  authors: string[];
  published?: string;
  upvotes?: number;
  /** The single best link (paper page, else a title search). */
  url: string;
  links: PaperLinks;
}

/** A character range [start, end) inside a piece of text, e.g. a matched term in a snippet. */
export interface Span {
  start: number;
  end: number;
}

export interface SearchHit extends PaperRef {
  score: number;
  /** A window of the abstract around the matched terms, cut on word boundaries. */
  snippet: string;
  /** Where the query terms sit inside `snippet`, so renderers can bold them. */
  highlights: Span[];
}

export interface SearchResult {
  query: string;
  /** Papers the search found, best first (a query of several words: papers with any of them). */
  total: number;
  offset: number;
  limit: number;
  results: SearchHit[];
  /** The filters the search was made with, when set. */
  since?: string;
  until?: string;
  author?: string;
}

export interface Citation {
  /** 1-based number used in the answer text: `[1]`. */
  n: number;
  id: string;
  title: string;
  url: string;
}

export interface AnswerSentence {
  text: string;
  /** The first of `citations` (older clients read this one). */
  citation: number;
  /** Every source the sentence rests on, as `Citation.n`; a quoted sentence has exactly one. */
  citations: number[];
  /** A list answer's line starts with its paper's title, this many characters long (renderers may link it). */
  titleLength?: number;
}

/** `quoted`: sentences copied from the abstracts. `synthesised`: written by a language model, then checked. */
export type AnswerKind = 'quoted' | 'synthesised';

/**
 * `answered`: the engine is sure the cited paper answers. `closest`: it is not sure the list answers
 * the question, but a paper is near; the answer leads with `hedge` and quotes that paper's likeliest
 * sentences. `not_covered`: nothing is near enough to quote.
 */
export type AskOutcome = 'answered' | 'closest' | 'not_covered';

/** A paper near the question, with the line of it that makes it near. */
export interface NearPaper extends PaperRef {
  snippet: string;
}

export interface AskResult {
  question: string;
  outcome: AskOutcome;
  /** True for `answered` and `closest`: both quote cited sentences. */
  found: boolean;
  kind: AnswerKind;
  /** The model that wrote a synthesised answer. */
  model?: string;
  /** Each sentence followed by its sources (`[1]`, `[1, 2]`), after the hedge of a closest match; or the "not covered" note. */
  answer: string;
  /** A closest match's plain hedge naming the paper ("Not sure the list answers this exactly. Closest: …"), also the start of `answer`. */
  hedge?: string;
  sentences: AnswerSentence[];
  citations: Citation[];
  /**
   * Other papers near the question: for `closest`, up to two other candidates; for `not_covered`, the
   * nearest papers that share the question's topic (none when nothing does); empty when answered.
   */
  nearest: NearPaper[];
  /**
   * What the question asked for: a count, amount, score, date, authors (`who`), an expansion, a
   * definition, a name, a paper, a claim to check, a `list` of papers (one sentence per paper), a
   * paper's `links` (code, project page, PDF), or `general`.
   */
  answerType: AnswerType;
}

export type AnswerType =
  | 'count'
  | 'amount'
  | 'score'
  | 'date'
  | 'who'
  | 'expansion'
  | 'definition'
  | 'name'
  | 'paper'
  | 'claim'
  | 'list'
  | 'links'
  | 'general';

/** A few whole sentences of one abstract that bear on a question (evidence for a model-written answer). */
export interface EvidencePassage {
  paperId: string;
  title: string;
  url: string;
  text: string;
}

export interface PaperDetail extends PaperRef {
  abstract: string;
  /** Two or three whole sentences of the abstract. */
  summary: string;
  tags: string[];
}

export interface Suggestion {
  id: string;
  title: string;
}

export interface ShowResult {
  query: string;
  paper: PaperDetail | null;
  suggestions: Suggestion[];
  /** With no paper: true when several papers match the text alike (`suggestions` lists them), false when none does. */
  ambiguous?: boolean;
}

export interface SimilarResult {
  paper: PaperRef;
  results: Array<PaperRef & { score: number; summary: string }>;
}

export type HighlightReason = 'upvotes' | 'topic' | 'new' | 'recent';

export interface Highlight extends PaperRef {
  /** One sentence saying what the paper does. */
  summary: string;
  reasons: HighlightReason[];
  score: number;
}

export interface HighlightsResult {
  since?: string;
  topic?: string;
  highlights: Highlight[];
}

export interface CorpusStats {
  papers: number;
  withArxivId: number;
  withUpvotes: number;
  withCode: number;
  earliest?: string;
  latest?: string;
  sources: Array<{ file: string; format: string; papers: number }>;
  /** Papers added from chat (`/paper add`), and fetched from feeds, on top of the corpus files. */
  fromChat: number;
  fromFeeds: number;
  /** A short hash of the serving corpus; buttons made on another corpus are stale. */
  version: string;
}
