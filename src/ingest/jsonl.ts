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

/**
 * JSON lines: one paper record per line, blank lines skipped. Also accepts a JSON array of the same
 * records. Validation is per line so an error names the line.
 */
export const parseJsonl: Parser = (text, file) => {
  const body = text.replace(/^\uFEFF/, '');
  if (body.trimStart().startsWith('[')) return parseArray(body, file);
  const papers: RawPaper[] = [];
  const lines = body.split('\n');
  for (let index = 0; index < lines.length; index += 1) {
    const line = lines[index] ?? '';
    if (line.trim() === '') continue;
    const lineNumber = String(index + 1);
    let record: unknown;
    try {
      record = JSON.parse(line);
    } catch (error) {
      throw new CorpusError(file, lineNumber, jsonError(error));
    }
    if (record === null || typeof record !== 'object' || Array.isArray(record)) {
      throw new CorpusError(file, lineNumber, 'expected a JSON object (one paper record per line)');
    }
    papers.push(toRaw(record, file, `line ${lineNumber}`, lineNumber));
  }
  if (papers.length === 0) {
    throw new CorpusError(file, undefined, 'file is empty (expected one JSON paper record per line)');
  }
  return papers;
};
