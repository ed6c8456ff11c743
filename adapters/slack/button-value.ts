/**
 * A button value this bot made: JSON checked against its schema. An edited payload, or a button of
 * another app version, reads as null.
 */
import type { z } from 'zod';

export function readButtonValue<T>(value: string | undefined, schema: z.ZodType<T>): T | null {
  if (!value) return null;
  let json: unknown;
  try {
    json = JSON.parse(value);
  } catch {
    return null;
  }
  const parsed = schema.safeParse(json);
  return parsed.success ? parsed.data : null;
}
