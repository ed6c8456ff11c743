/** Ask results for the renderers' tests, on made-up papers. */
import type { AskResult, Citation, NearPaper } from '../../src/results.js';

/** A closest match: the hedge names the cited paper, one quoted sentence, the other candidates. */
export function closestMatch(cited: Citation, nearest: NearPaper[], question = 'does it help?'): AskResult {
  const hedge = `Not sure the list answers this exactly. Closest: “${cited.title}”.`;
  return {
    question,
    outcome: 'closest',
    found: true,
    kind: 'quoted',
    answerType: 'general',
    hedge,
    answer: `${hedge} A sentence. [${cited.n}]`,
    sentences: [{ text: 'A sentence.', citation: cited.n, citations: [cited.n] }],
    citations: [cited],
    nearest,
  };
}
