/** `/paper highlights` and the daily post: picked papers, why each was picked, a link button each. */
import type { APIEmbed } from 'discord.js';
import type { Digest } from '../../../src/digest/types.js';
import type { Highlight, HighlightReason, HighlightsResult } from '../../../src/results.js';
import { fit, LIMITS, md, oneLine, plain } from './format.js';
import { COLOR, descriptionRoom, linkButton, list, listEntry, message, rows, type DiscordButtonRow, type DiscordMessage, type Rendered } from './message.js';

const REASON_TEXT: Record<HighlightReason, (h: Highlight, topic?: string) => string> = {
  upvotes: (h) => (h.upvotes !== undefined ? `▲ ${h.upvotes} upvotes` : 'popular'),
  topic: (_h, topic) => (topic ? `about ${oneLine(topic)}` : 'on topic'),
  new: () => 'new',
  recent: () => 'recent',
};

function highlightEmbed(result: HighlightsResult, title: string, footer?: string): APIEmbed {
  const room = descriptionRoom(title, footer);
  const description =
    result.highlights.length === 0
      ? 'Nothing new to highlight right now.'
      : list(result.highlights, room, (h, i, max) =>
          listEntry(i + 1, h, max, [
            (lineMax) => md(h.summary, Math.min(lineMax, 300)),
            (lineMax) => {
              const why = h.reasons.map((r) => REASON_TEXT[r](h, result.topic)).join(' · ');
              return why ? fit(lineMax, (budget) => `*${md(why, budget - 2)}*`) : '';
            },
          ]),
        );
  return { title, description, color: COLOR, ...(footer ? { footer: { text: footer } } : {}) };
}

function highlightButtons(result: HighlightsResult): DiscordButtonRow[] {
  return rows(result.highlights.map((h, i) => linkButton(`${i + 1}. ${h.title}`, h.url)), 2);
}

export function renderHighlights(result: HighlightsResult): Rendered {
  const topic = result.topic ? ` on “${md(result.topic, 150)}”` : '';
  const title = `Highlights${topic}${result.since ? ` since ${result.since}` : ''}`;
  return { ephemeral: false, message: message({ embeds: [highlightEmbed(result, title)], components: highlightButtons(result) }) };
}

/** The footer marker that lets `findPosted` recognise a digest: Discord does not store nonces. */
export function digestMarker(key: string): string {
  return `ref ${key}`;
}

export function renderDigest(digest: Digest, key: string): DiscordMessage {
  const count = digest.highlights.highlights.length;
  const topic = digest.topic ? ` on “${md(digest.topic, 150)}”` : '';
  const title = `Paper highlights for ${digest.date}${topic}`;
  const footer = plain(`${count} paper${count === 1 ? '' : 's'} · ${digest.timezone} · ${digestMarker(key)}`, LIMITS.footer);
  return message({ embeds: [highlightEmbed(digest.highlights, title, footer)], components: highlightButtons(digest.highlights) });
}

