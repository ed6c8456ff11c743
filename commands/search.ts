import { defineCommand } from './command.js';
import { DEFAULT_RESULTS, MAX_OFFSET, MAX_QUERY_LENGTH, MAX_RESULTS } from './limits.js';
import { date, integer, text } from './options.js';

export const search = defineCommand({
  name: 'search',
  description: 'Search the papers by keywords (title, abstract, authors)',
  example: 'search offline reinforcement learning --limit 3',
  options: {
    query: text({ description: 'Words to look for', required: true, positional: true, maxLength: MAX_QUERY_LENGTH }),
    limit: integer({ description: 'How many results', min: 1, max: MAX_RESULTS, defaultValue: DEFAULT_RESULTS }),
    offset: integer({ description: 'Skip this many results (paging)', min: 0, max: MAX_OFFSET, defaultValue: 0 }),
    since: date({ description: 'Only papers published on or after this date' }),
    until: date({ description: 'Only papers published on or before this date' }),
    author: text({ description: 'Only papers with an author whose name contains this', maxLength: 100 }),
  },
  handler: ({ query, ...options }, { core }) => ({ kind: 'search', result: core.search(query, options) }),
});
