/**
 * The on-disk index cache. An entry is keyed by the corpus files' content (not where they are), the
 * index options, the minisearch release and the derived sections built with it, so an unchanged
 * corpus loads instead of rebuilding, even from another path, and any change rebuilds.
 *
 * An entry is an index image (`image.ts`): minisearch's state (`minisearch-index.ts`), the papers and
 * their prepared titles, read back without parsing but the papers' short records; the abstracts stay
 * in the file and are read when asked for. Entries are written to a temporary file and renamed into
 * place, so a crash never leaves a half-written entry, and a reader holding an older entry open
 * keeps reading it after it is replaced. A file of an older format, or one that
 * fails its checks, is a miss that gets rebuilt.
 */
import { createHash } from 'node:crypto';
import { existsSync, openSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { FileRegion, openImage, writeImage } from './image.js';
import { MINISEARCH_VERSION } from './minisearch-index.js';
import { INDEX_OPTIONS, INDEX_VERSION } from './options.js';
import { imageSections, type IndexImage } from './paper-index.js';
import { PAPER_SECTIONS } from './paper-table.js';

const FORMAT = 'paperbot-index';
const KEEP_ENTRIES = 2;
const ENTRY_RE = /^index-[0-9a-f]+\.bin$/;
/** Entries of the JSON-lines format before version 3: never read, removed when a new entry is written. */
const OLD_ENTRY_RE = /^index-[0-9a-f]+\.jsonl?$/;

export interface CachedSource {
  file: string;
  format: string;
  papers: number;
}

export interface CacheEntry {
  key: string;
  sources: CachedSource[];
  image: IndexImage;
}

/** A derived section built with the index: its name and the version of what builds it. */
export interface SectionVersion {
  name: string;
  version: number;
}

const metaSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(INDEX_VERSION),
  key: z.string(),
  sources: z.array(z.object({ file: z.string(), format: z.string(), papers: z.number() })),
  index: z.object({ papers: z.number().int().nonnegative() }),
});

/** The cache key for a corpus content hash under the current index settings, minisearch release and derived sections. */
export function cacheKey(corpusHash: string, sections: readonly SectionVersion[] = []): string {
  return createHash('sha256')
    .update(JSON.stringify({ corpusHash, version: INDEX_VERSION, minisearch: MINISEARCH_VERSION, options: INDEX_OPTIONS, sections }))
    .digest('hex')
    .slice(0, 24);
}

function entryPath(dir: string, key: string): string {
  return path.join(dir, `index-${key}.bin`);
}

export type CacheRead = { status: 'hit'; entry: CacheEntry } | { status: 'miss' } | { status: 'corrupt'; reason: string };

function reason(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 200) : String(error);
}

/**
 * Opens the entry for `key`. `files` are the corpus files as named now, in order: the papers' sources
 * and the entry's source list name them.
 */
export function readCache(dir: string, key: string, files: readonly string[]): CacheRead {
  const file = entryPath(dir, key);
  if (!existsSync(file)) return { status: 'miss' };
  let opened;
  try {
    opened = openImage(file, PAPER_SECTIONS.abstracts);
  } catch (error) {
    return { status: 'corrupt', reason: reason(error) };
  }
  const region = opened.lazy!;
  try {
    const meta = metaSchema.parse(opened.meta);
    if (meta.key !== key) throw new Error('key mismatch');
    if (meta.sources.length !== files.length) throw new Error(`entry lists ${meta.sources.length} corpus files, not ${files.length}`);
    const sources = meta.sources.map((source, i) => ({ ...source, file: files[i]! }));
    const image: IndexImage = { meta: meta.index, sections: opened.sections, abstracts: { region } };
    return { status: 'hit', entry: { key, sources, image } };
  } catch (error) {
    region.close();
    return { status: 'corrupt', reason: reason(error) };
  }
}

/**
 * Writes an entry and returns its abstracts section, open in the file written: the abstracts need not
 * stay in memory once they are on disk. (Opened before the rename, so it is this very file even if
 * another process puts an entry of the same key in place meanwhile.)
 */
export async function writeCache(dir: string, entry: CacheEntry): Promise<FileRegion> {
  await mkdir(dir, { recursive: true });
  const target = entryPath(dir, entry.key);
  const temporary = `${target}.${process.pid}.tmp`;
  const { key, sources, image } = entry;
  let region: FileRegion;
  try {
    const written = writeImage(temporary, { format: FORMAT, version: INDEX_VERSION, key, sources, index: image.meta }, imageSections(image));
    const abstracts = written.get(PAPER_SECTIONS.abstracts);
    if (!abstracts) throw new Error('an index image without abstracts');
    region = FileRegion.open(openSync(temporary, 'r'), target, abstracts.position, abstracts.length);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await pruneCache(dir, entry.key);
  return region;
}

/** Keeps the newest entries only, so a corpus edited often does not fill the disk; drops older formats. */
async function pruneCache(dir: string, keep: string): Promise<void> {
  const names = await readdir(dir);
  const old = names.filter((n) => OLD_ENTRY_RE.test(n));
  const entries = names.filter((n) => ENTRY_RE.test(n) && n !== path.basename(entryPath(dir, keep)));
  const dated = await Promise.all(entries.map(async (n) => ({ n, t: (await stat(path.join(dir, n))).mtimeMs })));
  dated.sort((a, b) => b.t - a.t);
  const stale = [...old, ...dated.slice(KEEP_ENTRIES - 1).map(({ n }) => n)];
  await Promise.all(stale.map((n) => rm(path.join(dir, n), { force: true })));
}
