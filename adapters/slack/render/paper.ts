/** `/paper show` (and a paper added from chat): one paper's card, or the titles it may have meant. */
import type { ShowResult } from '../../../src/results.js';
import { actions, assemble, context, fallback, header, paperButtons, paperMeta, section, type SlackMessage } from './blocks.js';
import type { Inline } from './format.js';

export function renderPaper(result: ShowResult, note?: string): SlackMessage {
  const { paper } = result;
  if (!paper) {
    // Several papers matching alike are listed as such; otherwise the titles it may have meant.
    const verdict = result.ambiguous ? `Several papers match “${result.query}”:` : `No paper matches “${result.query}”.`;
    const lines: Inline[] = [verdict];
    if (result.suggestions.length > 0) {
      if (!result.ambiguous) lines.push('\nDid you mean:');
      for (const s of result.suggestions) lines.push('\n• ', s.title, ' — ', { code: `show ${s.id}` });
    }
    return assemble({ text: fallback(verdict), head: [section(lines)] });
  }
  const tags = paper.tags.length > 0 ? [`Tags: ${paper.tags.join(', ')}`] : [];
  return assemble({
    text: note ? fallback(note) : fallback(paper.title, '—', paper.summary),
    head: [
      ...(note ? [section([note])] : []),
      header(paper.title),
      section([paper.summary]),
      context([[paperMeta(paper, tags)]]),
      actions(paperButtons(paper)),
    ],
  });
}
