/**
 * The index over title, abstract and authors (minisearch: `minisearch-index.ts`), plus what retrieval
 * needs beside it: document frequencies (to plan queries and weigh terms), the papers
 * (`paper-table.ts`), their titles prepared for lookups (`titles.ts`) and the term associations
 * learned from them (`associations.ts`).
 *
 * Documents are analysed once by `src/text/analyzer.ts` and indexed as ready terms, so indexing and
 * querying share one analysis and the expensive part (stemming) runs once per word. An index is built
 * into an image of sections (`image.ts`) that the cache stores as they are.
 */
import type MiniSearch from 'minisearch';
import type { Paper, PaperHead } from '../model/paper.js';
import { counted, type OnProgress } from '../progress.js';
import { analyze } from '../text/analyzer.js';
import { TermAssociations, WordSequences } from './associations.js';
import type { Section } from './image.js';
import { expansionPostings, fieldPostings, holds, indexedDoc, newMiniSearch, paperFields, readState, readStateAsync, stateSections, termsWithPrefix, type IndexedDoc, type IndexState } from './minisearch-index.js';
import { INDEX_OPTIONS } from './options.js';
import { PAPER_SECTIONS, PaperSectionsWriter, PaperTable, type AbstractsAt } from './paper-table.js';
import { TitleSectionsWriter, titleBase, type TitleBase } from './titles.js';

export interface Candidate {
  /** Document number of the paper (`PaperIndex.paper(doc)`). */
  doc: number;
  score: number;
  /** Index terms that matched (fuzzy and prefix expansions included). */
  terms: string[];
}

export interface Retrieval {
  /** How many papers matched the searched terms (after filtering). */
  total: number;
  candidates: Candidate[];
  /** The query's own terms, and the index terms they matched through typos or prefixes. */
  queryTerms: string[];
}

export interface RetrieveOptions {
  filter?: (paper: PaperHead) => boolean;
  /** Relative weight per query term (default 1), e.g. how telling each word of a paper's profile is. */
  termWeights?: ReadonlyMap<string, number>;
}

/** Sections that derived data built with the index (see `sections.ts`) are stored under. */
const EXTENSION_PREFIX = 'x.';
const ASSOCIATIONS = 'associations';
/** The first section of the index state (`minisearch-index.ts`): there once the state is written. */
const STATE = 'minisearch.0';

export interface ImageMeta {
  papers: number;
}

/** An index as sections: just built (all in memory) or read from a cache file (abstracts left on disk). */
export interface IndexImage {
  meta: ImageMeta;
  sections: Map<string, Uint8Array>;
  abstracts: AbstractsAt;
  /** The index itself when it was built in this thread: no need to read it back from its sections. */
  built?: IndexState;
}

/** Takes the items out of `items` one by one, in order, leaving it empty, so each can be let go once used. */
function* drain<T>(items: T[]): Generator<T> {
  items.reverse();
  while (items.length > 0) yield items.pop()!;
}

/** Counts a paper's terms (each once, whatever its fields) into the document frequencies, or out of them. */
function countTerms(df: Map<string, number>, fields: readonly (readonly string[])[], delta: 1 | -1): void {
  for (const term of new Set(fields.flat())) {
    if (term.length === 0) continue;
    const next = (df.get(term) ?? 0) + delta;
    if (next > 0) df.set(term, next);
    else df.delete(term);
  }
}

/**
 * Indexes `papers` (ids unique) into an image, emptying the array as it goes: a paper is let go once
 * it is indexed and stored, so the papers do not all stay in memory beside their index. `files` are
 * the corpus files the papers come from: their paths are kept out of the image, so that it does not
 * depend on where the files are.
 */
export function buildImage(papers: Paper[], files: readonly string[], onProgress?: OnProgress): IndexImage {
  const count = papers.length;
  const mini = newMiniSearch();
  const df = new Map<string, number>();
  const stored = new PaperSectionsWriter(papers, files);
  const titles = new TitleSectionsWriter();
  // Each paper's title and abstract words in order, for learning the term associations.
  const sequences = new WordSequences();
  let doc = 0;
  for (const paper of counted(drain(papers), count, 'indexing', 'papers', onProgress)) {
    const fields = paperFields(paper);
    mini.add(indexedDoc(doc++, fields));
    countTerms(df, fields, 1);
    sequences.add([...fields[0]!, ...fields[1]!]);
    stored.add(paper);
    titles.add(paper.title);
  }
  const associations = TermAssociations.build(sequences, (term) => df.get(term) ?? 0, count).toBuffer();
  const sections = new Map<string, Uint8Array>();
  for (const { name, bytes } of [...stored.finish(), ...titles.finish(), { name: ASSOCIATIONS, bytes: associations }]) sections.set(name, bytes);
  return { meta: { papers: count }, sections, abstracts: { bytes: sections.get(PAPER_SECTIONS.abstracts)! }, built: { mini, df } };
}

/** Adds a derived section to an image (written and read back with it). */
export function addExtension(image: IndexImage, name: string, bytes: Uint8Array): void {
  image.sections.set(`${EXTENSION_PREFIX}${name}`, bytes);
}

/** The sections to write or send, in order; the state of an index built here is written into them first (once). */
export function imageSections(image: IndexImage): Section[] {
  if (image.built && !image.sections.has(STATE)) for (const { name, bytes } of stateSections(image.built)) image.sections.set(name, bytes);
  return [...image.sections].map(([name, bytes]) => ({ name, bytes }));
}

/** How many edits a query word the index does not know may be from an indexed one (none below the fuzzy length). */
function fuzzyDistance(term: string): number {
  return term.length >= INDEX_OPTIONS.minFuzzyLength ? Math.min(INDEX_OPTIONS.maxFuzzy, Math.round(term.length * INDEX_OPTIONS.fuzzy)) : 0;
}

export class PaperIndex {
  private readonly ids = new Map<string, number>();
  private readonly termCache = new Map<number, { title: Set<string>; abstract: Set<string> }>();
  /** Read from their section on first use. */
  private learned: TermAssociations | undefined;

  private constructor(
    private readonly table: PaperTable,
    private readonly mini: MiniSearch<IndexedDoc>,
    private readonly df: Map<string, number>,
    /** The titles of the papers the index was built with, prepared for finding papers by title. */
    readonly titles: TitleBase,
    private readonly associationBytes: Uint8Array,
    private readonly extensions: ReadonlyMap<string, Uint8Array>,
  ) {
    for (let doc = 0; doc < table.length; doc++) this.ids.set(table.head(doc).id, doc);
  }

  /** The index of an image; `files` are the corpus files it was built from, as they are named now. */
  static fromImage(image: IndexImage, files: readonly string[]): PaperIndex {
    return PaperIndex.assemble(image, PaperTable.fromSections(image.sections, files, image.abstracts), image.built ?? readState(image.sections));
  }

  /** `fromImage` in slices that yield to the event loop, for loading an index while serving. */
  static async fromImageAsync(image: IndexImage, files: readonly string[]): Promise<PaperIndex> {
    const table = await PaperTable.fromSectionsAsync(image.sections, files, image.abstracts);
    return PaperIndex.assemble(image, table, image.built ?? (await readStateAsync(image.sections)));
  }

  private static assemble(image: IndexImage, table: PaperTable, { mini, df }: IndexState): PaperIndex {
    if (table.length !== mini.documentCount || table.length !== image.meta.papers) {
      throw new Error(`index holds ${mini.documentCount} papers, the corpus ${table.length}`);
    }
    const extensions = new Map<string, Uint8Array>();
    for (const [name, bytes] of image.sections) if (name.startsWith(EXTENSION_PREFIX)) extensions.set(name.slice(EXTENSION_PREFIX.length), bytes);
    const associations = image.sections.get(ASSOCIATIONS);
    if (!associations) throw new Error(`index cache has no ${ASSOCIATIONS} section`);
    return new PaperIndex(table, mini, df, titleBase(image.sections, image.meta.papers), associations, extensions);
  }

  get size(): number {
    return this.mini.documentCount;
  }

  /**
   * A derived section built with this index (see `sections.ts`), as stored: bytes in a buffer of
   * their own, to be viewed as the typed array they were written from. Undefined for an index built
   * without it. Papers added live are not in it.
   */
  section(name: string): Uint8Array | undefined {
    return this.extensions.get(name);
  }

  /** Adds a paper, or replaces the one with the same id. Returns true when it was new. */
  add(paper: Paper): boolean {
    const existing = this.ids.get(paper.id);
    if (existing !== undefined) this.takeOut(existing);
    const fields = paperFields(paper);
    const doc = this.table.push(paper);
    this.mini.add(indexedDoc(doc, fields));
    countTerms(this.df, fields, 1);
    this.ids.set(paper.id, doc);
    return existing === undefined;
  }

  /** Takes a paper out of the index; false when it was not there. */
  remove(id: string): boolean {
    const doc = this.ids.get(id);
    if (doc === undefined) return false;
    this.takeOut(doc);
    this.ids.delete(id);
    return true;
  }

  private takeOut(doc: number): void {
    countTerms(this.df, paperFields(this.paper(doc)), -1);
    this.mini.discard(doc);
    this.termCache.delete(doc);
  }

  /** Every live paper without its abstract (a replaced paper's old slot is skipped). */
  *live(): Iterable<[number, PaperHead]> {
    for (const [id, doc] of this.ids) {
      const head = this.table.head(doc);
      if (head.id === id) yield [doc, head];
    }
  }

  /** Document numbers handed out so far (papers taken out or replaced keep theirs). */
  get documentLimit(): number {
    return this.table.length;
  }

  /** Whether paper `doc` is in the index (not taken out, nor replaced by a newer version). */
  isLive(doc: number): boolean {
    return doc < this.table.length && this.mini.has(doc);
  }

  position(id: string): number | undefined {
    return this.ids.get(id);
  }

  /** A paper with its abstract (read from the cache file when the index was loaded from one). */
  paper(doc: number): Paper {
    return this.table.paper(doc);
  }

  /** A paper without its abstract: nothing to read. */
  /** See `PaperTable.fingerprint`. */
  fingerprint(doc: number): string {
    return this.table.fingerprint(doc);
  }

  head(doc: number): PaperHead {
    return this.table.head(doc);
  }

  /** The indexed terms that start with `prefix`, in order (for typo fixes: a few hundred at most for three letters). */
  termsStartingWith(prefix: string): string[] {
    return termsWithPrefix(this.mini, prefix)
      .filter((term) => this.documentFrequency(term) > 0)
      .sort();
  }

  /**
   * Which words of the list mean nearly the same (associations.ts), learned from the papers the
   * index was built with and cached with it; papers added live later lack associations of their own.
   */
  associations(): TermAssociations {
    this.learned ??= TermAssociations.fromBuffer(Buffer.from(this.associationBytes.buffer, this.associationBytes.byteOffset, this.associationBytes.byteLength));
    return this.learned;
  }

  documentFrequency(term: string): number {
    return this.df.get(term) ?? 0;
  }

  /** BM25's inverse document frequency; unknown terms weigh like the rarest. */
  idf(term: string): number {
    const n = this.size;
    const df = Math.max(1, this.documentFrequency(term));
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** The analysed title and abstract terms of one paper (small cache: re-ranking touches few papers). */
  docTerms(doc: number): { title: Set<string>; abstract: Set<string> } {
    let terms = this.termCache.get(doc);
    if (!terms) {
      const paper = this.paper(doc);
      terms = { title: new Set(analyze(paper.title)), abstract: new Set(analyze(paper.abstract)) };
      if (this.termCache.size > 2_000) this.termCache.clear();
      this.termCache.set(doc, terms);
    }
    return terms;
  }

  /**
   * Ranked candidates for already-analysed query terms. Known terms are searched rarest first within a
   * budget of papers; the commoner rest are searched in titles only and re-rank the top candidates by
   * their abstracts. Unknown terms (typos, partial words) are searched with fuzzy and prefix expansion.
   */
  retrieve(terms: string[], options: RetrieveOptions = {}): Retrieval {
    const unique = [...new Set(terms)].filter((t) => t.length > 0);
    if (unique.length === 0) return { total: 0, candidates: [], queryTerms: [] };
    const known = unique.filter((t) => this.documentFrequency(t) > 0);
    const unknown = unique.filter((t) => this.documentFrequency(t) === 0);
    const budget = Math.min(INDEX_OPTIONS.maxCandidateBudget, Math.max(INDEX_OPTIONS.minCandidateBudget, this.size * INDEX_OPTIONS.candidateShare));
    const searched: string[] = [];
    const deferred: string[] = [];
    let spent = 0;
    for (const term of [...known].sort((a, b) => this.documentFrequency(a) - this.documentFrequency(b))) {
      const df = this.documentFrequency(term);
      if (searched.length === 0 || spent + df <= budget) {
        searched.push(term);
        spent += df;
      } else {
        deferred.push(term);
      }
    }
    const expandable: string[] = [];
    const expandedInTitles: string[] = [];
    for (const term of unknown) {
      if (term.length < INDEX_OPTIONS.minPrefixLength) continue;
      const cost = expansionPostings(this.mini, term, fuzzyDistance(term));
      if (cost.all <= INDEX_OPTIONS.maxExpansionPostings) expandable.push(term);
      else if (cost.title <= INDEX_OPTIONS.maxTitlePostings) expandedInTitles.push(term);
    }
    const fuzzyTerms = new Set([...expandable, ...expandedInTitles]);
    const query = [...searched, ...expandable];
    if (query.length === 0 && expandedInTitles.length === 0) return { total: 0, candidates: [], queryTerms: unique };

    const { filter, termWeights } = options;
    // Common words are still matched in titles (short postings), so a title typed from memory ranks its
    // paper first; in abstracts they only re-rank the top candidates.
    const queries: Array<{ queries: string[]; fields?: string[] }> = query.length > 0 ? [{ queries: query }] : [];
    const inTitles = deferred.filter((term) => fieldPostings(this.mini, term, 'title') <= INDEX_OPTIONS.maxTitlePostings);
    if (inTitles.length + expandedInTitles.length > 0) queries.push({ queries: [...inTitles, ...expandedInTitles], fields: ['title'] });
    const found = this.mini.search(
      { combineWith: 'OR', queries },
      {
        // The distance itself (minisearch reads a whole number as edits), so it is worked out in one place.
        fuzzy: (term) => (fuzzyTerms.has(term) && fuzzyDistance(term) > 0 ? fuzzyDistance(term) : false),
        prefix: (term) => fuzzyTerms.has(term),
        boostTerm: termWeights ? (term) => termWeights.get(term) ?? 1 : undefined,
        filter: filter ? (result) => filter(this.table.head(result.id as number)) : undefined,
      },
    );

    const candidates: Candidate[] = found.map((r) => ({ doc: r.id as number, score: r.score, terms: r.terms }));
    if (deferred.length > 0) this.rerank(candidates, deferred, new Set(inTitles));
    const matched = new Set(unique);
    for (const c of candidates.slice(0, INDEX_OPTIONS.rerankDepth)) for (const t of c.terms) matched.add(t);
    return { total: candidates.length, candidates, queryTerms: [...matched] };
  }

  /**
   * Adds the weight of the common query terms that were not searched, to the top candidates only
   * (in abstracts; in titles too for those too common to be searched there).
   */
  private rerank(candidates: Candidate[], deferred: string[], searchedInTitles: ReadonlySet<string>): void {
    const depth = Math.min(candidates.length, INDEX_OPTIONS.rerankDepth);
    const weights = deferred.map((term) => [term, this.idf(term)] as const);
    for (let k = 0; k < depth; k++) {
      const candidate = candidates[k]!;
      for (const [term, idf] of weights) {
        const inTitle = holds(this.mini, term, 'title', candidate.doc);
        if (inTitle ? searchedInTitles.has(term) : !holds(this.mini, term, 'abstract', candidate.doc)) continue;
        candidate.score += idf;
        candidate.terms.push(term);
      }
    }
    const top = candidates.slice(0, depth).sort((a, b) => b.score - a.score);
    candidates.splice(0, depth, ...top);
  }
}
