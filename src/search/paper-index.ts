/**
 * One minisearch index over title, abstract and authors, plus what retrieval needs beside it:
 * document frequencies (to plan queries and weigh terms) and the papers themselves.
 *
 * Documents are analysed once by `src/text/analyzer.ts` and handed to minisearch as ready terms, so
 * indexing and querying share one analysis and the expensive part (stemming) runs once per word.
 */
import MiniSearch, { type AsPlainObject, type SearchResult as MiniResult } from 'minisearch';
import type { Paper } from '../model/paper.js';
import { analyze, analyzeName } from '../text/analyzer.js';
import { TermAssociations } from './associations.js';
import { INDEX_OPTIONS } from './options.js';

interface IndexedDoc {
  i: number;
  title: string;
  abstract: string;
  authors: string;
}

export interface Candidate {
  /** Position of the paper in `PaperIndex.papers`. */
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
  filter?: (paper: Paper) => boolean;
  /** Relative weight per query term (default 1), e.g. how telling each word of a paper's profile is. */
  termWeights?: ReadonlyMap<string, number>;
}

type Postings = AsPlainObject['index'][number][1];

/** One term of the index: its postings per field, and in how many papers it occurs. */
export type IndexEntry = [term: string, postings: Postings, documentFrequency: number];

/**
 * The index as the cache stores it: minisearch's own serialization, with the terms as a stream so
 * that neither writing nor loading a large index holds it twice in memory.
 */
export interface IndexSnapshot {
  meta: Omit<AsPlainObject, 'index'>;
  /** How many entries `entries` yields. */
  terms: number;
  entries: Iterable<IndexEntry>;
}

const SEPARATOR = ' ';

function miniSearchOptions() {
  return {
    idField: 'i',
    fields: [...INDEX_OPTIONS.fields],
    storeFields: [],
    // Fields arrive already analysed: split on the separator and keep the terms as they are.
    tokenize: (text: string) => (text.length === 0 ? [] : text.split(SEPARATOR)),
    processTerm: (term: string) => term,
    searchOptions: { boost: INDEX_OPTIONS.boost, bm25: INDEX_OPTIONS.bm25 },
  };
}

function indexedDoc(paper: Paper, i: number): IndexedDoc {
  return {
    i,
    title: analyze(paper.title).join(SEPARATOR),
    abstract: analyze(paper.abstract).join(SEPARATOR),
    authors: paper.authors.flatMap(analyzeName).join(SEPARATOR),
  };
}

/**
 * minisearch's serialized form over a snapshot, its terms streamed (loadJS walks `index` with
 * for…of, so they can come straight from the cache file) while `df` collects their counts.
 */
function plainSnapshot(snapshot: IndexSnapshot, df: Map<string, number>): AsPlainObject {
  function* terms(): Generator<[string, Postings]> {
    for (const [term, postings, count] of snapshot.entries) {
      df.set(term, count);
      yield [term, postings];
    }
  }
  return { ...snapshot.meta, index: terms() } as unknown as AsPlainObject;
}

export class PaperIndex {
  private readonly ids = new Map<string, number>();
  private readonly termCache = new Map<number, { title: Set<string>; abstract: Set<string> }>();
  /** Every indexed term, sorted: made on the first typo lookup, dropped when papers change. */
  private sortedTerms: string[] | undefined;
  /** Learned on first use; papers added later only lack associations of their own. */
  private learned: TermAssociations | undefined;

  private constructor(
    readonly papers: Paper[],
    private readonly mini: MiniSearch<IndexedDoc>,
    private readonly df: Map<string, number>,
  ) {
    papers.forEach((paper, i) => this.ids.set(paper.id, i));
  }

  static build(papers: Paper[]): PaperIndex {
    const mini = new MiniSearch<IndexedDoc>(miniSearchOptions());
    const df = new Map<string, number>();
    const index = new PaperIndex([], mini, df);
    for (const paper of papers) index.add(paper);
    return index;
  }

  static fromSnapshot(papers: Paper[], snapshot: IndexSnapshot): PaperIndex {
    const df = new Map<string, number>();
    const mini = MiniSearch.loadJS<IndexedDoc>(plainSnapshot(snapshot, df), miniSearchOptions());
    return PaperIndex.loaded(papers, mini, df);
  }

  /** `fromSnapshot` in slices that yield to the event loop, for loading an index while serving. */
  static async fromSnapshotAsync(papers: Paper[], snapshot: IndexSnapshot): Promise<PaperIndex> {
    const df = new Map<string, number>();
    const mini = await MiniSearch.loadJSAsync<IndexedDoc>(plainSnapshot(snapshot, df), miniSearchOptions());
    return PaperIndex.loaded(papers, mini, df);
  }

  private static loaded(papers: Paper[], mini: MiniSearch<IndexedDoc>, df: Map<string, number>): PaperIndex {
    if (mini.documentCount !== papers.length) {
      throw new Error(`index holds ${mini.documentCount} papers, the corpus ${papers.length}`);
    }
    return new PaperIndex(papers, mini, df);
  }

  snapshot(): IndexSnapshot {
    const { index, ...meta } = this.mini.toJSON();
    const df = this.df;
    function* entries(): Generator<IndexEntry> {
      for (const [term, postings] of index) yield [term, postings, df.get(term) ?? 0];
    }
    return { meta, terms: index.length, entries: entries() };
  }

  get size(): number {
    return this.mini.documentCount;
  }

  /** Adds a paper, or replaces the one with the same id. Returns true when it was new. */
  add(paper: Paper): boolean {
    const existing = this.ids.get(paper.id);
    if (existing !== undefined) {
      this.countTerms(this.docTermSet(existing), -1);
      this.mini.discard(existing);
      this.termCache.delete(existing);
    }
    const i = this.papers.length;
    const doc = indexedDoc(paper, i);
    this.papers.push(paper);
    this.ids.set(paper.id, i);
    this.mini.add(doc);
    this.countTerms(new Set([doc.title, doc.abstract, doc.authors].join(SEPARATOR).split(SEPARATOR)), 1);
    return existing === undefined;
  }

  /** Takes a paper out of the index; false when it was not there. */
  remove(id: string): boolean {
    const doc = this.ids.get(id);
    if (doc === undefined) return false;
    this.countTerms(this.docTermSet(doc), -1);
    this.mini.discard(doc);
    this.termCache.delete(doc);
    this.ids.delete(id);
    return true;
  }

  private countTerms(terms: Set<string>, delta: number): void {
    this.sortedTerms = undefined;
    for (const term of terms) {
      if (term.length === 0) continue;
      const next = (this.df.get(term) ?? 0) + delta;
      if (next > 0) this.df.set(term, next);
      else this.df.delete(term);
    }
  }

  /** Every live paper (a replaced paper's old slot is skipped). */
  *live(): Iterable<[number, Paper]> {
    for (const [id, i] of this.ids) {
      const paper = this.papers[i];
      if (paper && paper.id === id) yield [i, paper];
    }
  }

  position(id: string): number | undefined {
    return this.ids.get(id);
  }

  paper(doc: number): Paper {
    const paper = this.papers[doc];
    if (!paper) throw new Error(`no paper at ${doc}`);
    return paper;
  }

  /** The indexed terms that start with `prefix` (for typo fixes: a few hundred at most for three letters). */
  termsStartingWith(prefix: string): string[] {
    this.sortedTerms ??= [...this.df.keys()].sort();
    const terms = this.sortedTerms;
    let lo = 0;
    let hi = terms.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (terms[mid]! < prefix) lo = mid + 1;
      else hi = mid;
    }
    const found: string[] = [];
    for (let i = lo; i < terms.length && terms[i]!.startsWith(prefix); i++) found.push(terms[i]!);
    return found;
  }

  /** Which words of the list mean nearly the same (associations.ts). */
  associations(): TermAssociations {
    this.learned ??= TermAssociations.build(
      [...this.live()].map(([, paper]) => analyze(`${paper.title}\n${paper.abstract}`)),
      (term) => this.documentFrequency(term),
      this.size,
    );
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

  private docTermSet(doc: number): Set<string> {
    const paper = this.paper(doc);
    const { title, abstract } = this.docTerms(doc);
    return new Set([...title, ...abstract, ...paper.authors.flatMap(analyzeName)]);
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
    // Common words are still matched in titles (short postings), so a title typed from memory ranks its
    // paper first; in abstracts they only re-rank the top candidates.
    const queries: Array<{ queries: string[]; fields?: string[] }> = [{ queries: query }];
    if (deferred.length > 0) queries.push({ queries: deferred, fields: ['title'] });
    const raw: MiniResult[] = this.mini.search(
      { combineWith: 'OR', queries },
      {
        fuzzy: (term) => (fuzzyTerms.has(term) && term.length >= INDEX_OPTIONS.minFuzzyLength ? INDEX_OPTIONS.fuzzy : false),
        maxFuzzy: INDEX_OPTIONS.maxFuzzy,
        prefix: (term) => fuzzyTerms.has(term),
        boostTerm: termWeights ? (term) => termWeights.get(term) ?? 1 : undefined,
        filter: filter ? (result) => filter(this.paper(result.id as number)) : undefined,
      },
    );

    const candidates: Candidate[] = raw.map((r) => ({ doc: r.id as number, score: r.score, terms: r.terms }));
    if (deferred.length > 0) this.rerank(candidates, deferred);
    const matched = new Set(unique);
    for (const c of candidates.slice(0, INDEX_OPTIONS.rerankDepth)) for (const t of c.terms) matched.add(t);
    return { total: candidates.length, candidates, queryTerms: [...matched] };
  }

  /** Adds the weight of the common query terms that were not searched, to the top candidates only. */
  private rerank(candidates: Candidate[], deferred: string[]): void {
    const depth = Math.min(candidates.length, INDEX_OPTIONS.rerankDepth);
    const weights = deferred.map((term) => [term, this.idf(term)] as const);
    for (let k = 0; k < depth; k++) {
      const candidate = candidates[k]!;
      const { title, abstract } = this.docTerms(candidate.doc);
      for (const [term, idf] of weights) {
        if (title.has(term) || !abstract.has(term)) continue;
        candidate.score += idf;
        candidate.terms.push(term);
      }
    }
    const top = candidates.slice(0, depth).sort((a, b) => b.score - a.score);
    candidates.splice(0, depth, ...top);
  }
}
