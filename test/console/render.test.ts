/** The console's answers in three outcomes, as plain text. */
import { describe, expect, test } from 'vitest';
import { plain, renderAnswer } from '../../adapters/console/render.js';
import type { AskResult, NearPaper } from '../../src/results.js';
import { closestMatch } from '../support/answers.js';

const near = (n: number): NearPaper => ({
  id: `p${n}`,
  title: `Paper ${n}`,
  authors: ['Ada Lovelace'],
  url: `https://arxiv.org/abs/2501.0000${n}`,
  links: { arxiv: `https://arxiv.org/abs/2501.0000${n}`, code: `https://github.com/x/p${n}` },
  snippet: `Paper ${n} studies a nearby question.`,
});
const base = { question: 'does it help?', kind: 'quoted' as const, answerType: 'general' as const };
const citation = (n: number) => ({ n, id: `p${n}`, title: `Paper ${n}`, url: `https://arxiv.org/abs/2501.0000${n}` });

describe('console answers', () => {
  test('a closest match: the hedge on its own line, the quote, its source, the other candidates with their lines, and says it is not sure', () => {
    const result = closestMatch(citation(1), [near(2)]);
    const hedge = result.hedge!;
    expect(renderAnswer(result, plain)).toBe(
      [
        hedge,
        'A sentence. [1]',
        '',
        'Sources:',
        '  [1] Paper 1',
        '      https://arxiv.org/abs/2501.00001',
        '',
        'Other candidates:',
        '  - Paper 2 (https://arxiv.org/abs/2501.00002)',
        '      Paper 2 studies a nearby question.',
        '',
        '(Closest match, not a sure answer. Quoted from the abstracts.)',
      ].join('\n'),
    );
  });

  test('not covered is said once, with the near papers\' lines; a paper asked shows as a card with its links', () => {
    const result: AskResult = { ...base, outcome: 'not_covered', found: false, answer: "Paper 7's abstract doesn't say that.", sentences: [], citations: [], nearest: [near(7), near(2)] };
    const text = renderAnswer(result, plain, near(7));
    expect(text.split("doesn't say")).toHaveLength(2);
    expect(text).toContain('1. Paper 7\n   Ada Lovelace\n   https://arxiv.org/abs/2501.00007\n   code: https://github.com/x/p7');
    expect(text).toContain('Nearest papers:\n  - Paper 2 (https://arxiv.org/abs/2501.00002)\n      Paper 2 studies a nearby question.');
    expect(text).not.toContain('- Paper 7');
  });

  test('a list names each paper once, with its link under it and no Sources', () => {
    const sentences = [1, 2].map((n) => ({ text: `Paper ${n} (2025-01-0${n}): what it does`, citation: n, citations: [n], titleLength: 7 }));
    const text = renderAnswer({ ...base, answerType: 'list', outcome: 'answered', found: true, answer: 'x', sentences, citations: [citation(1), citation(2)], nearest: [] }, plain);
    expect(text).toBe(
      ['  [1] Paper 1 (2025-01-01): what it does', '      https://arxiv.org/abs/2501.00001', '  [2] Paper 2 (2025-01-02): what it does', '      https://arxiv.org/abs/2501.00002', '', '(Quoted from the abstracts.)'].join('\n'),
    );
  });
});
