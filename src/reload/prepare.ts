/**
 * Getting an index image for a corpus: from the cache when it holds one for these exact files, else
 * by parsing and indexing them (and writing the cache, then reading the new entry back, so that the
 * abstracts stay on disk from the start). Shared by the first load, which runs on the main thread
 * before anything is served, and by the rebuild worker.
 */
import { hashCorpusFiles, loadCorpus } from '../ingest/load.js';
import type { Logger } from '../log.js';
import type { OnProgress } from '../progress.js';
import { cacheKey, readCache, writeCache, type CachedSource } from '../search/cache.js';
import { buildImage, type IndexImage } from '../search/paper-index.js';
import { buildSections, sectionVersions, type SectionSpec } from '../search/sections.js';

export interface PrepareOptions {
  corpus: string[];
  /** Where the index cache lives; `null` disables it. */
  cacheDir?: string | null;
  /** Derived sections built with the index and cached with it. */
  sections?: readonly SectionSpec[];
  logger?: Logger;
  onProgress?: OnProgress;
}

export interface Prepared {
  /** The cache key: corpus content hash, index settings and derived sections. */
  key: string;
  sources: CachedSource[];
  fromCache: boolean;
  image: IndexImage;
}

export async function corpusKey(corpus: string[], sections: readonly SectionSpec[] = []): Promise<string> {
  return cacheKey(await hashCorpusFiles(corpus), sectionVersions(sections));
}

/** `key` when the caller hashed the corpus already; `useCache: false` after the cached entry failed to load. */
export async function prepareIndex(options: PrepareOptions, known: { key?: string; useCache?: boolean } = {}): Promise<Prepared> {
  const { corpus, cacheDir, logger, onProgress } = options;
  const sections = options.sections ?? [];
  const key = known.key ?? (await corpusKey(corpus, sections));
  if (cacheDir && known.useCache !== false) {
    const cached = readCache(cacheDir, key, corpus);
    if (cached.status === 'corrupt') logger?.warn({ cacheDir, reason: cached.reason }, 'index cache unreadable; rebuilding');
    if (cached.status === 'hit') return { key, sources: cached.entry.sources, fromCache: true, image: cached.entry.image };
  }
  const loaded = await loadCorpus(corpus, onProgress);
  const built = buildImage(loaded.papers, corpus, onProgress);
  await buildSections(built, corpus, sections);
  const sources = loaded.sources.map((s) => ({ file: s.file, format: s.format, papers: s.papers }));
  if (cacheDir) {
    try {
      const total = loaded.papers.length;
      onProgress?.({ phase: 'writing cache', done: 0, total, unit: 'papers' });
      await writeCache(cacheDir, { key, sources, image: built });
      onProgress?.({ phase: 'writing cache', done: total, total, unit: 'papers' });
      const written = readCache(cacheDir, key, corpus);
      if (written.status === 'hit') return { key, sources, fromCache: false, image: written.entry.image };
    } catch (error) {
      logger?.warn({ cacheDir, err: error }, 'could not write the index cache; continuing without it');
    }
  }
  return { key, sources, fromCache: false, image: built };
}
