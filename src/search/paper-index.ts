/**
 * The index over title, abstract and authors, plus what retrieval needs beside it: document
 * frequencies (to plan queries and weigh terms) and the papers themselves.
 *
 * Documents are analysed once by `src/text/analyzer.ts` and indexed as ready terms, so indexing and
 * querying share one analysis and the expensive part (stemming) runs once per word. The index is an
 * image of typed arrays (`postings.ts`) that the cache stores as it is, with the papers beside it
 * (`paper-table.ts`); papers added live go on top of it (`term-index.ts`).
 */
import type { Paper, PaperHead } from '../model/paper.js';
import { counted, type OnProgress } from '../progress.js';
import { analyze } from '../text/analyzer.js';
import { TermAssociations, WordSequences } from './associations.js';
import { lowerBound } from './expand.js';
import type { Section } from './image.js';
import { INDEX_OPTIONS } from './options.js';
import { PAPER_SECTIONS, PaperSectionsWriter, PaperTable, type AbstractsAt } from './paper-table.js';
import { PostingsBuilder, paperFields, termSectionsIn, termSectionsOut, type TermMeta } from './postings.js';
import { runQuery, type QueryGroup } from './score.js';
import { TermIndex } from './term-index.js';
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
  /**
   * List only the best candidates, at least this many (all are counted in `total`): ranking a large
   * list's every match costs more than scoring it. Default: all.
   */
  limit?: number;
}

/** Sections that derived data built with the index (see `sections.ts`) are stored under. */
const EXTENSION_PREFIX = 'x.';
const ASSOCIATIONS = 'associations';

export interface ImageMeta {
  papers: number;
  terms: TermMeta;
}

/** An index as sections: just built (all in memory) or read from a cache file (abstracts left on disk). */
export interface IndexImage {
  meta: ImageMeta;
  sections: Map<string, Uint8Array>;
  abstracts: AbstractsAt;
}

const ALL_FIELDS = INDEX_OPTIONS.fields.map((_, field) => field);
const TITLE = INDEX_OPTIONS.fields.indexOf('title');
const ABSTRACT = INDEX_OPTIONS.fields.indexOf('abstract');

/** Takes the items out of `items` one by one, in order, leaving it empty, so each can be let go once used. */
function* drain<T>(items: T[]): Generator<T> {
  items.reverse();
  while (items.length > 0) yield items.pop()!;
}

/**
 * Indexes `papers` (ids unique) into an image, emptying the array as it goes: a paper is let go once
 * it is indexed and stored, so the papers do not all stay in memory beside their image. `files` are the
 * corpus files the papers come from: their paths are kept out of the image, so that it does not
 * depend on where the files are.
 */
export function buildImage(papers: Paper[], files: readonly string[], onProgress?: OnProgress): IndexImage {
  const count = papers.length;
  const builder = new PostingsBuilder();
  const stored = new PaperSectionsWriter(papers, files);
  const titles = new TitleSectionsWriter();
  // Each paper's title and abstract words in order, for learning the term associations.
  const sequences = new WordSequences();
  for (const paper of counted(drain(papers), count, 'indexing', 'papers', onProgress)) {
    const fields = paperFields(paper);
    builder.add(fields);
    sequences.add([...fields[0]!, ...fields[1]!]);
    stored.add(paper);
    titles.add(paper.title);
  }
  const sections = new Map<string, Uint8Array>();
  const finished = builder.finish();
  const df = (term: string) => {
    const at = lowerBound(finished.terms, term);
    return finished.terms[at] === term ? finished.df[at]! : 0;
  };
  const associations = TermAssociations.build(sequences, df, count).toBuffer();
  const terms = termSectionsOut(finished);
  for (const { name, bytes } of [...terms.sections, ...stored.finish(), ...titles.finish(), { name: ASSOCIATIONS, bytes: associations }]) sections.set(name, bytes);
  return { meta: { papers: count, terms: terms.meta }, sections, abstracts: { bytes: sections.get(PAPER_SECTIONS.abstracts)! } };
}

/** Adds a derived section to an image (written and read back with it). */
export function addExtension(image: IndexImage, name: string, bytes: Uint8Array): void {
  image.sections.set(`${EXTENSION_PREFIX}${name}`, bytes);
}

/** The sections to write, in order. */
export function imageSections(image: IndexImage): Section[] {
  return [...image.sections].map(([name, bytes]) => ({ name, bytes }));
}

export class PaperIndex {
  private readonly ids = new Map<string, number>();
  private readonly termCache = new Map<number, { title: Set<string>; abstract: Set<string> }>();
  /** Read from their section on first use. */
  private learned: TermAssociations | undefined;

  private constructor(
    private readonly table: PaperTable,
    private readonly terms: TermIndex,
    /** The titles of the papers the index was built with, prepared for finding papers by title. */
    readonly titles: TitleBase,
    private readonly associationBytes: Uint8Array,
    private readonly extensions: ReadonlyMap<string, Uint8Array>,
  ) {
    for (let doc = 0; doc < table.length; doc++) this.ids.set(table.head(doc).id, doc);
  }

  /** An index of `papers`, in memory. A paper whose id comes again replaces the earlier one, as `add` does. */
  static build(papers: Paper[]): PaperIndex {
    const seen = new Set<string>();
    let unique = 0;
    while (unique < papers.length && !seen.has(papers[unique]!.id)) seen.add(papers[unique++]!.id);
    const index = PaperIndex.fromImage(buildImage(papers.slice(0, unique), []), []);
    for (const paper of papers.slice(unique)) index.add(paper);
    return index;
  }

  /** The index of an image; `files` are the corpus files it was built from, as they are named now. */
  static fromImage(image: IndexImage, files: readonly string[]): PaperIndex {
    return PaperIndex.assemble(image, PaperTable.fromSections(image.sections, files, image.abstracts));
  }

  /** `fromImage` in slices that yield to the event loop, for loading an index while serving. */
  static async fromImageAsync(image: IndexImage, files: readonly string[]): Promise<PaperIndex> {
    return PaperIndex.assemble(image, await PaperTable.fromSectionsAsync(image.sections, files, image.abstracts));
  }

  private static assemble(image: IndexImage, table: PaperTable): PaperIndex {
    const terms = new TermIndex(termSectionsIn(image.meta.terms, image.sections));
    if (table.length !== terms.documentCount || table.length !== image.meta.papers) {
      throw new Error(`index holds ${terms.documentCount} papers, the corpus ${table.length}`);
    }
    const extensions = new Map<string, Uint8Array>();
    for (const [name, bytes] of image.sections) if (name.startsWith(EXTENSION_PREFIX)) extensions.set(name.slice(EXTENSION_PREFIX.length), bytes);
    const associations = image.sections.get(ASSOCIATIONS);
    if (!associations) throw new Error(`index cache has no ${ASSOCIATIONS} section`);
    return new PaperIndex(table, terms, titleBase(image.sections, image.meta.papers), associations, extensions);
  }

  get size(): number {
    return this.terms.documentCount;
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
    const doc = this.terms.add(paperFields(paper));
    if (this.table.push(paper) !== doc) throw new Error('index and paper table out of step');
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
    this.terms.remove(doc, paperFields(this.paper(doc)));
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
    return doc < this.table.length && !this.terms.isRemoved(doc);
  }

  position(id: string): number | undefined {
    return this.ids.get(id);
  }

  /** A paper with its abstract (read from the cache file when the index was loaded from one). */
  paper(doc: number): Paper {
    return this.table.paper(doc);
  }

  /** A paper without its abstract: nothing to read. */
  head(doc: number): PaperHead {
    return this.table.head(doc);
  }

  /** The indexed terms that start with `prefix` (for typo fixes: a few hundred at most for three letters). */
  termsStartingWith(prefix: string): string[] {
    return this.terms.prefixed(prefix).filter((term) => this.documentFrequency(term) > 0);
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
    return this.terms.documentFrequency(term);
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
    const budget = Math.max(INDEX_OPTIONS.minCandidateBudget, this.size * INDEX_OPTIONS.candidateShare);
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
    const expandable = unknown.filter((t) => t.length >= INDEX_OPTIONS.minPrefixLength);
    const fuzzyTerms = new Set(expandable);
    const query = [...searched, ...expandable];
    if (query.length === 0) return { total: 0, candidates: [], queryTerms: unique };

    const { filter, termWeights } = options;
    const boost = (term: string) => termWeights?.get(term) ?? 1;
    const asked = (term: string) => {
      const expand = fuzzyTerms.has(term);
      return { term, fuzzy: expand && term.length >= INDEX_OPTIONS.minFuzzyLength ? INDEX_OPTIONS.fuzzy : false, prefix: expand, boost: boost(term) } as const;
    };
    // Common words are still matched in titles (short postings), so a title typed from memory ranks its
    // paper first; in abstracts they only re-rank the top candidates.
    const groups: QueryGroup[] = [{ terms: query.map(asked), fields: ALL_FIELDS }];
    if (deferred.length > 0) groups.push({ terms: deferred.map(asked), fields: [TITLE] });
    // Re-ranking reorders the top candidates only, so listing that many keeps the result the same.
    const limit = options.limit === undefined ? undefined : Math.max(options.limit, INDEX_OPTIONS.rerankDepth);
    const { total, results: candidates } = runQuery(this.terms, groups, { ...(filter ? { filter: (doc: number) => filter(this.table.head(doc)) } : {}), limit });
    if (deferred.length > 0) this.rerank(candidates, deferred);
    const matched = new Set(unique);
    for (const c of candidates.slice(0, INDEX_OPTIONS.rerankDepth)) for (const t of c.terms) matched.add(t);
    return { total, candidates, queryTerms: [...matched] };
  }

  /** Adds the weight of the common query terms that were not searched, to the top candidates only. */
  private rerank(candidates: Candidate[], deferred: string[]): void {
    const depth = Math.min(candidates.length, INDEX_OPTIONS.rerankDepth);
    const weights = deferred.map((term) => [term, this.idf(term)] as const);
    for (let k = 0; k < depth; k++) {
      const candidate = candidates[k]!;
      for (const [term, idf] of weights) {
        if (this.terms.holds(term, TITLE, candidate.doc) || !this.terms.holds(term, ABSTRACT, candidate.doc)) continue;
        candidate.score += idf;
        candidate.terms.push(term);
      }
    }
    const top = candidates.slice(0, depth).sort((a, b) => b.score - a.score);
    candidates.splice(0, depth, ...top);
  }
}
