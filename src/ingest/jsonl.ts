import { z } from 'zod';
import { CorpusError } from '../errors.js';
import { dateString, given, httpUrlString, nonEmptyString, stringArray, upvotes } from './fields.js';
import type { Parser, RawPaper } from './types.js';
import { validateRecord } from './validate.js';

/** One JSON paper record. Unknown fields (`source`, `hfDate`, ...) are ignored. */
const recordSchema = z.object(
  {
    id: nonEmptyString,
    title: nonEmptyString,
    abstract: nonEmptyString,
    authors: z
      .union([stringArray, z.string()], { error: 'expected an array of strings or a comma-separated string' })
      .nullish(),
    published: dateString.nullish(),
    url: httpUrlString.nullish(),
    pdf: httpUrlString.nullish(),
    github: httpUrlString.nullish(),
    upvotes: upvotes.nullish(),
    tags: stringArray.nullish(),
  },
  { error: 'expected a JSON object (one paper record)' },
);

function toRaw(value: unknown, file: string, location: string, errorAt: string): RawPaper {
  const record = validateRecord(recordSchema, value, file, errorAt);
  return {
    id: record.id,
    title: record.title,
    abstract: record.abstract,
    authors: typeof record.authors === 'string' ? record.authors.split(/\s*,\s*/) : given(record.authors),
    published: given(record.published),
    url: given(record.url),
    pdf: given(record.pdf),
    github: given(record.github),
    upvotes: given(record.upvotes),
    tags: given(record.tags),
    location,
  };
}

function jsonError(error: unknown): string {
  return `invalid JSON (${error instanceof Error ? error.message : String(error)})`;
}

/** A JSON array of records, for `.json` files that hold records rather than a daily-papers response. */
function parseArray(text: string, file: string): RawPaper[] {
  let records: unknown;
  try {
    records = JSON.parse(text);
  } catch (error) {
    throw new CorpusError(file, undefined, jsonError(error));
  }
  if (!Array.isArray(records)) throw new CorpusError(file, undefined, 'expected a JSON array of paper records');
  return records.map((record, index) => toRaw(record, file, `record ${index + 1}`, `record ${index + 1}`));
}

/** One line of a JSON-lines file: its record, or undefined for a blank line. */
function lineRecord(line: string, file: string, lineNumber: string): RawPaper | undefined {
  if (line.trim() === '') return undefined;
  let record: unknown;
  try {
    record = JSON.parse(line);
  } catch (error) {
    throw new CorpusError(file, lineNumber, jsonError(error));
  }
  if (record === null || typeof record !== 'object' || Array.isArray(record)) {
    throw new CorpusError(file, lineNumber, 'expected a JSON object (one paper record per line)');
  }
  return toRaw(record, file, `line ${lineNumber}`, lineNumber);
}

function nonEmpty(papers: RawPaper[], file: string): RawPaper[] {
  if (papers.length === 0) throw new CorpusError(file, undefined, 'file is empty (expected one JSON paper record per line)');
  return papers;
}

/**
 * JSON lines: one paper record per line, blank lines skipped. Also accepts a JSON array of the same
 * records. Validation is per line so an error names the line.
 */
export const parseJsonl: Parser = (text, file) => {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trimStart().startsWith('[')) return parseArray(body, file);
  const papers: RawPaper[] = [];
  body.split('\n').forEach((line, index) => {
    const paper = lineRecord(line, file, String(index + 1));
    if (paper) papers.push(paper);
  });
  return nonEmpty(papers, file);
};

const UTF8_BOM = [0xef, 0xbb, 0xbf];
const NEWLINE = 10;

/**
 * `parseJsonl` over the file's bytes, decoding one line at a time: a large corpus file is never one
 * string in memory (twice its size in bytes when it holds any non-Latin-1 character).
 */
export function parseJsonlBytes(bytes: Buffer, file: string): RawPaper[] {
  const bom = UTF8_BOM.every((byte, i) => bytes[i] === byte) ? UTF8_BOM.length : 0;
  const first = bytes.subarray(bom, bom + 4096).toString('utf8').trimStart();
  if (first.startsWith('[')) return parseJsonl(bytes.toString('utf8', bom), file);
  const papers: RawPaper[] = [];
  for (let start = bom, index = 0; start <= bytes.length; index++) {
    const newline = bytes.indexOf(NEWLINE, start);
    const end = newline < 0 ? bytes.length : newline;
    const paper = lineRecord(bytes.toString('utf8', start, end), file, String(index + 1));
    if (paper) papers.push(paper);
    start = end + 1;
  }
  return nonEmpty(papers, file);
}
