/**
 * The serving core: one index at a time. Opening loads the cached index for the corpus or builds it;
 * `reload()` builds the new index aside and swaps it in only when it is complete, so a broken corpus
 * file or a corrupt cache never replaces the index that is serving.
 */
import { ask as answerQuestion } from './answer/ask.js';
import { gatherEvidence, type Evidence } from './answer/evidence.js';
import { evidencePassages } from './answer/passages.js';
import { summarize as summarizeAbstract } from './answer/summarize.js';
import type { HighlightsOptions, PaperCore, SearchOptions } from './core.js';
import { PaperbotError } from './errors.js';
import { hashCorpusFiles, loadCorpus } from './ingest/load.js';
import type { Logger } from './log.js';
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
import { cacheKey, readCache, writeCache, type CachedSource } from './search/cache.js';
import { TitleCatalog, resolvePaper, suggest, toSuggestion } from './search/find.js';
import { pickHighlights } from './search/highlights.js';
import { PaperIndex } from './search/paper-index.js';
import { paperRef } from './search/refs.js';
import { search } from './search/search.js';
import { similarDocs } from './search/similar.js';
import { analyze } from './text/analyzer.js';

export interface LibraryOptions {
  corpus: string[];
  /** Where the index cache lives; `null` disables it. */
  cacheDir?: string | null;
  logger?: Logger;
}

interface Served {
  index: PaperIndex;
  catalog: TitleCatalog;
  sources: CachedSource[];
  version: string;
}

export interface OpenReport {
  papers: number;
  fromCache: boolean;
  ms: number;
}

const SHOW_SUMMARY = { maxSentences: 3, maxLength: 480 };

export class Library implements PaperCore {
  private served: Served;
  lastLoad: OpenReport;

  private constructor(
    private readonly options: LibraryOptions,
    served: Served,
    report: OpenReport,
  ) {
    this.served = served;
    this.lastLoad = report;
  }

  static async open(options: LibraryOptions): Promise<Library> {
    const { served, report } = await Library.load(options);
    return new Library(options, served, report);
  }

  /** Rebuilds from the corpus files; on any error the current index keeps serving and the error is thrown. */
  async reload(): Promise<OpenReport> {
    const { served, report } = await Library.load(this.options);
    this.served = served;
    this.lastLoad = report;
    return report;
  }

  private static async load(options: LibraryOptions): Promise<{ served: Served; report: OpenReport }> {
    const started = performance.now();
    const { corpus, cacheDir, logger } = options;
    const key = cacheKey(await hashCorpusFiles(corpus));
    const version = key.slice(0, 8);
    if (cacheDir) {
      const cached = readCache(cacheDir, key);
      if (cached.status === 'corrupt') logger?.warn({ cacheDir, reason: cached.reason }, 'index cache unreadable; rebuilding');
      if (cached.status === 'hit') {
        try {
          const index = PaperIndex.fromSnapshot(cached.entry.papers, cached.entry.snapshot);
          const served = { index, catalog: new TitleCatalog(index), sources: cached.entry.sources, version };
          return { served, report: { papers: index.size, fromCache: true, ms: performance.now() - started } };
        } catch (error) {
          logger?.warn({ cacheDir, err: error }, 'index cache does not match its corpus; rebuilding');
        }
      }
    }
    const loaded = await loadCorpus(corpus);
    const index = PaperIndex.build(loaded.papers);
    const sources = loaded.sources.map((s) => ({ file: s.file, format: s.format, papers: s.papers }));
    if (cacheDir) {
      try {
        await writeCache(cacheDir, { key, sources, papers: loaded.papers, snapshot: index.snapshot() });
      } catch (error) {
        logger?.warn({ cacheDir, err: error }, 'could not write the index cache; continuing without it');
      }
    }
    const served = { index, catalog: new TitleCatalog(index), sources, version };
    return { served, report: { papers: index.size, fromCache: false, ms: performance.now() - started } };
  }

  private get index(): PaperIndex {
    return this.served.index;
  }

  private resolve(idOrTitle: string): number {
    const resolution = resolvePaper(this.index, this.served.catalog, idOrTitle);
    if (resolution.doc !== null) return resolution.doc;
    const suggestions = resolution.suggestions.map((doc) => toSuggestion(this.index.paper(doc)));
    throw new PaperbotError('not_found', `No paper matches "${idOrTitle}".`, { suggestions });
  }

  search(query: string, options?: SearchOptions): SearchResult {
    return search(this.index, query, options);
  }

  show(idOrTitle: string): ShowResult {
    const resolution = resolvePaper(this.index, this.served.catalog, idOrTitle);
    if (resolution.doc === null) {
      return { query: idOrTitle, paper: null, suggestions: resolution.suggestions.map((d) => toSuggestion(this.index.paper(d))) };
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

  ask(question: string): AskResult {
    return answerQuestion(this.index, this.served.catalog, question);
  }

  /** What `ask` weighs before it answers: the candidate papers and their best sentences. */
  evidence(question: string): Evidence {
    return gatherEvidence(this.index, this.served.catalog, question);
  }

  passages(question: string): EvidencePassage[] {
    return evidencePassages(this.evidence(question));
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

  addPapers(papers: Paper[]): number {
    let added = 0;
    for (const paper of papers) if (this.index.add(paper)) added++;
    if (papers.length > 0) this.served = { ...this.served, catalog: new TitleCatalog(this.index) };
    return added;
  }

  removePapers(ids: string[]): number {
    let removed = 0;
    for (const id of ids) if (this.index.remove(id)) removed++;
    if (removed > 0) this.served = { ...this.served, catalog: new TitleCatalog(this.index) };
    return removed;
  }
}
