/**
 * The on-disk index cache. An entry is keyed by the corpus files' content hash and the index options,
 * so an unchanged corpus loads instead of rebuilding and any change rebuilds.
 *
 * An entry is a JSON-lines file: a header, one line per paper, one line per index term. It is written
 * and read a line at a time, so a 50k-paper index never sits in memory as one huge string (which
 * would double the process's resident memory for good). Entries are written to a temporary file and
 * renamed into place, so a crash never leaves a half-written cache; an unreadable entry is a miss
 * that gets rebuilt.
 */
import { createHash } from 'node:crypto';
import { closeSync, existsSync, openSync, readSync, writeSync } from 'node:fs';
import { mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import path from 'node:path';
import { StringDecoder } from 'node:string_decoder';
import { z } from 'zod';
import { paperSchema, type Paper } from '../model/paper.js';
import type { IndexEntry, IndexSnapshot } from './paper-index.js';
import { INDEX_OPTIONS, INDEX_VERSION } from './options.js';

const FORMAT = 'paperbot-index';
const KEEP_ENTRIES = 2;
const CHUNK = 1 << 20;

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
  papers: z.number().int().nonnegative(),
  terms: z.number().int().nonnegative(),
  meta: z.looseObject({ documentCount: z.number(), nextId: z.number() }),
});

const entrySchema = z.tuple([z.string(), z.record(z.string(), z.record(z.string(), z.number())), z.number()]);

/** The cache key for a corpus hash under the current index settings. */
export function cacheKey(corpusHash: string): string {
  return createHash('sha256')
    .update(JSON.stringify({ corpusHash, version: INDEX_VERSION, options: INDEX_OPTIONS }))
    .digest('hex')
    .slice(0, 24);
}

function entryPath(dir: string, key: string): string {
  return path.join(dir, `index-${key}.jsonl`);
}

/** The lines of a file, read in chunks; closes the file when iteration ends, however it ends. */
function* readLines(file: string): Generator<string> {
  const fd = openSync(file, 'r');
  try {
    const buffer = Buffer.allocUnsafe(CHUNK);
    const decoder = new StringDecoder('utf8');
    let pending = '';
    for (let read = readSync(fd, buffer); read > 0; read = readSync(fd, buffer)) {
      const lines = (pending + decoder.write(buffer.subarray(0, read))).split('\n');
      pending = lines.pop() ?? '';
      yield* lines;
    }
    pending += decoder.end();
    if (pending.length > 0) yield pending;
  } finally {
    closeSync(fd);
  }
}

export type CacheRead = { status: 'hit'; entry: CacheEntry } | { status: 'miss' } | { status: 'corrupt'; reason: string };

function reason(error: unknown): string {
  return error instanceof Error ? error.message.slice(0, 200) : String(error);
}

/**
 * Reads the header and the papers; the index terms stream in when the snapshot's entries are
 * iterated, and a damaged term line throws then (the caller rebuilds).
 */
export function readCache(dir: string, key: string): CacheRead {
  const file = entryPath(dir, key);
  if (!existsSync(file)) return { status: 'miss' };
  const lines = readLines(file);
  try {
    const first = lines.next();
    if (first.done) throw new Error('empty cache entry');
    const header = headerSchema.parse(JSON.parse(first.value));
    if (header.key !== key) throw new Error('key mismatch');
    const papers: Paper[] = [];
    for (let i = 0; i < header.papers; i++) {
      const line = lines.next();
      if (line.done) throw new Error(`cache entry ends after ${i} of ${header.papers} papers`);
      papers.push(JSON.parse(line.value) as Paper);
    }
    // Spot-check papers rather than validating all of them: a cache is ours, only damage is to be caught.
    for (const i of [0, papers.length >> 1, papers.length - 1]) if (papers.length > 0) paperSchema.parse(papers[i]);
    function* entries(): Generator<IndexEntry> {
      let count = 0;
      for (const line of lines) {
        if (line.length === 0) continue;
        count++;
        yield (count === 1 ? entrySchema.parse(JSON.parse(line)) : JSON.parse(line)) as IndexEntry;
      }
      if (count !== header.terms) throw new Error(`cache entry holds ${count} of ${header.terms} index terms`);
    }
    const snapshot = { meta: header.meta as unknown as IndexSnapshot['meta'], terms: header.terms, entries: entries() };
    return { status: 'hit', entry: { key, sources: header.sources, papers, snapshot } };
  } catch (error) {
    lines.return(undefined);
    return { status: 'corrupt', reason: reason(error) };
  }
}

/** Buffers lines and writes them in large chunks. */
class LineWriter {
  private parts: string[] = [];
  private size = 0;
  constructor(private readonly fd: number) {}

  line(value: unknown): void {
    const text = `${JSON.stringify(value)}\n`;
    this.parts.push(text);
    this.size += text.length;
    if (this.size >= CHUNK) this.flush();
  }

  flush(): void {
    if (this.parts.length > 0) writeSync(this.fd, this.parts.join(''));
    this.parts = [];
    this.size = 0;
  }
}

export async function writeCache(dir: string, entry: CacheEntry): Promise<void> {
  await mkdir(dir, { recursive: true });
  const target = entryPath(dir, entry.key);
  const temporary = `${target}.${process.pid}.tmp`;
  const fd = openSync(temporary, 'w');
  try {
    const out = new LineWriter(fd);
    const { key, sources, papers, snapshot } = entry;
    out.line({ format: FORMAT, version: INDEX_VERSION, key, sources, papers: papers.length, terms: snapshot.terms, meta: snapshot.meta });
    for (const paper of papers) out.line(paper);
    for (const term of snapshot.entries) out.line(term);
    out.flush();
  } finally {
    closeSync(fd);
  }
  await rename(temporary, target);
  await pruneCache(dir, entry.key);
}

/** Keeps the newest entries only, so a corpus edited often does not fill the disk. */
async function pruneCache(dir: string, keep: string): Promise<void> {
  const names = (await readdir(dir)).filter((n) => /^index-[0-9a-f]+\.jsonl?$/.test(n) && n !== `index-${keep}.jsonl`);
  const dated = await Promise.all(names.map(async (n) => ({ n, t: (await stat(path.join(dir, n))).mtimeMs })));
  dated.sort((a, b) => b.t - a.t);
  await Promise.all(dated.slice(KEEP_ENTRIES - 1).map(({ n }) => rm(path.join(dir, n), { force: true })));
}
