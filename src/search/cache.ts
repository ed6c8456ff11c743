/**
 * The on-disk index cache. An entry is keyed by the corpus files' content hash and the index options,
 * so an unchanged corpus loads instead of rebuilding and any change rebuilds. Entries are written to a
 * temporary file and renamed into place, so a crash never leaves a half-written cache; an unreadable
 * entry is treated as a miss and replaced.
 */
import { createHash } from 'node:crypto';
import { mkdir, readdir, readFile, rename, rm, stat, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { z } from 'zod';
import { paperSchema, type Paper } from '../model/paper.js';
import type { IndexSnapshot } from './paper-index.js';
import { INDEX_OPTIONS, INDEX_VERSION } from './options.js';

const FORMAT = 'paperbot-index';
const KEEP_ENTRIES = 2;

export interface CachedSource {
  file: string;
  format: string;
  papers: number;
}

export interface CacheEntry {
  key: string;
  sources: CachedSource[];
  papers: Paper[];
  snapshot: IndexSnapshot;
}

const headerSchema = z.object({
  format: z.literal(FORMAT),
  version: z.literal(INDEX_VERSION),
  key: z.string(),
  sources: z.array(z.object({ file: z.string(), format: z.string(), papers: z.number() })),
  papers: z.array(z.unknown()),
  snapshot: z.object({ index: z.record(z.string(), z.unknown()), df: z.array(z.tuple([z.string(), z.number()])) }),
});

/** The cache key for a corpus hash under the current index settings. */
export function cacheKey(corpusHash: string): string {
  return createHash('sha256')
    .update(JSON.stringify({ corpusHash, version: INDEX_VERSION, options: INDEX_OPTIONS }))
    .digest('hex')
    .slice(0, 24);
}

function entryPath(dir: string, key: string): string {
  return path.join(dir, `index-${key}.json`);
}

export type CacheRead = { status: 'hit'; entry: CacheEntry } | { status: 'miss' } | { status: 'corrupt'; reason: string };

export async function readCache(dir: string, key: string): Promise<CacheRead> {
  let text: string;
  try {
    text = await readFile(entryPath(dir, key), 'utf8');
  } catch {
    return { status: 'miss' };
  }
  try {
    const header = headerSchema.parse(JSON.parse(text));
    if (header.key !== key) return { status: 'corrupt', reason: 'key mismatch' };
    // Spot-check papers rather than validating all of them: a cache is ours, only damage is to be caught.
    const papers = header.papers as Paper[];
    for (const i of [0, papers.length >> 1, papers.length - 1]) if (papers.length > 0) paperSchema.parse(papers[i]);
    return {
      status: 'hit',
      entry: { key, sources: header.sources, papers, snapshot: header.snapshot as unknown as IndexSnapshot },
    };
  } catch (error) {
    return { status: 'corrupt', reason: error instanceof Error ? error.message.slice(0, 200) : String(error) };
  }
}

export async function writeCache(dir: string, entry: CacheEntry): Promise<void> {
  await mkdir(dir, { recursive: true });
  const target = entryPath(dir, entry.key);
  const temporary = `${target}.${process.pid}.tmp`;
  const body = JSON.stringify({ format: FORMAT, version: INDEX_VERSION, ...entry });
  await writeFile(temporary, body);
  await rename(temporary, target);
  await pruneCache(dir, entry.key);
}

/** Keeps the newest entries only, so a corpus edited often does not fill the disk. */
async function pruneCache(dir: string, keep: string): Promise<void> {
  const names = (await readdir(dir)).filter((n) => /^index-[0-9a-f]+\.json$/.test(n) && n !== `index-${keep}.json`);
  const dated = await Promise.all(names.map(async (n) => ({ n, t: (await stat(path.join(dir, n))).mtimeMs })));
  dated.sort((a, b) => b.t - a.t);
  await Promise.all(dated.slice(KEEP_ENTRIES - 1).map(({ n }) => rm(path.join(dir, n), { force: true })));
}
