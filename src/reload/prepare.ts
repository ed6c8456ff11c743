/**
 * Getting an index image for a corpus: from the cache when it holds one for these exact files, else
 * by parsing and indexing them (and writing the cache, after which the abstracts are read from it,
 * not kept in memory). Shared by the first load, which runs on the main thread before anything is
 * served, and by the rebuild worker.
 */
import { hashCorpusFiles, loadCorpus } from '../ingest/load.js';
import type { Logger } from '../log.js';
import type { OnProgress } from '../progress.js';
import { cacheKey, readCache, writeCache, type CachedSource } from '../search/cache.js';
import { buildImage, type IndexImage } from '../search/paper-index.js';
import { PAPER_SECTIONS } from '../search/paper-table.js';
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

/** Parses and indexes the files; their papers are let go on return, before the cache is written. */
async function buildFromFiles(corpus: string[], sections: readonly SectionSpec[], onProgress?: OnProgress): Promise<{ image: IndexImage; sources: CachedSource[] }> {
  const loaded = await loadCorpus(corpus, onProgress);
  const image = buildImage(loaded.papers, corpus, onProgress);
  await buildSections(image, corpus, sections);
  return { image, sources: loaded.sources.map((s) => ({ file: s.file, format: s.format, papers: s.papers })) };
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
  const { image, sources } = await buildFromFiles(corpus, sections, onProgress);
  const total = image.meta.papers;
  if (cacheDir) {
    try {
      onProgress?.({ phase: 'writing cache', done: 0, total, unit: 'papers' });
      const abstracts = await writeCache(cacheDir, { key, sources, image });
      onProgress?.({ phase: 'writing cache', done: total, total, unit: 'papers' });
      // On disk now: read from there, as after a start from the cache.
      image.sections.delete(PAPER_SECTIONS.abstracts);
      image.abstracts = { region: abstracts };
    } catch (error) {
      logger?.warn({ cacheDir, err: error }, 'could not write the index cache; continuing without it');
    }
  }
  return { key, sources, fromCache: false, image };
}
