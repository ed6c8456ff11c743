import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { CorpusError } from '../errors.js';
import type { Paper } from '../model/paper.js';
import { counted, type OnProgress } from '../progress.js';
import { parseArxivAtom } from './arxiv-atom.js';
import { detectFormat } from './detect.js';
import { parseHfDaily } from './hf-daily.js';
import { parseJsonl, parseJsonlBytes } from './jsonl.js';
import { parseListing } from './listing.js';
import { assignIds, mergeDuplicates } from './merge.js';
import { normalizePaper } from './normalize.js';
import { applySidecar, parseSidecar, sidecarPath, type IdMap } from './sidecar.js';
import type { CorpusFormat, Parser, RawPaper } from './types.js';

const PARSERS: Record<CorpusFormat, Parser> = {
  listing: parseListing,
  jsonl: parseJsonl,
  'hf-daily': parseHfDaily,
  'arxiv-atom': parseArxivAtom,
};

export interface LoadedCorpus {
  papers: Paper[];
  /** `papers` counts the file's records, before duplicates are merged. */
  sources: Array<{ file: string; format: CorpusFormat; papers: number }>;
  /** Changes whenever any file's or sidecar's content or the file order changes (not their paths); keys the index cache. */
  hash: string;
}

interface FileContents {
  file: string;
  text: Buffer;
  /** The `X.ids.json` beside the file, when there is one. */
  sidecar?: { file: string; text: Buffer };
}

function unreadable(file: string, error: unknown): CorpusError {
  const code = (error as NodeJS.ErrnoException).code;
  const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${code ?? String(error)})`;
  return new CorpusError(file, undefined, reason);
}

async function readCorpusFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    throw unreadable(file, error);
  }
}

async function readOptional(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw unreadable(file, error);
  }
}

async function readAll(files: string[]): Promise<FileContents[]> {
  return Promise.all(
    files.map(async (file): Promise<FileContents> => {
      const path = sidecarPath(file);
      const [text, sidecar] = await Promise.all([readCorpusFile(file), path === file ? undefined : readOptional(path)]);
      return sidecar ? { file, text, sidecar: { file: path, text: sidecar } } : { file, text };
    }),
  );
}

/**
 * The corpus hash: contents only, in order (the same files reached by other paths are the same
 * corpus). Each file's length follows its bytes, so the hash can be taken as the bytes stream by.
 */
class CorpusHash {
  private readonly hash = createHash('sha256');
  private length = 0;

  bytes(chunk: Uint8Array): void {
    this.hash.update(chunk);
    this.length += chunk.byteLength;
  }

  /** Ends a file's bytes (the sidecar's, when there is one, go after `sidecar()`). */
  end(): void {
    this.hash.update(`\u0000${this.length}\u0000`);
    this.length = 0;
  }

  sidecar(text: Buffer): void {
    this.hash.update('sidecar\u0000');
    this.bytes(text);
    this.end();
  }

  nextFile(): void {
    this.hash.update('\u0001');
  }

  digest(): string {
    return this.hash.digest('hex').slice(0, 16);
  }
}

function hashOf(contents: FileContents[]): string {
  const hash = new CorpusHash();
  for (const { text, sidecar } of contents) {
    hash.bytes(text);
    hash.end();
    if (sidecar) hash.sidecar(sidecar.text);
    hash.nextFile();
  }
  return hash.digest();
}

/** The corpus hash of `files` without parsing them (for looking up a cached index), the files streamed through it. */
export async function hashCorpusFiles(files: string[]): Promise<string> {
  const hash = new CorpusHash();
  for (const file of files) {
    try {
      for await (const chunk of createReadStream(file, { highWaterMark: 1 << 20 })) hash.bytes(chunk as Buffer);
    } catch (error) {
      throw unreadable(file, error);
    }
    hash.end();
    const path = sidecarPath(file);
    const sidecar = path === file ? undefined : await readOptional(path);
    if (sidecar) hash.sidecar(sidecar);
    hash.nextFile();
  }
  return hash.digest();
}

function rawPapers(text: string, file: string, format: CorpusFormat, ids?: IdMap): RawPaper[] {
  const raw = PARSERS[format](text, file);
  return ids ? applySidecar(raw, ids) : raw;
}

/** Parses and normalizes one in-memory document (a feed response, say), duplicates merged and ids unique. */
export function parsePapers(text: string, file: string, format?: CorpusFormat): Paper[] {
  return assignIds(mergeDuplicates(rawPapers(text, file, format ?? detectFormat(file, text)).map((paper) => normalizePaper(paper, file))));
}

/** Enough bytes for `detectFormat` to see its whole sniffing window (4 bytes per character at most). */
const SNIFF_BYTES = 4 * 65_536;

/**
 * Reads, parses and normalizes every corpus file, merging papers that appear more than once.
 * `onProgress` counts records through normalization, once every file is parsed and their number known.
 */
export async function loadCorpus(files: string[], onProgress?: OnProgress): Promise<LoadedCorpus> {
  if (files.length === 0) throw new CorpusError('corpus', undefined, 'no corpus files given');
  const contents: Array<FileContents | undefined> = await readAll(files);
  const hash = hashOf(contents as FileContents[]);
  const sources: LoadedCorpus['sources'] = [];
  const records: Array<{ raw: RawPaper; file: string }> = [];
  contents.forEach((content, i) => {
    const { file, text: bytes, sidecar } = content!;
    // Each file's bytes are let go once parsed: a large corpus is never in memory twice.
    contents[i] = undefined;
    const format = detectFormat(file, bytes.toString('utf8', 0, Math.min(bytes.length, SNIFF_BYTES)).replace(/^\uFEFF/, ''));
    const ids = sidecar && format === 'listing' ? parseSidecar(sidecar.text.toString('utf8'), sidecar.file) : undefined;
    const raw = format === 'jsonl' ? parseJsonlBytes(bytes, file) : rawPapers(bytes.toString('utf8').replace(/^\uFEFF/, ''), file, format, ids);
    sources.push({ file, format, papers: raw.length });
    for (const paper of raw) records.push({ raw: paper, file });
  });
  const papers: Paper[] = [];
  for (const { raw, file } of counted(records, records.length, 'parsing', 'papers', onProgress)) papers.push(normalizePaper(raw, file));
  return { papers: assignIds(mergeDuplicates(papers)), sources, hash };
}
