import { PaperbotError } from '../src/errors.js';
import type { SearchResult } from '../src/results.js';
import { defineCommand } from './command.js';
import { DEFAULT_RESULTS, MAX_OFFSET, MAX_QUERY_LENGTH, MAX_RESULTS } from './limits.js';
import { date, integer, text } from './options.js';

export const search = defineCommand({
  name: 'search',
  description: 'Search the papers by keywords (title, abstract, authors)',
  example: 'search offline reinforcement learning --limit 3',
  options: {
    query: text({ description: 'Words to look for (or none, to list by the filters)', positional: true, maxLength: MAX_QUERY_LENGTH }),
    limit: integer({ description: 'How many results', min: 1, max: MAX_RESULTS, defaultValue: DEFAULT_RESULTS }),
    offset: integer({ description: 'Skip this many results (paging)', min: 0, max: MAX_OFFSET, defaultValue: 0 }),
    since: date({ description: 'Only papers published on or after this date' }),
    until: date({ description: 'Only papers published on or before this date' }),
    author: text({ description: 'Only papers with an author whose name contains this', maxLength: 100 }),
  },
  handler: ({ query, ...options }, { core }) => {
    if (!query && !options.author && !options.since && !options.until) {
      throw new PaperbotError('bad_option', 'search: give words to look for, or list papers by --author, --since or --until', { command: 'search', option: 'query' });
    }
    return { kind: 'search', result: core.search(query ?? '', options) };
  },
});

/** What a search without words lists, in words: 'by an author matching "Meng", published since 2025-01-01'. */
export function listedBy(filters: Pick<SearchResult, 'since' | 'until' | 'author'>): string {
  const parts: string[] = [];
  if (filters.author) parts.push(`by an author matching "${filters.author}"`);
  if (filters.since && filters.until) parts.push(`published ${filters.since} to ${filters.until}`);
  else if (filters.since) parts.push(`published since ${filters.since}`);
  else if (filters.until) parts.push(`published until ${filters.until}`);
  return parts.join(', ') || 'listed';
}
