/** `/paper show` (and a paper added from chat): one paper's card, or the titles it may have meant. */
import type { APIEmbed, APIEmbedField } from 'discord.js';
import type { PaperDetail, PaperRef, ShowResult } from '../../../src/results.js';
import { encodeButton } from '../custom-id.js';
import { fit, isUsableUrl, LIMITS, md, shortAuthors } from './format.js';
import { actionButton, COLOR, descriptionRoom, message, paperLinkButtons, rows, type DiscordButtonRow, type RenderContext, type Rendered } from './message.js';

export function renderPaper(result: ShowResult, context: RenderContext, note?: string): Rendered {
  const paper = result.paper;
  if (!paper) return renderUnknownPaper(result);
  const content = note ? md(note, LIMITS.content) : undefined;
  return { ephemeral: false, message: message({ ...(content ? { content } : {}), embeds: [paperEmbed(paper)], components: paperComponents(paper, context) }) };
}

function paperEmbed(paper: PaperDetail): APIEmbed {
  const fields: APIEmbedField[] = [];
  if (paper.authors.length > 0) fields.push({ name: 'Authors', value: md(shortAuthors(paper.authors), LIMITS.fieldValue) });
  if (paper.published) fields.push({ name: 'Published', value: paper.published, inline: true });
  if (paper.upvotes !== undefined) fields.push({ name: 'Upvotes', value: `▲ ${paper.upvotes}`, inline: true });
  if (paper.tags.length > 0) fields.push({ name: 'Tags', value: md(paper.tags.join(', '), 300) });
  const title = md(paper.title, LIMITS.embedTitle);
  const used = fields.reduce((n, f) => n + f.name.length + f.value.length, title.length);
  const summary = paper.summary.trim() || paper.abstract;
  return {
    title,
    ...(isUsableUrl(paper.url) ? { url: paper.url } : {}),
    description: md(summary, Math.min(1500, descriptionRoom() - used), { multiline: true }),
    fields,
    color: COLOR,
  };
}

function paperComponents(paper: PaperRef, context: RenderContext): DiscordButtonRow[] {
  const similar = actionButton('Similar papers', encodeButton({ kind: 'similar', version: context.version, paperId: paper.id }));
  return [...rows(paperLinkButtons(paper), 1), ...rows([similar], 1)];
}

/** Several papers that match alike, listed; or none, with the titles it may have meant. */
function renderUnknownPaper({ query, suggestions, ambiguous }: ShowResult): Rendered {
  const lines = suggestions.slice(0, 10).map((s) => `• ${md(s.title, 200)}`);
  const content = fit(LIMITS.content, (budget) => {
    const quoted = md(query, Math.min(300, budget));
    if (ambiguous) return `Several papers match “${quoted}”:\n${lines.join('\n')}`;
    return [`No paper matches “${quoted}”.`, lines.length > 0 ? `Did you mean:\n${lines.join('\n')}` : 'Try `/paper search` with a few words of the title.'].join('\n');
  });
  return { ephemeral: true, message: message({ content }) };
}
