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
 *
 * A small change to the corpus is not rebuilt but applied to the serving index (`src/reload/delta.ts`);
 * its entry is a delta file naming the full entry it applies to and the papers put or dropped since,
 * so that a start after it loads that entry and applies the same changes.
 */
import { createHash } from 'node:crypto';
import { existsSync, openSync, readdirSync, readFileSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { paperSchema, type Paper } from '../model/paper.js';
import { FileRegion, openImage, writeImage } from './image.js';
import { MINISEARCH_VERSION } from './minisearch-index.js';
import { INDEX_OPTIONS, INDEX_VERSION } from './options.js';
import { imageSections, type IndexImage } from './paper-index.js';
import { corpusSource, PAPER_SECTIONS, sourceInCorpus } from './paper-table.js';

const FORMAT = 'paperbot-index';
const DELTA_FORMAT = 'paperbot-delta';
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
  /** The corpus is the image's with these changes (a delta entry over the full entry `delta.base`). */
  delta?: CorpusDelta;
}

/** A corpus paper unchanged but for where it sits in its file ("papers.txt:12" where it was ":11"). */
export interface PaperMove {
  id: string;
  source: string;
}

/** Corpus papers put (added or changed), moved and dropped since the full index `base` was built. */
export interface CorpusDelta {
  base: string;
  puts: Paper[];
  moves: PaperMove[];
  drops: string[];
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

const deltaHeaderSchema = z.object({
  format: z.literal(DELTA_FORMAT),
  version: z.literal(INDEX_VERSION),
  key: z.string(),
  base: z.string(),
  sources: metaSchema.shape.sources,
});
/** A put or moved paper's source is kept without its file's path, as in a full entry: `file` is the file's place in the corpus. */
const fileSchema = z.number().int().nonnegative().optional();
const deltaLineSchema = z.union([
  z.object({ put: paperSchema, file: fileSchema }),
  z.object({ move: z.string(), source: z.string(), file: fileSchema }),
  z.object({ drop: z.string() }),
]);

/** A delta entry's name says the full entry it needs, so that pruning can tell which deltas still apply. */
function deltaName(key: string, base: string): string {
  return `delta-${key}-${base}.jsonl`;
}
const DELTA_RE = /^delta-([0-9a-f]+)-([0-9a-f]+)\.jsonl$/;

/** Whether `key` has an entry of its own, not only a delta over another. */
export function hasFullEntry(dir: string, key: string): boolean {
  return existsSync(entryPath(dir, key));
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
  if (!existsSync(file)) return readDelta(dir, key, files);
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

/** The entry for `key` as a delta over a full entry, when there is one and its full entry is there. */
function readDelta(dir: string, key: string, files: readonly string[]): CacheRead {
  const names = existsSync(dir) ? readdirSync(dir) : [];
  const name = names.find((n) => DELTA_RE.exec(n)?.[1] === key);
  if (!name) return { status: 'miss' };
  let header: z.infer<typeof deltaHeaderSchema>;
  const delta: CorpusDelta = { base: '', puts: [], moves: [], drops: [] };
  try {
    const lines = readFileSync(path.join(dir, name), 'utf8').split('\n').filter((line) => line.length > 0);
    header = deltaHeaderSchema.parse(JSON.parse(lines[0] ?? 'null'));
    if (header.key !== key || deltaName(key, header.base) !== name) throw new Error('key mismatch');
    if (header.sources.length !== files.length) throw new Error(`delta lists ${header.sources.length} corpus files, not ${files.length}`);
    const source = (written: string, file: number | undefined) => (file === undefined ? written : corpusSource(files, file, written, 'delta'));
    for (const line of lines.slice(1)) {
      const change = deltaLineSchema.parse(JSON.parse(line));
      if ('put' in change) delta.puts.push({ ...change.put, source: source(change.put.source, change.file) });
      else if ('move' in change) delta.moves.push({ id: change.move, source: source(change.source, change.file) });
      else delta.drops.push(change.drop);
    }
  } catch (error) {
    return { status: 'corrupt', reason: `${name}: ${reason(error)}` };
  }
  delta.base = header.base;
  const base = existsSync(entryPath(dir, header.base)) ? readCache(dir, header.base, files) : ({ status: 'miss' } as const);
  if (base.status !== 'hit') return base;
  const sources = header.sources.map((source, i) => ({ ...source, file: files[i]! }));
  return { status: 'hit', entry: { key, sources, image: base.entry.image, delta } };
}

/**
 * Writes a delta entry: the corpus `key` is the full entry `delta.base` with these changes.
 * `sources` name the corpus files as now.
 */
export async function writeDelta(dir: string, key: string, sources: CachedSource[], delta: CorpusDelta): Promise<void> {
  await mkdir(dir, { recursive: true });
  const target = path.join(dir, deltaName(key, delta.base));
  const temporary = `${target}.${process.pid}.tmp`;
  const header = { format: DELTA_FORMAT, version: INDEX_VERSION, key, base: delta.base, sources: sources.map(({ format, papers }) => ({ file: '', format, papers })) };
  const files = sources.map((source) => source.file);
  const where = (source: string) => {
    const inCorpus = sourceInCorpus(source, files);
    return inCorpus ? { source: inCorpus.location, file: inCorpus.file } : { source };
  };
  const put = (paper: Paper) => {
    const { source, file } = where(paper.source);
    return JSON.stringify({ put: { ...paper, source }, ...(file === undefined ? {} : { file }) });
  };
  const move = ({ id, source }: PaperMove) => JSON.stringify({ move: id, ...where(source) });
  const lines = [JSON.stringify(header), ...delta.puts.map(put), ...delta.moves.map(move), ...delta.drops.map((drop) => JSON.stringify({ drop }))];
  try {
    await writeFile(temporary, `${lines.join('\n')}\n`);
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
  await pruneCache(dir, delta.base, path.basename(target));
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

/**
 * Keeps the newest entries only, so a corpus edited often does not fill the disk: full entries, and
 * deltas whose full entry stays; drops older formats. `keep` is the full entry just written or
 * applied to, `keepDelta` the name of the delta just written.
 */
async function pruneCache(dir: string, keep: string, keepDelta?: string): Promise<void> {
  const names = await readdir(dir);
  const newestFirst = async (list: string[]) => {
    const dated = await Promise.all(list.map(async (n) => ({ n, t: (await stat(path.join(dir, n))).mtimeMs })));
    return dated.sort((a, b) => b.t - a.t).map(({ n }) => n);
  };
  const kept = path.basename(entryPath(dir, keep));
  const staleEntries = (await newestFirst(names.filter((n) => ENTRY_RE.test(n) && n !== kept))).slice(KEEP_ENTRIES - 1);
  const deltas = names.filter((n) => DELTA_RE.test(n) && n !== keepDelta);
  const orphaned = deltas.filter((n) => {
    const base = path.basename(entryPath(dir, DELTA_RE.exec(n)![2]!));
    return !names.includes(base) || staleEntries.includes(base);
  });
  const staleDeltas = (await newestFirst(deltas.filter((n) => !orphaned.includes(n)))).slice(keepDelta === undefined ? KEEP_ENTRIES : KEEP_ENTRIES - 1);
  const stale = [...names.filter((n) => OLD_ENTRY_RE.test(n)), ...staleEntries, ...orphaned, ...staleDeltas];
  await Promise.all(stale.map((n) => rm(path.join(dir, n), { force: true })));
}
