import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { CorpusError } from '../errors.js';
import type { Paper } from '../model/paper.js';
import { counted, type OnProgress } from '../progress.js';
import { parseArxivAtom } from './arxiv-atom.js';
import { detectFormat } from './detect.js';
import { parseHfDaily } from './hf-daily.js';
import { parseJsonl } from './jsonl.js';
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

async function readCorpusFile(file: string): Promise<Buffer> {
  try {
    return await readFile(file);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const reason = code === 'ENOENT' ? 'file not found' : code === 'EISDIR' ? 'is a directory, not a file' : `cannot be read (${code ?? String(error)})`;
    throw new CorpusError(file, undefined, reason);
  }
}

async function readOptional(file: string): Promise<Buffer | undefined> {
  try {
    return await readFile(file);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new CorpusError(file, undefined, `cannot be read (${(error as NodeJS.ErrnoException).code ?? String(error)})`);
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

function hashOf(contents: FileContents[]): string {
  const hash = createHash('sha256');
  for (const { text, sidecar } of contents) {
    // Contents only, in order: the same files reached by other paths are the same corpus.
    hash.update(`${text.length}\u0000`).update(text);
    if (sidecar) hash.update(`\u0000sidecar\u0000${sidecar.text.length}\u0000`).update(sidecar.text);
    hash.update('\u0001');
  }
  return hash.digest('hex').slice(0, 16);
}

/** The corpus hash of `files` without parsing them (for looking up a cached index). */
export async function hashCorpusFiles(files: string[]): Promise<string> {
  return hashOf(await readAll(files));
}

function rawPapers(text: string, file: string, format: CorpusFormat, ids?: IdMap): RawPaper[] {
  const raw = PARSERS[format](text, file);
  return ids ? applySidecar(raw, ids) : raw;
}

/** Parses and normalizes one in-memory document (a feed response, say), duplicates merged and ids unique. */
export function parsePapers(text: string, file: string, format?: CorpusFormat): Paper[] {
  return assignIds(mergeDuplicates(rawPapers(text, file, format ?? detectFormat(file, text)).map((paper) => normalizePaper(paper, file))));
}

/**
 * Reads, parses and normalizes every corpus file, merging papers that appear more than once.
 * `onProgress` counts records through normalization, once every file is parsed and their number known.
 */
export async function loadCorpus(files: string[], onProgress?: OnProgress): Promise<LoadedCorpus> {
  if (files.length === 0) throw new CorpusError('corpus', undefined, 'no corpus files given');
  const contents = await readAll(files);
  const sources: LoadedCorpus['sources'] = [];
  const records: Array<{ raw: RawPaper; file: string }> = [];
  for (const { file, text: bytes, sidecar } of contents) {
    const text = bytes.toString('utf8').replace(/^\uFEFF/, '');
    const format = detectFormat(file, text);
    const ids = sidecar && format === 'listing' ? parseSidecar(sidecar.text.toString('utf8'), sidecar.file) : undefined;
    const raw = rawPapers(text, file, format, ids);
    sources.push({ file, format, papers: raw.length });
    for (const paper of raw) records.push({ raw: paper, file });
  }
  const papers: Paper[] = [];
  for (const { raw, file } of counted(records, records.length, 'parsing', 'papers', onProgress)) papers.push(normalizePaper(raw, file));
  return { papers: assignIds(mergeDuplicates(papers)), sources, hash: hashOf(contents) };
}
