/**
 * What a "More results" button carries: the search to repeat, where the next page starts, and the
 * corpus version it was made on (a button from an older corpus would page a different result list).
 * Short keys keep the value far below Slack's 2000-character button value limit.
 */
import { z } from 'zod';
import type { SearchPage } from '../../commands/paging.js';
import { readButtonValue } from './button-value.js';

export const MORE_RESULTS_ACTION = 'paperbot_more';

export type PageRequest = SearchPage;

const valueSchema = z.object({
  v: z.string(),
  q: z.string(),
  o: z.number().int().nonnegative(),
  l: z.number().int().positive(),
  s: z.string().optional(),
  u: z.string().optional(),
  a: z.string().optional(),
});

export function encodePage(page: PageRequest): string {
  return JSON.stringify({
    v: page.version,
    q: page.query,
    o: page.offset,
    l: page.limit,
    s: page.since,
    u: page.until,
    a: page.author,
  });
}

/** Null when the value is not one this bot made (edited payload, a button from another app version). */
export function decodePage(value: string | undefined): PageRequest | null {
  const page = readButtonValue(value, valueSchema);
  if (!page) return null;
  const { v, q, o, l, s, u, a } = page;
  return { version: v, query: q, offset: o, limit: l, since: s, until: u, author: a };
}
