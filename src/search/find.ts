/** Finding one paper from what a user typed (an id, a link, a title or part of one), and title suggestions. */
import type { PaperHead } from '../model/paper.js';
import type { Suggestion } from '../results.js';
import { analyze, normalizeKey } from '../text/analyzer.js';
import { namesItself } from '../text/names.js';
import type { PaperIndex } from './paper-index.js';
import type { TitleCatalog } from './titles.js';

export const MAX_SUGGESTIONS = 25;
export const SUGGESTION_LENGTH = 100;

const ARXIV_ID_RE = /(?:arxiv\.org\/(?:abs|pdf)\/|huggingface\.co\/papers\/|arxiv:\s*)?(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?(?:\.pdf)?\/?$/i;

export { TitleCatalog } from './titles.js';

/** `several`: more than one paper fits the text as well as any other (titles holding every typed word, or starting with it). */
export type Resolution = { doc: number } | { doc: null; suggestions: number[]; several: boolean };

/** Resolves an id, link, exact title or a title prefix; otherwise returns "did you mean" candidates. */
export function resolvePaper(index: PaperIndex, catalog: TitleCatalog, input: string): Resolution {
  const text = input.trim();
  const direct = index.position(text) ?? index.position(text.toLowerCase());
  if (direct !== undefined) return { doc: direct };
  const arxiv = ARXIV_ID_RE.exec(text)?.[1];
  if (arxiv) {
    const doc = index.position(arxiv);
    if (doc !== undefined) return { doc };
  }
  const exact = catalog.exact(text);
  if (exact.length === 1) return { doc: exact[0]! };
  const prefixed = catalog.startingWith(text);
  if (prefixed.length === 1 && normalizeKey(text).length >= 3) return { doc: prefixed[0]! };

  const terms = analyze(text);
  const retrieved = index.retrieve(terms).candidates.slice(0, 20);
  // "PRDC": the name a paper gives itself in its abstract ("…Dataset Constraint (PRDC)") names it too.
  const oneWord = /^[\p{L}\p{N}][\p{L}\p{N}.+-]*$/u.test(text);
  const named = oneWord ? retrieved.filter((c) => namesItself(index.paper(c.doc), text)).map((c) => c.doc) : [];
  if (named.length === 1) return { doc: named[0]! };
  // Otherwise a paper is named by its title: candidates must match the typed words there, not just somewhere.
  const candidates = retrieved.filter((c) => c.terms.some((t) => index.docTerms(c.doc).title.has(t))).slice(0, 5);
  const first = candidates[0];
  if (first && terms.length > 0) {
    const titleTerms = index.docTerms(first.doc).title;
    const coversTitle = terms.every((t) => titleTerms.has(t) || first.terms.includes(t));
    const second = candidates[1];
    const clearWinner = !second || second.score < first.score * 0.6;
    if (coversTitle && clearWinner && terms.length >= 2) return { doc: first.doc };
  }
  const titled = candidates.filter((c) => terms.every((t) => index.docTerms(c.doc).title.has(t)));
  const several = named.length > 1 || prefixed.length > 1 || (titled.length > 1 && terms.length > 0);
  const suggestions = [...new Set([...named, ...prefixed, ...candidates.map((c) => c.doc)])].slice(0, 5);
  return { doc: null, suggestions, several };
}

export function toSuggestion(paper: PaperHead): Suggestion {
  const title = paper.title.length > SUGGESTION_LENGTH ? `${paper.title.slice(0, SUGGESTION_LENGTH - 1).trimEnd()}…` : paper.title;
  return { id: paper.id, title };
}

export function suggest(index: PaperIndex, catalog: TitleCatalog, prefix: string): Suggestion[] {
  let docs = catalog.complete(prefix, MAX_SUGGESTIONS);
  if (docs.length === 0) docs = index.retrieve(analyze(prefix)).candidates.slice(0, MAX_SUGGESTIONS).map((c) => c.doc);
  return docs.map((doc) => toSuggestion(index.paper(doc)));
}
