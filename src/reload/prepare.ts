/**
 * Getting an index image for a corpus: from the cache when it holds one for these exact files, else
 * by parsing and indexing them (and writing the cache, after which the abstracts are read from it,
 * not kept in memory). Shared by the first load, which runs on the main thread before anything is
 * served, and by the rebuild worker.
 */
import { hashCorpusFiles, loadCorpus, type LoadedCorpus } from '../ingest/load.js';
import type { Logger } from '../log.js';
import type { OnProgress } from '../progress.js';
import { cacheKey, hasFullEntry, readCache, writeCache, type CachedSource, type CorpusDelta } from '../search/cache.js';
import { buildImage, type IndexImage } from '../search/paper-index.js';
import { PAPER_SECTIONS } from '../search/paper-table.js';
import { buildSections, sectionVersions, type SectionSpec } from '../search/sections.js';
import { diffCorpus, type CorpusChange } from './delta.js';
import type { ServedCorpus } from './protocol.js';

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
  /** The corpus is the image's with these changes (a delta entry of the cache). */
  delta?: CorpusDelta;
}

/** A change small enough to apply to the serving index (`delta.ts`). */
export interface PreparedChange {
  key: string;
  sources: CachedSource[];
  change: CorpusChange;
}

export async function corpusKey(corpus: string[], sections: readonly SectionSpec[] = []): Promise<string> {
  return cacheKey(await hashCorpusFiles(corpus), sectionVersions(sections));
}

function sourcesOf(loaded: LoadedCorpus): CachedSource[] {
  return loaded.sources.map((s) => ({ file: s.file, format: s.format, papers: s.papers }));
}

/** Indexes parsed files; their papers are let go on return, before the cache is written. */
async function buildFromPapers(loaded: LoadedCorpus, corpus: string[], sections: readonly SectionSpec[], onProgress?: OnProgress): Promise<IndexImage> {
  const image = buildImage(loaded.papers, corpus, onProgress);
  await buildSections(image, corpus, sections);
  return image;
}

function cached(options: PrepareOptions, key: string): Prepared | undefined {
  const { corpus, cacheDir, logger } = options;
  if (!cacheDir) return undefined;
  const read = readCache(cacheDir, key, corpus);
  if (read.status === 'corrupt') logger?.warn({ cacheDir, reason: read.reason }, 'index cache unreadable; rebuilding');
  if (read.status !== 'hit') return undefined;
  const { sources, image, delta } = read.entry;
  return { key, sources, fromCache: true, image, ...(delta ? { delta } : {}) };
}

/** `key` when the caller hashed the corpus already; `useCache: false` after the cached entry failed to load. */
export async function prepareIndex(options: PrepareOptions, known: { key?: string; useCache?: boolean } = {}): Promise<Prepared> {
  const key = known.key ?? (await corpusKey(options.corpus, options.sections ?? []));
  const hit = known.useCache === false ? undefined : cached(options, key);
  return hit ?? buildPrepared(options, key, await loadCorpus(options.corpus, options.onProgress));
}

/**
 * For a rebuild while `served` is serving: the cached index for `key`, else the files parsed and,
 * when little changed, only the change; else a new index. A cache entry that is itself a change
 * over a full index (another replica applied it first) is not loaded as a second index: the files
 * are compared instead, which costs a parse, not another index in memory.
 */
export async function prepareRebuild(options: PrepareOptions, key: string, served: ServedCorpus | undefined): Promise<Prepared | PreparedChange> {
  const worthLoading = !served || (options.cacheDir ? hasFullEntry(options.cacheDir, key) : false);
  const hit = worthLoading ? cached(options, key) : undefined;
  if (hit) return hit;
  const loaded = await loadCorpus(options.corpus, options.onProgress);
  const change = served ? diffCorpus(loaded.papers, served) : null;
  if (change) return { key, sources: sourcesOf(loaded), change };
  return buildPrepared(options, key, loaded);
}

async function buildPrepared(options: PrepareOptions, key: string, loaded: LoadedCorpus): Promise<Prepared> {
  const { corpus, cacheDir, logger, onProgress } = options;
  const sources = sourcesOf(loaded);
  const image = await buildFromPapers(loaded, corpus, options.sections ?? [], onProgress);
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
