/** `/paper similar`: papers related to one, each with its own Similar button. */
import type { SimilarResult } from '../../../src/results.js';
import { isUsableUrl, md } from './format.js';
import { COLOR, descriptionRoom, list, listEntry, message, metaLine, rows, similarButtons, type RenderContext, type Rendered } from './message.js';

export function renderSimilar(result: SimilarResult, context: RenderContext): Rendered {
  const title = `Papers similar to “${md(result.paper.title, 200)}”`;
  const description =
    result.results.length === 0
      ? 'No related papers found.'
      : list(result.results, descriptionRoom(title), (paper, i, max) =>
          listEntry(i + 1, paper, max, [metaLine(paper), (room) => md(paper.summary, Math.min(room, 400))]),
        );
  return {
    ephemeral: false,
    message: message({
      embeds: [{ title, ...(isUsableUrl(result.paper.url) ? { url: result.paper.url } : {}), description, color: COLOR }],
      components: rows(similarButtons(result.results, context), 2),
    }),
  };
}
