/** Finding one paper from what a user typed (an id, a link, a title or part of one), and title suggestions. */
import type { Paper } from '../model/paper.js';
import type { Suggestion } from '../results.js';
import { analyze, normalizeKey } from '../text/analyzer.js';
import { looksLikeName, namesItself, writtenWords } from '../text/names.js';
import type { PaperIndex } from './paper-index.js';

export const MAX_SUGGESTIONS = 25;
export const SUGGESTION_LENGTH = 100;

const ARXIV_ID_RE = /(?:arxiv\.org\/(?:abs|pdf)\/|huggingface\.co\/papers\/|arxiv:\s*)?(\d{4}\.\d{4,5}|[a-z-]+(?:\.[A-Z]{2})?\/\d{7})(?:v\d+)?(?:\.pdf)?\/?$/i;

/** A title's words written like names, lowercased, each once. */
function nameWords(title: string): Set<string> {
  return new Set(writtenWords(title).filter(looksLikeName).map((w) => w.toLowerCase()));
}

/** Titles prepared once per index for prefix and substring matching. */
export class TitleCatalog {
  /** By doc, in the order the titles were added. */
  private readonly entries = new Map<number, { doc: number; key: string; words: string[]; paper: Paper }>();
  private readonly byKey = new Map<string, number[]>();
  /** Title words written like names ("SCALE", "NeoRL-2"), lowercased, to the titles holding them. */
  private readonly byName = new Map<string, number[]>();

  constructor(index?: PaperIndex) {
    if (index) for (const [doc, paper] of index.live()) this.add(doc, paper);
  }

  /** The same catalog, built in slices that yield to the event loop: for an index loaded while serving. */
  static async build(index: PaperIndex, slice = 250): Promise<TitleCatalog> {
    const catalog = new TitleCatalog();
    let count = 0;
    for (const [doc, paper] of index.live()) {
      catalog.add(doc, paper);
      if (++count % slice === 0) await new Promise((resolve) => setImmediate(resolve));
    }
    return catalog;
  }

  /** Drops the title of a paper taken out of the index or replaced in it (papers added live). */
  remove(doc: number): void {
    const entry = this.entries.get(doc);
    if (!entry) return;
    this.entries.delete(doc);
    const docs = (this.byKey.get(entry.key) ?? []).filter((d) => d !== doc);
    if (docs.length > 0) this.byKey.set(entry.key, docs);
    else this.byKey.delete(entry.key);
    for (const word of nameWords(entry.paper.title)) {
      const named = (this.byName.get(word) ?? []).filter((d) => d !== doc);
      if (named.length > 0) this.byName.set(word, named);
      else this.byName.delete(word);
    }
  }

  /** Adds one paper's title; a paper added live costs this, not a new catalog. */
  add(doc: number, paper: Paper): void {
    const key = normalizeKey(paper.title);
    const words = paper.title
      .normalize('NFKC')
      .toLowerCase()
      .split(/[^\p{L}\p{N}]+/u)
      .filter(Boolean);
    this.entries.set(doc, { doc, key, words, paper });
    const list = this.byKey.get(key) ?? [];
    list.push(doc);
    this.byKey.set(key, list);
    for (const word of nameWords(paper.title)) {
      const docs = this.byName.get(word) ?? [];
      docs.push(doc);
      this.byName.set(word, docs);
    }
  }

  /** Titles that contain `name` as a name-like word, whatever its case ("NEORL-2" finds "NeoRL-2"; "SCALE" not "Scaling"). */
  withName(name: string): readonly number[] {
    return this.byName.get(name.toLowerCase()) ?? [];
  }

  exact(title: string): number[] {
    return this.byKey.get(normalizeKey(title)) ?? [];
  }

  /** Titles whose normalized form starts with `text` ("NeoRL-2" finds "NeoRL-2: Near Real-World …"). */
  startingWith(text: string): number[] {
    const key = normalizeKey(text);
    if (key.length < 2) return [];
    return [...this.entries.values()].filter((e) => e.key.startsWith(key)).map((e) => e.doc);
  }

  /** Ranked: whole-title prefix, then every typed word starting a title word, then substring. */
  complete(text: string, limit: number): number[] {
    const typed = text.normalize('NFKC').toLowerCase().split(/[^\p{L}\p{N}]+/u).filter(Boolean);
    const key = normalizeKey(text);
    const ranked: Array<{ doc: number; rank: number; paper: Paper }> = [];
    for (const entry of this.entries.values()) {
      let rank: number;
      if (key.length === 0) rank = 3;
      else if (entry.key.startsWith(key)) rank = 0;
      else if (typed.every((w) => entry.words.some((word) => word.startsWith(w)))) rank = 1;
      else if (key.length >= 3 && entry.key.includes(key)) rank = 2;
      else continue;
      ranked.push({ doc: entry.doc, rank, paper: entry.paper });
    }
    ranked.sort(
      (a, b) =>
        a.rank - b.rank ||
        (b.paper.upvotes ?? 0) - (a.paper.upvotes ?? 0) ||
        (b.paper.published ?? '').localeCompare(a.paper.published ?? '') ||
        a.paper.title.localeCompare(b.paper.title),
    );
    return ranked.slice(0, limit).map((r) => r.doc);
  }
}

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

export function toSuggestion(paper: Paper): Suggestion {
  const title = paper.title.length > SUGGESTION_LENGTH ? `${paper.title.slice(0, SUGGESTION_LENGTH - 1).trimEnd()}…` : paper.title;
  return { id: paper.id, title };
}

export function suggest(index: PaperIndex, catalog: TitleCatalog, prefix: string): Suggestion[] {
  let docs = catalog.complete(prefix, MAX_SUGGESTIONS);
  if (docs.length === 0) docs = index.retrieve(analyze(prefix)).candidates.slice(0, MAX_SUGGESTIONS).map((c) => c.doc);
  return docs.map((doc) => toSuggestion(index.paper(doc)));
}
