import { defineCommand } from './command.js';
import { DEFAULT_RESULTS, MAX_QUERY_LENGTH, MAX_RESULTS } from './limits.js';
import { integer, text } from './options.js';

export const similar = defineCommand({
  name: 'similar',
  description: 'Papers related to a given paper',
  example: 'similar NeoRL-2',
  options: {
    paper: text({
      description: 'Paper title (or part of it) or arXiv id',
      required: true,
      positional: true,
      autocomplete: 'papers',
      maxLength: MAX_QUERY_LENGTH,
    }),
    limit: integer({ description: 'How many papers', min: 1, max: MAX_RESULTS, defaultValue: DEFAULT_RESULTS }),
  },
  handler: ({ paper, limit }, { core }) => ({ kind: 'similar', result: core.similar(paper, { limit }) }),
});
