/** `/paper similar`: papers related to one. */
import type { SimilarResult } from '../../../src/results.js';
import { assemble, fallback, header, numberedTitles, paperItem, section, type SlackMessage } from './blocks.js';

export function renderSimilar(result: SimilarResult): SlackMessage {
  const head = [header(`Similar to: ${result.paper.title}`)];
  if (result.results.length === 0) {
    return assemble({ text: fallback(`No papers similar to “${result.paper.title}”.`), head: [...head, section(['No related papers found.'])] });
  }
  return assemble({
    text: fallback(`Papers similar to “${result.paper.title}”:`, numberedTitles(result.results)),
    head,
    items: result.results.map((paper, i) => paperItem(paper, i + 1, [paper.summary])),
  });
}
