import { defineCommand } from './command.js';
import { MAX_QUERY_LENGTH } from './limits.js';
import { text } from './options.js';

export const ask = defineCommand({
  name: 'ask',
  description: 'Ask a question; answered from the abstracts, with citations',
  example: 'ask how many datasets does NeoRL-2 contain?',
  options: {
    question: text({ description: 'Your question', required: true, positional: true, maxLength: MAX_QUERY_LENGTH }),
  },
  handler: async ({ question }, { core, answerer }) => ({
    kind: 'answer',
    result: answerer ? await answerer.answer(core, question) : core.ask(question),
  }),
});
