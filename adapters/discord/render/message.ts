/**
 * The parts every Discord reply is made of (buttons, rows, numbered paper lists) and the last check
 * that fits a finished message into Discord's limits.
 */
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIButtonComponent,
  type APIEmbed,
} from 'discord.js';
import type { PaperRef } from '../../../src/results.js';
import { encodeButton } from '../custom-id.js';
import { escapeLineStarts, isUsableUrl, LIMITS, link, md, plain, shortAuthors, truncate } from './format.js';

export const COLOR = 0x5865f2;
export const NOT_FOUND_COLOR = 0xfaa61a;

export interface DiscordButtonRow extends APIActionRowComponent<APIButtonComponent> {}

/** A message body as Create Message, an interaction reply and an edit all take it. */
export interface DiscordMessage {
  content?: string;
  embeds: APIEmbed[];
  components: DiscordButtonRow[];
  allowed_mentions: { parse: [] };
}

export interface Rendered {
  message: DiscordMessage;
  /** Shown only to the person who asked (errors, unknown papers). */
  ephemeral: boolean;
}

export interface RenderContext {
  /** `core.stats().version`; stamped on buttons so old ones can be recognised. */
  version: string;
  /** The adapter keeps conversations: answers get a Follow-up button, near papers "Ask [n]". */
  followUps?: boolean;
}

// ---- Components ----------------------------------------------------------------------------------

export function linkButton(label: string, url: string | undefined): APIButtonComponent | null {
  if (!isUsableUrl(url, LIMITS.buttonUrl)) return null;
  return { type: ComponentType.Button, style: ButtonStyle.Link, label: plain(label, LIMITS.buttonLabel), url };
}

export function actionButton(label: string, customId: string, disabled = false): APIButtonComponent | null {
  if (customId.length < 1 || customId.length > LIMITS.customId) return null;
  return {
    type: ComponentType.Button,
    style: ButtonStyle.Secondary,
    label: plain(label, LIMITS.buttonLabel),
    custom_id: customId,
    ...(disabled ? { disabled: true } : {}),
  };
}

/** Packs buttons into rows of 5, at most `maxRows` rows. */
export function rows(buttons: Array<APIButtonComponent | null>, maxRows: number = LIMITS.rows): DiscordButtonRow[] {
  const present = buttons.filter((b): b is APIButtonComponent => b !== null);
  const out: DiscordButtonRow[] = [];
  for (let i = 0; i < present.length && out.length < maxRows; i += LIMITS.buttonsPerRow) {
    out.push({ type: ComponentType.ActionRow, components: present.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return out;
}

export function similarButtons(papers: PaperRef[], context: RenderContext, offset = 0): Array<APIButtonComponent | null> {
  return papers.map((paper, i) =>
    actionButton(`Similar to #${offset + i + 1}`, encodeButton({ kind: 'similar', version: context.version, paperId: paper.id })),
  );
}

/** Link buttons for a paper: its pages where known, else searches; at most one row. */
export function paperLinkButtons(paper: PaperRef): Array<APIButtonComponent | null> {
  const { links } = paper;
  return [
    links.arxiv ? linkButton('arXiv', links.arxiv) : linkButton('Search arXiv', links.arxivSearch),
    linkButton('PDF', links.pdf),
    linkButton('Code', links.code),
    links.huggingface ? linkButton('Hugging Face', links.huggingface) : linkButton('Search Hugging Face', links.huggingfaceSearch),
    linkButton('Project page', links.project),
  ]
    .filter((b) => b !== null)
    .slice(0, LIMITS.buttonsPerRow);
}

// ---- Messages ------------------------------------------------------------------------------------

export function message(parts: Partial<Pick<DiscordMessage, 'content' | 'embeds' | 'components'>>): DiscordMessage {
  return finalize({
    embeds: parts.embeds ?? [],
    components: parts.components ?? [],
    ...(parts.content ? { content: parts.content } : {}),
    allowed_mentions: { parse: [] },
  });
}

/** Room left for descriptions once the other parts of one embed are counted. */
export function descriptionRoom(...used: Array<string | undefined>): number {
  const spent = used.reduce((sum, s) => sum + (s?.length ?? 0), 0);
  return Math.max(0, Math.min(LIMITS.embedDescription, LIMITS.embedsTotal - spent));
}

/** Joins list entries, each fitted to an equal share of `room`. */
export function list<T>(items: T[], room: number, entry: (item: T, index: number, max: number) => string): string {
  if (items.length === 0) return '';
  const separator = '\n\n';
  const share = Math.floor((room - separator.length * (items.length - 1)) / items.length);
  return items.map((item, i) => entry(item, i, share)).join(separator);
}

/** `**1. [Title](url)**` then the lines under it, all within `max`. */
export function listEntry(n: number, paper: PaperRef, max: number, lines: Array<(max: number) => string>): string {
  const head = `**${n}.** ${link(paper.title, paper.url, Math.min(320, max - 6))}`;
  let out = head;
  for (const line of lines) {
    const room = max - out.length - 1;
    if (room < 8) break;
    const text = line(room);
    if (text) out += `\n${text}`;
  }
  return out;
}

/** "A, B, C et al. · 2025-01-31 · ▲ 12", whatever of it is known. */
export function metaLine(paper: PaperRef): (max: number) => string {
  const parts = paper.authors.length > 0 ? [shortAuthors(paper.authors)] : [];
  if (paper.published) parts.push(paper.published);
  if (paper.upvotes !== undefined) parts.push(`▲ ${paper.upvotes}`);
  return (max) => md(parts.join(' · '), Math.min(max, 300));
}

// ---- The last check ------------------------------------------------------------------------------

function embedSize(embed: APIEmbed): number {
  let size = (embed.title?.length ?? 0) + (embed.description?.length ?? 0);
  size += (embed.footer?.text.length ?? 0) + (embed.author?.name.length ?? 0);
  for (const field of embed.fields ?? []) size += field.name.length + field.value.length;
  return size;
}

/**
 * Applies every limit to a finished message. The builders above already fit their parts; this is
 * the guarantee, for combinations they did not foresee: a cut here may lose markup, never validity.
 */
export function finalize(msg: DiscordMessage): DiscordMessage {
  const embeds = msg.embeds.slice(0, LIMITS.embeds).map((embed) => {
    const out: APIEmbed = { ...embed };
    if (out.title !== undefined) out.title = truncate(out.title, LIMITS.embedTitle) || undefined;
    if (out.description !== undefined) out.description = truncate(escapeLineStarts(out.description), LIMITS.embedDescription) || undefined;
    if (out.url !== undefined && !isUsableUrl(out.url)) delete out.url;
    if (out.footer) out.footer = out.footer.text.trim() ? { ...out.footer, text: truncate(out.footer.text, LIMITS.footer) } : undefined;
    if (out.author) out.author = out.author.name.trim() ? { ...out.author, name: truncate(out.author.name, LIMITS.author) } : undefined;
    if (out.fields) {
      out.fields = out.fields
        .filter((f) => f.name.trim() && f.value.trim())
        .slice(0, LIMITS.embedFields)
        .map((f) => ({ ...f, name: truncate(f.name, LIMITS.fieldName), value: truncate(escapeLineStarts(f.value), LIMITS.fieldValue) }));
    }
    for (const key of ['title', 'description', 'footer', 'author'] as const) if (out[key] === undefined) delete out[key];
    return out;
  }).filter((embed) => embedSize(embed) > 0 || (embed.fields?.length ?? 0) > 0);
  let excess = embeds.reduce((n, e) => n + embedSize(e), 0) - LIMITS.embedsTotal;
  for (let i = embeds.length - 1; i >= 0 && excess > 0; i--) {
    const embed = embeds[i] as APIEmbed;
    const description = embed.description ?? '';
    const keep = Math.max(0, description.length - excess);
    excess -= description.length - keep;
    if (keep > 0) embed.description = truncate(description, keep);
    else delete embed.description;
  }
  while (excess > 0 && embeds.length > 1) excess -= embedSize(embeds.pop() as APIEmbed);
  const seen = new Set<string>();
  const components = msg.components
    .map((row) => ({
      ...row,
      components: row.components
        .filter((b) => {
          if (!('custom_id' in b)) return true;
          if (seen.has(b.custom_id)) return false;
          seen.add(b.custom_id);
          return true;
        })
        .slice(0, LIMITS.buttonsPerRow),
    }))
    .filter((row) => row.components.length > 0)
    .slice(0, LIMITS.rows);
  const content = msg.content === undefined ? undefined : truncate(escapeLineStarts(msg.content), LIMITS.content);
  const out: DiscordMessage = { embeds, components, allowed_mentions: { parse: [] } };
  if (content) out.content = content;
  if (!content && embeds.length === 0) out.content = 'Nothing to show.';
  return out;
}

/** The message as discord.js options; `content: ''` clears the text an edited message had. */
export function toOptions(msg: DiscordMessage): {
  content: string;
  embeds: APIEmbed[];
  components: DiscordButtonRow[];
  allowedMentions: { parse: [] };
} {
  return { content: msg.content ?? '', embeds: msg.embeds, components: msg.components, allowedMentions: { parse: [] } };
}

