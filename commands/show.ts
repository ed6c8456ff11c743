import { defineCommand } from './command.js';
import { MAX_QUERY_LENGTH } from './limits.js';
import { text } from './options.js';

export const show = defineCommand({
  name: 'show',
  description: 'Show one paper: summary, authors and links',
  example: 'show NeoRL-2',
  options: {
    paper: text({
      description: 'Paper title (or part of it) or arXiv id',
      required: true,
      positional: true,
      autocomplete: 'papers',
      maxLength: MAX_QUERY_LENGTH,
    }),
  },
  handler: ({ paper }, { core }) => ({ kind: 'paper', result: core.show(paper) }),
});
