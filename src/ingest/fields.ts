/** zod schemas for the fields several formats share, with the wording their error messages use. */
import { z } from 'zod';
import { toDay } from './normalize.js';

const NON_EMPTY = 'expected a non-empty string';

// A regex test rather than trim(): no copy of every abstract on a 50k-paper corpus; normalization trims.
export const nonEmptyString = z.string({ error: NON_EMPTY }).regex(/\S/, { error: NON_EMPTY });

export const dateString = z
  .string({ error: 'expected a date (YYYY-MM-DD) or an ISO date-time' })
  .refine((value) => toDay(value) !== undefined, { error: 'expected a date (YYYY-MM-DD) or an ISO date-time' });

const UPVOTES = 'expected an integer >= 0';
export const upvotes = z.number({ error: UPVOTES }).int({ error: UPVOTES }).nonnegative({ error: UPVOTES });

/** URLs never contain whitespace; the shared corpus has a few wrapped across lines ("github.com/x/\nrepo"). */
export const httpUrlString = z
  .string({ error: 'expected an http(s) URL' })
  .overwrite((value) => value.replace(/\s+/g, ''))
  .refine((value) => value === '' || /^https?:\/\/[^/]/i.test(value), { error: 'expected an http(s) URL' });

export const stringArray = z.array(z.string({ error: 'expected a string' }), { error: 'expected an array of strings' });

/** `null` and `""` mean "not given" in the JSON sources. */
export function given<T>(value: T | null | undefined): T | undefined {
  return value === null || value === '' ? undefined : value;
}
