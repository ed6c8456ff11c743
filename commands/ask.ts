import type { AskOptions } from '../src/core.js';
import type { AskResult, PaperRef } from '../src/results.js';
import { defineCommand } from './command.js';
import { MAX_QUERY_LENGTH } from './limits.js';
import { text } from './options.js';

export const ask = defineCommand({
  name: 'ask',
  description: 'Ask a question; answered from the abstracts, with citations',
  example: 'ask how many datasets does NeoRL-2 contain?',
  options: {
    question: text({ description: 'Your question', required: true, positional: true, maxLength: MAX_QUERY_LENGTH }),
    paper: text({
      description: 'Ask this paper only: arXiv id, link, title (or part of it) or its own name',
      autocomplete: 'papers',
      maxLength: MAX_QUERY_LENGTH,
    }),
  },
  handler: async ({ question, paper }, { core, answerer, conversation }) => {
    const options: AskOptions = { ...(paper ? { paper } : {}), ...(conversation && conversation.length > 0 ? { context: conversation } : {}) };
    const result = answerer ? await answerer.answer(core, question, options) : core.ask(question, options);
    // The paper asked, for its card when its abstract does not answer; `ask` already refused an unknown one.
    const asked = paper ? core.show(paper).paper : null;
    return { kind: 'answer', result, ...(asked ? { paper: asked } : {}) };
  },
});

/**
 * What a conversation is about after an answer: the papers it cited, or, when it cited none, the
 * paper the question was put to. A follow-up is answered with these as its context.
 */
export function answerPapers(answer: { result: AskResult; paper?: PaperRef }): string[] {
  const cited = answer.result.citations.map((c) => c.id);
  if (cited.length > 0) return [...new Set(cited)];
  return answer.paper ? [answer.paper.id] : [];
}
