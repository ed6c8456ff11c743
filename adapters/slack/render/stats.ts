/** `/paper stats`: the size and sources of the paper list. */
import type { CorpusStats } from '../../../src/results.js';
import { assemble, context, fallback, header, section, type SlackMessage } from './blocks.js';
import type { Inline } from './format.js';

export function renderStats(stats: CorpusStats): SlackMessage {
  const lines: Inline[] = [
    { bold: String(stats.papers) },
    ` papers: ${stats.withArxivId} with an arXiv id, ${stats.withUpvotes} with upvotes, ${stats.withCode} with code.`,
  ];
  if (stats.earliest || stats.latest) lines.push(`\nPublished ${stats.earliest ?? '?'} to ${stats.latest ?? '?'}.`);
  lines.push(`\n${stats.fromChat} added from chat${stats.fromFeeds > 0 ? `, ${stats.fromFeeds} from feeds` : ''}.`);
  for (const source of stats.sources) lines.push('\n• ', { code: source.file }, ` (${source.format}, ${source.papers} papers)`);
  return assemble({
    text: fallback(`${stats.papers} papers loaded.`),
    head: [header('Corpus'), section(lines), context([[`Corpus version ${stats.version}`]])],
  });
}
