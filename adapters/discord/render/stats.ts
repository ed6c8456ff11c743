/** `/paper stats`: the size and sources of the paper list. */
import type { APIEmbedField } from 'discord.js';
import type { CorpusStats } from '../../../src/results.js';
import { LIMITS, md, plain, truncate } from './format.js';
import { COLOR, message, type Rendered } from './message.js';

export function renderStats(stats: CorpusStats): Rendered {
  const fields: APIEmbedField[] = [
    { name: 'Papers', value: String(stats.papers), inline: true },
    { name: 'With arXiv id', value: String(stats.withArxivId), inline: true },
    { name: 'With code', value: String(stats.withCode), inline: true },
    { name: 'With upvotes', value: String(stats.withUpvotes), inline: true },
    { name: 'Added from chat', value: String(stats.fromChat), inline: true },
  ];
  if (stats.fromFeeds > 0) fields.push({ name: 'From feeds', value: String(stats.fromFeeds), inline: true });
  if (stats.earliest || stats.latest) fields.push({ name: 'Dates', value: `${stats.earliest ?? '?'} – ${stats.latest ?? '?'}`, inline: true });
  if (stats.sources.length > 0) {
    const lines = stats.sources.map((s) => `• ${md(s.file, 200)} (${md(s.format, 30)}): ${s.papers}`);
    fields.push({ name: 'Sources', value: truncate(lines.join('\n'), LIMITS.fieldValue) });
  }
  return {
    ephemeral: false,
    message: message({ embeds: [{ title: 'Paper list', fields, footer: { text: plain(`version ${stats.version}`, LIMITS.footer) }, color: COLOR }] }),
  };
}
