import { defineCommand } from './command.js';
import { MAX_QUERY_LENGTH } from './limits.js';
import { text } from './options.js';

export const ask = defineCommand({
  name: 'ask',
  description: 'Ask a question; the answer quotes the abstracts, with citations',
  example: 'ask how many datasets does NeoRL-2 contain?',
  options: {
    question: text({ description: 'Your question', required: true, positional: true, maxLength: MAX_QUERY_LENGTH }),
  },
  handler: ({ question }, { core }) => ({ kind: 'answer', result: core.ask(question) }),
});
