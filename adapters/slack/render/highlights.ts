/** `/paper highlights` and the daily post: picked papers and why each was picked. */
import type { Digest } from '../../../src/digest/types.js';
import type { Highlight, HighlightReason, HighlightsResult } from '../../../src/results.js';
import { assemble, context, fallback, header, numberedTitles, paperItem, section, type SlackBlock, type SlackMessage } from './blocks.js';

function reasonText(reason: HighlightReason, highlight: Highlight, topic?: string): string {
  switch (reason) {
    case 'upvotes':
      return `popular (${highlight.upvotes ?? 0} upvotes)`;
    case 'topic':
      return topic ? `on “${topic}”` : 'on topic';
    case 'new':
      return 'new';
    case 'recent':
      return 'recent';
  }
}

function highlightItems(result: HighlightsResult): Array<Array<SlackBlock | null>> {
  return result.highlights.map((h, i) => {
    const why = h.reasons.map((r) => reasonText(r, h, result.topic)).join(', ');
    return paperItem(h, i + 1, [h.summary], why ? [`Why: ${why}`] : []);
  });
}

export function renderHighlights(result: HighlightsResult): SlackMessage {
  const title = ['Highlights', result.topic ? `on ${result.topic}` : '', result.since ? `since ${result.since}` : '']
    .filter(Boolean)
    .join(' ');
  if (result.highlights.length === 0) {
    return assemble({ text: fallback(`${title}: nothing to show.`), head: [header(title), section(['No papers to highlight for this choice.'])] });
  }
  return assemble({
    text: fallback(`${title}:`, numberedTitles(result.highlights)),
    head: [header(title)],
    items: highlightItems(result),
  });
}

export function renderDigest(digest: Digest): SlackMessage {
  const { highlights } = digest.highlights;
  const title = `Paper highlights for ${digest.date}${digest.topic ? ` · ${digest.topic}` : ''}`;
  const count = `${highlights.length} ${highlights.length === 1 ? 'paper' : 'papers'}`;
  if (highlights.length === 0) {
    return assemble({ text: fallback(`${title}: no new papers today.`), head: [header(title), section(['No new papers to highlight today.'])] });
  }
  return assemble({
    text: fallback(`${title}: ${count}.`, numberedTitles(highlights)),
    head: [header(title), context([[`${count}, picked for upvotes, topic and novelty`]])],
    items: highlightItems(digest.highlights),
  });
}
