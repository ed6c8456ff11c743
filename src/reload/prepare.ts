/**
 * Getting an index for a corpus: from the cache when it holds one for these exact files, else by
 * parsing and indexing them (and writing the cache). Shared by the first load, which runs on the
 * main thread before anything is served, and by the rebuild worker.
 */
import { hashCorpusFiles, loadCorpus } from '../ingest/load.js';
import type { Logger } from '../log.js';
import type { Paper } from '../model/paper.js';
import { counted, type OnProgress } from '../progress.js';
import { cacheKey, readCache, writeCache, type CachedSource } from '../search/cache.js';
import { PaperIndex, type IndexSnapshot } from '../search/paper-index.js';

export interface PrepareOptions {
  corpus: string[];
  /** Where the index cache lives; `null` disables it. */
  cacheDir?: string | null;
  logger?: Logger;
  onProgress?: OnProgress;
}

interface Common {
  /** The cache key: corpus content hash and index settings. */
  key: string;
  sources: CachedSource[];
  papers: Paper[];
}

/** From the cache: the index still to be loaded from its snapshot; freshly built: the index itself. */
export type Prepared = (Common & { fromCache: true; snapshot: IndexSnapshot }) | (Common & { fromCache: false; index: PaperIndex });

export async function corpusKey(corpus: string[]): Promise<string> {
  return cacheKey(await hashCorpusFiles(corpus));
}

/** `key` when the caller hashed the corpus already; `useCache: false` after the cached entry failed to load. */
export async function prepareIndex(options: PrepareOptions, known: { key?: string; useCache?: boolean } = {}): Promise<Prepared> {
  const { corpus, cacheDir, logger, onProgress } = options;
  const key = known.key ?? (await corpusKey(corpus));
  if (cacheDir && known.useCache !== false) {
    const cached = readCache(cacheDir, key);
    if (cached.status === 'corrupt') logger?.warn({ cacheDir, reason: cached.reason }, 'index cache unreadable; rebuilding');
    if (cached.status === 'hit') {
      const { papers, sources, snapshot } = cached.entry;
      return { key, sources, papers, fromCache: true, snapshot };
    }
  }
  const loaded = await loadCorpus(corpus, onProgress);
  const index = PaperIndex.build([]);
  for (const paper of counted(loaded.papers, loaded.papers.length, 'indexing', 'papers', onProgress)) index.add(paper);
  const sources = loaded.sources.map((s) => ({ file: s.file, format: s.format, papers: s.papers }));
  if (cacheDir) {
    try {
      const snapshot = index.snapshot();
      const entries = counted(snapshot.entries, snapshot.terms, 'writing cache', 'terms', onProgress);
      await writeCache(cacheDir, { key, sources, papers: loaded.papers, snapshot: { ...snapshot, entries } });
    } catch (error) {
      logger?.warn({ cacheDir, err: error }, 'could not write the index cache; continuing without it');
    }
  }
  return { key, sources, papers: loaded.papers, fromCache: false, index };
}

/** Loads a cached snapshot on the current thread, all at once (nothing is being served yet). */
export function loadSnapshot(prepared: Prepared & { fromCache: true }, onProgress?: OnProgress): PaperIndex {
  const { snapshot } = prepared;
  return PaperIndex.fromSnapshot(prepared.papers, { ...snapshot, entries: counted(snapshot.entries, snapshot.terms, 'loading index', 'terms', onProgress) });
}
