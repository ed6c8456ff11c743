import type { z } from 'zod';
import { CorpusError } from '../errors.js';

/** Shown in error messages: what the offending value was, short enough for one line. */
export function describeValue(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return `an array of ${value.length}`;
  if (typeof value === 'object') return 'an object';
  const text = JSON.stringify(value);
  return text.length > 40 ? `${text.slice(0, 37)}...` : text;
}

function valueAt(root: unknown, path: readonly PropertyKey[]): unknown {
  let value = root;
  for (const key of path) {
    if (value === null || typeof value !== 'object') return undefined;
    value = (value as Record<PropertyKey, unknown>)[key];
  }
  return value;
}

function fieldName(path: readonly PropertyKey[]): string {
  return path.reduce<string>((name, key) => {
    if (typeof key === 'number') return `${name}[${key}]`;
    return name ? `${name}.${String(key)}` : String(key);
  }, '');
}

/**
 * Validates one record and turns the first zod issue into a CorpusError such as
 * `papers.jsonl:12: field "title": expected a non-empty string, got ""`.
 */
export function validateRecord<S extends z.ZodType>(
  schema: S,
  value: unknown,
  file: string,
  location: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issue = result.error.issues[0];
  if (!issue) throw new CorpusError(file, location, 'invalid record');
  const got = valueAt(value, issue.path);
  const problem = got === undefined ? `missing (${issue.message})` : `${issue.message}, got ${describeValue(got)}`;
  const field = fieldName(issue.path);
  throw new CorpusError(file, location, field ? `field "${field}": ${problem}` : problem);
}
