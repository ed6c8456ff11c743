import { defineCommand } from './command.js';
import { DEFAULT_RESULTS, MAX_QUERY_LENGTH, MAX_RESULTS } from './limits.js';
import { date, integer, text } from './options.js';

export const highlights = defineCommand({
  name: 'highlights',
  description: 'A varied pick of notable recent papers',
  example: 'highlights --topic "reinforcement learning" --limit 5',
  options: {
    topic: text({ description: 'Favour papers on this topic', positional: true, maxLength: MAX_QUERY_LENGTH }),
    limit: integer({ description: 'How many papers', min: 1, max: MAX_RESULTS, defaultValue: DEFAULT_RESULTS }),
    since: date({ description: 'Only papers published on or after this date' }),
  },
  handler: (options, { core }) => ({ kind: 'highlights', result: core.highlights(options) }),
});
