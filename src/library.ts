/**
 * The serving core: one index at a time. Opening loads the cached index for the corpus or builds it;
 * `reload()` builds the new index in a worker thread and swaps it in only when it is complete, so a
 * broken corpus file or a corrupt cache never replaces the index that is serving, and serving never
 * waits for a rebuild. Papers added live (feeds, chat) sit on top of the corpus files and are put back
 * on every rebuilt index.
 */
import path from 'node:path';
import { ask as answerQuestion, type AskScope } from './answer/ask.js';
import type { Evidence } from './answer/evidence.js';
import { gatherEvidence } from './answer/rank.js';
import { evidencePassages } from './answer/passages.js';
import { summarize as summarizeAbstract } from './text/summarize.js';
import type { AskOptions, HighlightsOptions, PaperCore, PaperOrigin, Provenance, SearchOptions } from './core.js';
import { PaperbotError } from './errors.js';
import type { Logger } from './log.js';
import type { Paper } from './model/paper.js';
import type { OnProgress } from './progress.js';
import { prepareIndex } from './reload/prepare.js';
import { accumulate, deltaSize, type CorpusChange } from './reload/delta.js';
import { rebuildOffThread } from './reload/off-thread.js';
import type { ServedCorpus } from './reload/protocol.js';
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
import { writeDelta, type CachedSource, type CorpusDelta } from './search/cache.js';
import { TitleCatalog, resolvePaper, suggest, toSuggestion } from './search/find.js';
import { pickHighlights } from './search/highlights.js';
import { PaperIndex } from './search/paper-index.js';
import type { SectionSpec } from './search/sections.js';
import { paperRef } from './search/refs.js';
import { search } from './search/search.js';
import { similarDocs } from './search/similar.js';
import { analyze } from './text/analyzer.js';

/**
 * Derived data built with every index from its papers and cached with it, each read back with
 * `PaperIndex.section(name)`: see `src/search/sections.ts` for how to add one.
 */
export const INDEX_SECTIONS: readonly SectionSpec[] = [];

export interface LibraryOptions {
  corpus: string[];
  /** Where the index cache lives; `null` disables it. */
  cacheDir?: string | null;
  /** Derived sections built with the index and cached with it; default `INDEX_SECTIONS`. */
  sections?: readonly SectionSpec[];
  logger?: Logger;
  /** Parsing, indexing and cache progress, for the first load and every rebuild. */
  onProgress?: OnProgress;
}

interface Served {
  index: PaperIndex;
  catalog: TitleCatalog;
  sources: CachedSource[];
  /** The cache key of the corpus files: their content hash and the index settings. */
  key: string;
  version: string;
  /** Where each corpus-file paper comes from ("data/papers.txt:11"), by id. */
  corpus: Map<string, string>;
  /** The corpus changes applied since the index was built in full (`src/reload/delta.ts`). */
  delta?: CorpusDelta;
}

export interface OpenReport {
  papers: number;
  fromCache: boolean;
  ms: number;
  /** False when a reload found the corpus files unchanged and kept the index. */
  changed: boolean;
}

interface AddedPaper {
  paper: Paper;
  origin: PaperOrigin;
}

const SHOW_SUMMARY = { maxSentences: 3, maxLength: 480 };
/** Papers changed (or fingerprinted) between two yields to the event loop. */
const SLICE = 200;

function corpusSources(index: PaperIndex): Map<string, string> {
  const sources = new Map<string, string>();
  for (const [, paper] of index.live()) sources.set(paper.id, paper.source);
  return sources;
}

export class Library implements PaperCore {
  private served: Served;
  lastLoad: OpenReport;
  /** Feed and chat papers, in the order they came; they outlive rebuilds of the corpus index. */
  private readonly added = new Map<string, AddedPaper>();
  /** Rebuilds run one at a time. */
  private rebuilding: Promise<unknown> = Promise.resolve();

  private constructor(
    private readonly options: LibraryOptions,
    served: Served,
    report: OpenReport,
  ) {
    this.served = served;
    this.lastLoad = report;
  }

  /** Loads the cached index or builds it, on this thread: nothing is being served yet. */
  static async open(options: LibraryOptions): Promise<Library> {
    const started = performance.now();
    const withSections = { ...options, sections: options.sections ?? INDEX_SECTIONS };
    let prepared = await prepareIndex(withSections);
    let index: PaperIndex;
    try {
      index = PaperIndex.fromImage(prepared.image, options.corpus);
    } catch (error) {
      if (!prepared.fromCache) throw error;
      options.logger?.warn({ cacheDir: options.cacheDir, err: error }, 'index cache does not match its corpus; rebuilding');
      prepared = await prepareIndex(withSections, { key: prepared.key, useCache: false });
      index = PaperIndex.fromImage(prepared.image, options.corpus);
    }
    const served = Library.serve(index, prepared.sources, prepared.key);
    if (prepared.delta) await applyChange(served, prepared.delta, new Map());
    served.delta = prepared.delta;
    return new Library(options, served, { papers: index.size, fromCache: prepared.fromCache, ms: performance.now() - started, changed: true });
  }

  private static serve(index: PaperIndex, sources: CachedSource[], key: string): Served {
    return { index, catalog: new TitleCatalog(index), sources, key, version: key.slice(0, 8), corpus: corpusSources(index) };
  }

  /**
   * Rebuilds from the corpus files in a worker thread while the current index keeps serving, then
   * swaps the new one in. Files that still hash to the serving index change nothing. On any error
   * (a broken file names its line) the current index stays and the error is thrown.
   */
  reload(): Promise<OpenReport> {
    const run = this.rebuilding.then(() => this.rebuild());
    this.rebuilding = run.catch(() => undefined);
    return run;
  }

  private async rebuild(): Promise<OpenReport> {
    const started = performance.now();
    const { corpus, cacheDir, sections, onProgress } = this.options;
    const currentKey = this.served.key;
    const served = await servedCorpus(this.served);
    const rebuilt = await rebuildOffThread({ corpus, cacheDir: cacheDir ?? null, sections: [...(sections ?? INDEX_SECTIONS)], currentKey, served }, onProgress);
    if (!rebuilt) return { papers: this.index.size, fromCache: this.lastLoad.fromCache, ms: performance.now() - started, changed: false };
    if ('change' in rebuilt) {
      await this.applyInPlace(rebuilt);
      this.lastLoad = { papers: this.index.size, fromCache: false, ms: performance.now() - started, changed: true };
      return this.lastLoad;
    }
    const next = Library.serve(rebuilt.index, rebuilt.sources, rebuilt.key);
    if (rebuilt.delta) await applyChange(next, rebuilt.delta, new Map());
    next.delta = rebuilt.delta;
    for (const added of this.added.values()) if (!(added.origin === 'chat' && next.corpus.has(added.paper.id))) putPaper(next.index, next.catalog, added.paper);
    this.served = next;
    this.lastLoad = { papers: next.index.size, fromCache: rebuilt.fromCache, ms: performance.now() - started, changed: true };
    return this.lastLoad;
  }

  /**
   * A small change to the corpus files, applied to the index serving, then cached as the changes
   * since its full build so that a start reads the same.
   */
  private async applyInPlace({ key, sources, change }: { key: string; sources: CachedSource[]; change: CorpusChange }): Promise<void> {
    const served = this.served;
    const base = served.delta?.base ?? served.key;
    const total = change.puts.length + change.drops.length;
    const { cacheDir, logger, onProgress } = this.options;
    onProgress?.({ phase: 'applying changes', done: 0, total, unit: 'papers' });
    await applyChange(served, change, this.added);
    onProgress?.({ phase: 'applying changes', done: total, total, unit: 'papers' });
    served.delta = accumulate(served.delta, base, change);
    served.sources = sources;
    served.key = key;
    served.version = key.slice(0, 8);
    if (!cacheDir) return;
    try {
      await writeDelta(cacheDir, key, sources, served.delta);
    } catch (error) {
      logger?.warn({ cacheDir, err: error }, 'could not write the index cache; continuing without it');
    }
  }

  private get index(): PaperIndex {
    return this.served.index;
  }

  /** Papers being served, without the walk over them that `stats()` makes. */
  get size(): number {
    return this.index.size;
  }

  private resolve(idOrTitle: string): number {
    const resolution = resolvePaper(this.index, this.served.catalog, idOrTitle);
    if (resolution.doc !== null) return resolution.doc;
    const suggestions = resolution.suggestions.map((doc) => toSuggestion(this.index.paper(doc)));
    const problem = resolution.several ? `Several papers match "${idOrTitle}"; name one of them.` : `No paper matches "${idOrTitle}".`;
    throw new PaperbotError('not_found', problem, { suggestions });
  }

  search(query: string, options?: SearchOptions): SearchResult {
    return search(this.index, query, options);
  }

  show(idOrTitle: string): ShowResult {
    const resolution = resolvePaper(this.index, this.served.catalog, idOrTitle);
    if (resolution.doc === null) {
      const suggestions = resolution.suggestions.map((d) => toSuggestion(this.index.paper(d)));
      return { query: idOrTitle, paper: null, suggestions, ambiguous: resolution.several };
    }
    const paper = this.index.paper(resolution.doc);
    const detail = {
      ...paperRef(paper),
      abstract: paper.abstract,
      summary: summarizeAbstract(paper.abstract, SHOW_SUMMARY),
      tags: paper.tags,
    };
    return { query: idOrTitle, paper: detail, suggestions: [] };
  }

  similar(idOrTitle: string, options: { limit?: number } = {}): SimilarResult {
    const doc = this.resolve(idOrTitle);
    const results = similarDocs(this.index, doc, options.limit ?? 5).map(({ doc: other, score }) => {
      const paper = this.index.paper(other);
      return { ...paperRef(paper), score, summary: summarizeAbstract(paper.abstract, { maxSentences: 1, maxLength: 240 }) };
    });
    return { paper: paperRef(this.index.paper(doc)), results };
  }

  ask(question: string, options: AskOptions = {}): AskResult {
    return answerQuestion(this.index, this.served.catalog, question, this.scope(options));
  }

  /** Who a question is put to: one named paper, a conversation's papers that are still listed, or every paper. */
  private scope(options: AskOptions): AskScope | undefined {
    if (options.paper !== undefined) return { paper: this.resolve(options.paper) };
    const context = (options.context ?? []).map((id) => this.index.position(id)).filter((doc): doc is number => doc !== undefined);
    return context.length > 0 ? { context } : undefined;
  }

  /** What `ask` weighs before it answers: the candidate papers and their best sentences. */
  evidence(question: string, options: AskOptions = {}): Evidence {
    const scope = this.scope(options);
    const within = scope === undefined ? undefined : 'paper' in scope ? [scope.paper] : scope.context;
    return gatherEvidence(this.index, this.served.catalog, question, within);
  }

  passages(question: string, options: AskOptions = {}): EvidencePassage[] {
    return evidencePassages(this.evidence(question, options));
  }

  summarize(id: string, options: { query?: string } = {}): string {
    const paper = this.index.paper(this.resolve(id));
    const queryTerms = options.query ? new Set(analyze(options.query)) : undefined;
    return summarizeAbstract(paper.abstract, queryTerms ? { ...SHOW_SUMMARY, queryTerms } : SHOW_SUMMARY);
  }

  suggest(prefix: string): Suggestion[] {
    return suggest(this.index, this.served.catalog, prefix);
  }

  highlights(options?: HighlightsOptions): HighlightsResult {
    const picked = pickHighlights(this.index, options);
    const result: HighlightsResult = { highlights: picked.highlights };
    if (picked.since) result.since = picked.since;
    if (options?.topic) result.topic = options.topic;
    return result;
  }

  stats(): CorpusStats {
    let withArxivId = 0;
    let withUpvotes = 0;
    let withCode = 0;
    let earliest: string | undefined;
    let latest: string | undefined;
    for (const [, paper] of this.index.live()) {
      if (paper.arxivId) withArxivId++;
      if (paper.upvotes !== undefined) withUpvotes++;
      if (paper.links.code) withCode++;
      if (paper.published) {
        if (!earliest || paper.published < earliest) earliest = paper.published;
        if (!latest || paper.published > latest) latest = paper.published;
      }
    }
    const stats: CorpusStats = {
      papers: this.index.size,
      withArxivId,
      withUpvotes,
      withCode,
      sources: this.served.sources,
      fromChat: this.addedCount('chat'),
      fromFeeds: this.addedCount('feed'),
      version: this.served.version,
    };
    if (earliest) stats.earliest = earliest;
    if (latest) stats.latest = latest;
    return stats;
  }

  getPaper(id: string): Paper | undefined {
    const doc = this.index.position(id);
    return doc === undefined ? undefined : this.index.paper(doc);
  }

  /** `origin` is the stored paper's: the store keeps a chat paper chat's when a feed brings it again. */
  addPapers(papers: Paper[], origin: PaperOrigin = 'feed'): number {
    let added = 0;
    for (const paper of papers) {
      this.added.set(paper.id, { paper, origin });
      // A corpus file that lists the paper wins over a chat copy of it.
      if (origin === 'chat' && this.served.corpus.has(paper.id)) continue;
      if (putPaper(this.index, this.served.catalog, paper)) added++;
    }
    return added;
  }

  /** Papers from the corpus files stay: only papers added live (feeds, chat) can be taken out. */
  removePapers(ids: string[]): number {
    let removed = 0;
    for (const id of ids) {
      if (!this.added.delete(id)) continue;
      removed++;
      if (!this.served.corpus.has(id)) takePaper(this.index, this.served.catalog, id);
    }
    return removed;
  }

  provenance(id: string): Provenance | undefined {
    const file = this.served.corpus.get(id);
    if (file !== undefined) return { origin: 'corpus', ...corpusLocation(file) };
    const added = this.added.get(id);
    if (!added) return undefined;
    return added.origin === 'chat' ? { origin: 'chat' } : { origin: 'feed', source: added.paper.source };
  }

  /** Papers added from chat that are serving (a corpus file may list one of them since). */
  chatPapers(): Paper[] {
    return [...this.added.values()].filter((a) => a.origin === 'chat' && !this.served.corpus.has(a.paper.id)).map((a) => a.paper);
  }

  private addedCount(origin: PaperOrigin): number {
    let count = 0;
    for (const added of this.added.values()) if (added.origin === origin && !this.served.corpus.has(added.paper.id)) count++;
    return count;
  }
}

/** The corpus papers being served and their fingerprints, for the rebuild worker to tell what changed; in slices. */
async function servedCorpus(served: Served): Promise<ServedCorpus> {
  const ids = [...served.corpus.keys()];
  const fingerprints: string[] = [];
  for (const id of ids) {
    const doc = served.index.position(id);
    fingerprints.push(doc === undefined ? '' : served.index.fingerprint(doc));
    if (fingerprints.length % SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
  }
  return { ids, fingerprints, sources: [...served.corpus.values()], pending: deltaSize(served.delta) };
}

/**
 * Applies a change of the corpus files to the papers served, in slices that let chat be answered
 * meanwhile. Papers added live keep their say: a feed's copy of a paper stays over the corpus's, a
 * chat copy gives way to the corpus's and comes back when the corpus drops the paper.
 */
async function applyChange(served: Served, change: CorpusChange, added: ReadonlyMap<string, AddedPaper>): Promise<void> {
  const { index, catalog, corpus } = served;
  let done = 0;
  const pause = async () => {
    if (++done % SLICE === 0) await new Promise((resolve) => setImmediate(resolve));
  };
  for (const paper of change.puts) {
    corpus.set(paper.id, paper.source);
    if (added.get(paper.id)?.origin !== 'feed') putPaper(index, catalog, paper);
    await pause();
  }
  for (const { id, source } of change.moves) corpus.set(id, source);
  for (const id of change.drops) {
    corpus.delete(id);
    const kept = added.get(id);
    if (!kept) takePaper(index, catalog, id);
    else if (kept.origin === 'chat') putPaper(index, catalog, kept.paper);
    await pause();
  }
}

/** Adds or replaces a paper in the index and its title in the catalog; true when it is new. */
function putPaper(index: PaperIndex, catalog: TitleCatalog, paper: Paper): boolean {
  const replaced = index.position(paper.id);
  const isNew = index.add(paper);
  if (replaced !== undefined) catalog.remove(replaced);
  catalog.add(index.position(paper.id)!, paper);
  return isNew;
}

/** Takes a paper out of the index and its title out of the catalog. */
function takePaper(index: PaperIndex, catalog: TitleCatalog, id: string): void {
  const doc = index.position(id);
  if (doc === undefined) return;
  index.remove(id);
  catalog.remove(doc);
}

/** "/srv/data/papers.txt:11" -> the file's name and the line (or record) in it. */
function corpusLocation(source: string): { file: string; location?: string } {
  const match = /^(.*):([^:/\\]+)$/.exec(source);
  const file = match?.[1] ?? source;
  return { file: path.basename(file), ...(match?.[2] ? { location: match[2] } : {}) };
}
