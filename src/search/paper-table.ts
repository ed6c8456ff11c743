/**
 * The papers an index serves, by document number. Everything but the abstracts stays in memory (what
 * filters, highlights, stats and the title catalog scan); an abstract is read when a paper is asked
 * for, from the cache file the index was loaded from (held open while the index lives) or from
 * memory for an index built without a cache. The papers asked for last are
 * kept whole, so a question's few dozen papers are read once and stay the same objects.
 *
 * In the cache, a paper's source is stored without its corpus file's path ("11" for
 * "data/papers.txt:11"), which is put back from the files being loaded: the same file reached by
 * another path loads the same cache entry.
 */
import { crc32 } from 'node:zlib';
import type { Paper, PaperHead } from '../model/paper.js';
import { bytesOf, viewAs, type FileRegion, type Section } from './image.js';

/** Papers kept whole after they were asked for (a few MB). */
const RECENT_PAPERS = 4_096;
const PAPERS_PER_CHUNK = 1_000;
const NO_FILE = 0xffffffff;
const NEWLINE = 10;

export const PAPER_SECTIONS = { heads: 'papers', files: 'papers.file', abstracts: 'abstracts', offsets: 'abstracts.offsets', checks: 'abstracts.crc' } as const;

interface AbstractReader {
  read(doc: number): string;
}

function asBuffer(bytes: Uint8Array): Buffer {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
}

class MemoryAbstracts implements AbstractReader {
  private readonly bytes: Buffer;
  constructor(
    bytes: Uint8Array,
    private readonly offsets: Float64Array,
  ) {
    this.bytes = asBuffer(bytes);
  }

  read(doc: number): string {
    return this.bytes.toString('utf8', this.offsets[doc], this.offsets[doc + 1]);
  }
}

/** Each abstract read from the file is checked again: the file was checked whole when it was opened, and must not have changed since. */
class FileAbstracts implements AbstractReader {
  constructor(
    private readonly region: FileRegion,
    private readonly offsets: Float64Array,
    private readonly checks: Uint32Array,
  ) {}

  read(doc: number): string {
    const start = this.offsets[doc]!;
    const bytes = Buffer.allocUnsafe(this.offsets[doc + 1]! - start);
    this.region.read(bytes, start);
    if (crc32(bytes) !== this.checks[doc]) {
      throw new Error(`the index cache file ${this.region.file} changed while in use (abstract of paper ${doc}); restart paperbot or send it SIGHUP to rebuild`);
    }
    return bytes.toString('utf8');
  }
}

/** Where the abstracts section is: in memory, or in an open file. */
export type AbstractsAt = { bytes: Uint8Array } | { region: FileRegion };

export class PaperTable {
  private readonly added: string[] = [];
  private readonly recent = new Map<number, Paper>();

  private constructor(
    private readonly heads: PaperHead[],
    private readonly baseCount: number,
    private readonly abstracts: AbstractReader,
    /** The CRC-32 of each stored abstract. */
    private readonly checks: Uint32Array,
    private readonly offsets: Float64Array,
  ) {}

  /** Document numbers handed out so far (taken-out papers keep theirs). */
  get length(): number {
    return this.heads.length;
  }

  head(doc: number): PaperHead {
    const head = this.heads[doc];
    if (!head) throw new Error(`no paper at ${doc}`);
    return head;
  }

  paper(doc: number): Paper {
    let paper = this.recent.get(doc);
    if (paper) {
      this.recent.delete(doc);
    } else {
      const head = this.head(doc);
      paper = { ...head, abstract: doc < this.baseCount ? this.abstracts.read(doc) : this.added[doc - this.baseCount]! };
      if (this.recent.size >= RECENT_PAPERS) this.recent.delete(this.recent.keys().next().value!);
    }
    this.recent.set(doc, paper);
    return paper;
  }

  /**
   * What a paper's record amounts to, cheap to compare: a corpus file re-read later shows which
   * papers changed without the abstracts being read back from disk.
   */
  fingerprint(doc: number): string {
    const head = this.head(doc);
    if (doc < this.baseCount) return fingerprintOf(head, this.checks[doc]!, this.offsets[doc + 1]! - this.offsets[doc]!);
    return paperFingerprint({ ...head, abstract: this.added[doc - this.baseCount]! });
  }

  /** Appends a paper added live; returns its document number. */
  push(paper: Paper): number {
    const { abstract, ...head } = paper;
    this.heads.push(head);
    this.added.push(abstract);
    return this.heads.length - 1;
  }

  /** Reads the papers back from their sections; `files` are the corpus files now, in cache order. */
  static fromSections(sections: ReadonlyMap<string, Uint8Array>, files: readonly string[], abstracts: AbstractsAt): PaperTable {
    const heads: PaperHead[] = [];
    for (const chunk of headChunks(sections, files)) heads.push(...chunk);
    return PaperTable.assemble(heads, sections, abstracts);
  }

  /** `fromSections`, yielding to the event loop between chunks: for a table loaded while serving. */
  static async fromSectionsAsync(sections: ReadonlyMap<string, Uint8Array>, files: readonly string[], abstracts: AbstractsAt): Promise<PaperTable> {
    const heads: PaperHead[] = [];
    for (const chunk of headChunks(sections, files)) {
      heads.push(...chunk);
      await new Promise((resolve) => setImmediate(resolve));
    }
    return PaperTable.assemble(heads, sections, abstracts);
  }

  private static assemble(heads: PaperHead[], sections: ReadonlyMap<string, Uint8Array>, at: AbstractsAt): PaperTable {
    const offsets = viewAs(required(sections, PAPER_SECTIONS.offsets), Float64Array);
    if (offsets.length !== heads.length + 1) throw new Error(`index cache lists ${heads.length} papers and ${offsets.length - 1} abstracts`);
    const checks = viewAs(required(sections, PAPER_SECTIONS.checks), Uint32Array);
    const reader = 'bytes' in at ? new MemoryAbstracts(at.bytes, offsets) : new FileAbstracts(at.region, offsets, checks);
    return new PaperTable(heads, heads.length, reader, checks, offsets);
  }
}

/**
 * A paper's fingerprint from its record without the abstract and its abstract's checksum and size.
 * Where it sits in its file is left out: a paper that only moved to another line is the same paper.
 */
function fingerprintOf(head: PaperHead, abstractCrc: number, abstractBytes: number): string {
  return `${crc32(JSON.stringify({ ...head, source: undefined })).toString(36)}.${abstractCrc.toString(36)}.${abstractBytes.toString(36)}`;
}

/** The fingerprint `PaperTable.fingerprint` gives the same paper once stored. */
export function paperFingerprint(paper: Paper): string {
  const { abstract, ...head } = paper;
  return fingerprintOf(head, crc32(abstract), Buffer.byteLength(abstract, 'utf8'));
}

/**
 * A paper's source without its corpus file's path: the file's place among `files` and the location
 * in it ("11" for "data/papers.txt:11"), so that what is stored does not depend on where the files are.
 */
export function sourceInCorpus(source: string, files: readonly string[]): { file: number; location: string } | undefined {
  const file = files.findIndex((f) => source.startsWith(`${f}:`));
  return file < 0 ? undefined : { file, location: source.slice(files[file]!.length + 1) };
}

/** The source back from `sourceInCorpus`, with the files as named now; `what` names the stored thing that is wrong. */
export function corpusSource(files: readonly string[], file: number, location: string, what: string): string {
  const path = files[file];
  if (path === undefined) throw new Error(`${what} names corpus file ${file + 1} of ${files.length}`);
  return `${path}:${location}`;
}

function required(sections: ReadonlyMap<string, Uint8Array>, name: string): Uint8Array {
  const bytes = sections.get(name);
  if (!bytes) throw new Error(`index cache has no ${name} section`);
  return bytes;
}

function* headChunks(sections: ReadonlyMap<string, Uint8Array>, files: readonly string[]): Generator<PaperHead[]> {
  const text = asBuffer(required(sections, PAPER_SECTIONS.heads));
  const fileOf = viewAs(required(sections, PAPER_SECTIONS.files), Uint32Array);
  let doc = 0;
  for (let start = 0; start < text.length; ) {
    const end = text.indexOf(NEWLINE, start);
    const stop = end < 0 ? text.length : end;
    const chunk = JSON.parse(text.toString('utf8', start, stop)) as PaperHead[];
    for (const head of chunk) {
      const file = fileOf[doc++];
      if (file === undefined) throw new Error('index cache lists more papers than source files');
      if (file !== NO_FILE) head.source = corpusSource(files, file, head.source, 'index cache');
    }
    yield chunk;
    start = stop + 1;
  }
}

/** The papers as sections, one paper at a time: heads as JSON (chunked), each one's corpus file, and the abstracts. */
export class PaperSectionsWriter {
  private readonly fileOf: Uint32Array;
  private readonly offsets: Float64Array;
  private readonly checks: Uint32Array;
  /** Encoded straight into one buffer of the right size: no copy of every abstract on the way. */
  private readonly abstracts: Buffer;
  private readonly chunks: Buffer[] = [];
  private chunk: PaperHead[] = [];
  private doc = 0;
  private bytes = 0;

  /** `papers` are the papers to come (only their abstracts' sizes are read here). */
  constructor(
    papers: readonly Paper[],
    private readonly files: readonly string[],
  ) {
    this.fileOf = new Uint32Array(papers.length);
    this.offsets = new Float64Array(papers.length + 1);
    this.checks = new Uint32Array(papers.length);
    this.abstracts = Buffer.allocUnsafeSlow(papers.reduce((sum, paper) => sum + Buffer.byteLength(paper.abstract, 'utf8'), 0));
  }

  add(paper: Paper): void {
    const { abstract, ...head } = paper;
    const doc = this.doc++;
    const inCorpus = sourceInCorpus(paper.source, this.files);
    this.fileOf[doc] = inCorpus?.file ?? NO_FILE;
    this.chunk.push(inCorpus ? { ...head, source: inCorpus.location } : head);
    if (this.chunk.length === PAPERS_PER_CHUNK) this.endChunk();
    const written = this.abstracts.write(abstract, this.bytes, 'utf8');
    this.checks[doc] = crc32(this.abstracts.subarray(this.bytes, this.bytes + written));
    this.bytes += written;
    this.offsets[doc + 1] = this.bytes;
  }

  /** A chunk of heads as one line of JSON, encoded at once (the strings are not kept). */
  private endChunk(): void {
    this.chunks.push(Buffer.from(`${this.chunks.length > 0 ? '\n' : ''}${JSON.stringify(this.chunk)}`, 'utf8'));
    this.chunk = [];
  }

  finish(): Section[] {
    if (this.doc !== this.fileOf.length) throw new Error(`${this.doc} papers stored of ${this.fileOf.length}`);
    if (this.chunk.length > 0) this.endChunk();
    return [
      { name: PAPER_SECTIONS.heads, bytes: Buffer.concat(this.chunks) },
      { name: PAPER_SECTIONS.files, bytes: bytesOf(this.fileOf) },
      { name: PAPER_SECTIONS.abstracts, bytes: this.abstracts },
      { name: PAPER_SECTIONS.offsets, bytes: bytesOf(this.offsets) },
      { name: PAPER_SECTIONS.checks, bytes: bytesOf(this.checks) },
    ];
  }
}
