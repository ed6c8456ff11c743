/**
 * Everything the Discord adapter sends is built here, and only here: every platform limit, every
 * escape and every cut lives in this module, as pure functions. The builders fit each piece to its
 * share of the limits (cutting on word boundaries with "…"), and `finalize` checks the whole message
 * once more, so nothing a paper or a user types can produce a payload Discord would reject.
 */
import {
  ButtonStyle,
  ComponentType,
  type APIActionRowComponent,
  type APIApplicationCommandOptionChoice,
  type APIButtonComponent,
  type APIEmbed,
  type APIEmbedField,
} from 'discord.js';
import type { CommandResult, HelpEntry } from '../../commands/index.js';
import type { Digest, SubscriptionView } from '../../src/digest/types.js';
import type { PaperbotError } from '../../src/errors.js';
import type {
  AskResult,
  CorpusStats,
  Highlight,
  HighlightReason,
  HighlightsResult,
  PaperDetail,
  PaperRef,
  SearchHit,
  SearchResult,
  ShowResult,
  SimilarResult,
  Span,
  Suggestion,
} from '../../src/results.js';
import { encodeButton, type PageState } from './custom-id.js';

/** Discord API v10 limits (docs: resources/message, components/reference, interactions). */
export const LIMITS = {
  content: 2000,
  embeds: 10,
  embedTitle: 256,
  embedDescription: 4096,
  embedFields: 25,
  fieldName: 256,
  fieldValue: 1024,
  footer: 2048,
  author: 256,
  embedsTotal: 6000,
  rows: 5,
  buttonsPerRow: 5,
  buttonLabel: 80,
  customId: 100,
  buttonUrl: 512,
  choices: 25,
  choiceName: 100,
  choiceValue: 100,
  commandDescription: 100,
} as const;

const ELLIPSIS = '…';
const COLOR = 0x5865f2;
const NOT_FOUND_COLOR = 0xfaa61a;
/** How far back a word boundary may be (a quarter of the text, or 16 characters) before a cut goes mid-word. */
const WORD_CUT_SLACK = 0.25;
const WORD_CUT_MIN_SLACK = 16;

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
}

// ---- Text: cleaning, escaping, cutting -----------------------------------------------------------

// C0/C1 controls (except tab and newline) and the bidi embedding/override/isolate controls, which
// could make a hostile title display reversed over the text that follows it.
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Drops control characters that no paper text needs. */
export function clean(text: string): string {
  return text.replace(CONTROL, '');
}

/** One line: all whitespace runs become one space. */
export function oneLine(text: string): string {
  return clean(text).replace(/\s+/g, ' ').trim();
}

/**
 * Cuts `text` to at most `max` UTF-16 units (never more characters than Discord counts), on a word
 * boundary when one is near, ending with "…". Never splits a surrogate pair.
 */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return ELLIPSIS;
  let end = max - 1;
  const space = text.lastIndexOf(' ', end);
  if (space > 0 && space >= end - Math.max(end * WORD_CUT_SLACK, WORD_CUT_MIN_SLACK)) end = space;
  if (isHighSurrogate(text.charCodeAt(end - 1))) end -= 1;
  return `${text.slice(0, end).trimEnd()}${ELLIPSIS}`;
}

function isHighSurrogate(code: number): boolean {
  return code >= 0xd800 && code <= 0xdbff;
}

/**
 * Backslash-escapes the inline markdown Discord would interpret in paper or user text: emphasis,
 * code, spoilers, masked links, mentions/timestamps (`<@…>`, `<t:…>`) and quotes (`>`). Headings and
 * lists depend on where a fragment lands in the message, so `escapeLineStarts` handles them once the
 * message is assembled.
 */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\*_~`|[\]<>]/g, '\\$&');
}

// After our own `> ` quote (user text never yields a bare `>`: escapeMarkdown escapes it), a heading
// (`#`, `##`, `###`), subtext (`-#`), a bullet (`-`) or a numbered item (`1.`), each followed by a space.
const LINE_START_MARKER = /^(> )?(?:(#{1,3}|-#?)(?=[ \t])|(\d+)\.(?=[ \t]))/gm;

/**
 * Escapes the block markers that begin a line of a finished message text, and only those: "3.5
 * million" or an id mid-line stay as they are, "1. First" at a line start becomes "1\\. First".
 */
export function escapeLineStarts(text: string): string {
  return text.replace(LINE_START_MARKER, (_match, quote: string | undefined, marker: string | undefined, number: string | undefined) =>
    number !== undefined ? `${quote ?? ''}${number}\\.` : `${quote ?? ''}\\${marker ?? ''}`,
  );
}

/**
 * The largest rendering of `build(budget)` that fits in `max`: the budget (how much raw text to
 * keep) shrinks until the built string, escapes and markup included, fits.
 */
export function fit(max: number, build: (budget: number) => string): string {
  let budget = max;
  for (;;) {
    const out = build(budget);
    if (out.length <= max) return out;
    if (budget <= 0) return truncate(out, max);
    budget = Math.max(0, budget - Math.max(1, out.length - max));
  }
}

/** Paper or user text for a markdown field: cleaned, escaped, cut to `max` with the escapes counted. */
export function md(text: string, max: number, options: { multiline?: boolean } = {}): string {
  const source = options.multiline ? clean(text).trim() : oneLine(text);
  return fit(max, (budget) => escapeMarkdown(truncate(source, budget)));
}

/** Text for a plain field (footer, author, button label, choice name): no markdown there. */
export function plain(text: string, max: number): string {
  return truncate(oneLine(text), max);
}

function isUsableUrl(url: string | undefined, max = Number.POSITIVE_INFINITY): url is string {
  if (!url || url.length > max) return false;
  try {
    const parsed = new URL(url);
    return parsed.protocol === 'https:' || parsed.protocol === 'http:';
  } catch {
    return false;
  }
}

/** A URL safe inside a markdown link target: `(`, `)` and spaces percent-encoded. */
function linkTarget(url: string): string {
  return url.replace(/[() <>]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase().padStart(2, '0')}`);
}

/** `[title](url)` when the URL is usable and the link fits, otherwise the escaped title alone. */
function link(title: string, url: string | undefined, max: number): string {
  if (isUsableUrl(url) && linkTarget(url).length + 4 < max / 2) {
    const target = linkTarget(url);
    return fit(max, (budget) => `[${escapeMarkdown(truncate(oneLine(title), budget - target.length - 4))}](${target})`);
  }
  return md(title, max);
}

/** "A, B, C et al." */
export function shortAuthors(authors: string[], shown = 3): string {
  const names = authors.map(oneLine).filter(Boolean);
  return names.length > shown ? `${names.slice(0, shown).join(', ')} et al.` : names.join(', ');
}

/** A snippet with the query terms in bold; cut before the markup so no `**` is left unpaired. */
/** `i`, or the start of the character `i` points into: bold marks never split a surrogate pair. */
function codePointStart(text: string, i: number): number {
  const low = text.charCodeAt(i);
  return i > 0 && low >= 0xdc00 && low <= 0xdfff && /[\ud800-\udbff]/.test(text[i - 1]!) ? i - 1 : i;
}

export function boldSpans(snippet: string, spans: Span[], max: number): string {
  // Same length as the snippet, so the spans still point at the right characters.
  const text = snippet.replace(CONTROL, ' ').replace(/\s/g, ' ');
  return fit(max, (budget) => {
    const cut = truncate(text, budget);
    const kept = cut.endsWith(ELLIPSIS) && cut.length > 0 ? cut.length - 1 : cut.length;
    let out = '';
    let at = 0;
    for (const span of [...spans].sort((a, b) => a.start - b.start)) {
      const start = Math.max(codePointStart(cut, span.start), at);
      const end = Math.min(codePointStart(cut, span.end), kept);
      if (end <= start) continue;
      out += escapeMarkdown(cut.slice(at, start));
      const term = cut.slice(start, end);
      out += term.trim() ? `**${escapeMarkdown(term)}**` : escapeMarkdown(term);
      at = end;
    }
    return (out + escapeMarkdown(cut.slice(at))).replace(/ {2,}/g, ' ').trim();
  });
}

// ---- Components ----------------------------------------------------------------------------------

function linkButton(label: string, url: string | undefined): APIButtonComponent | null {
  if (!isUsableUrl(url, LIMITS.buttonUrl)) return null;
  return { type: ComponentType.Button, style: ButtonStyle.Link, label: plain(label, LIMITS.buttonLabel), url };
}

function actionButton(label: string, customId: string, disabled = false): APIButtonComponent | null {
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
function rows(buttons: Array<APIButtonComponent | null>, maxRows: number = LIMITS.rows): DiscordButtonRow[] {
  const present = buttons.filter((b): b is APIButtonComponent => b !== null);
  const out: DiscordButtonRow[] = [];
  for (let i = 0; i < present.length && out.length < maxRows; i += LIMITS.buttonsPerRow) {
    out.push({ type: ComponentType.ActionRow, components: present.slice(i, i + LIMITS.buttonsPerRow) });
  }
  return out;
}

function similarButtons(papers: PaperRef[], context: RenderContext, offset = 0): Array<APIButtonComponent | null> {
  return papers.map((paper, i) =>
    actionButton(`Similar to #${offset + i + 1}`, encodeButton({ kind: 'similar', version: context.version, paperId: paper.id })),
  );
}

/** Link buttons for a paper: its pages where known, else searches; at most one row. */
function paperLinkButtons(paper: PaperRef): Array<APIButtonComponent | null> {
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

function message(parts: Partial<Pick<DiscordMessage, 'content' | 'embeds' | 'components'>>): DiscordMessage {
  return finalize({
    embeds: parts.embeds ?? [],
    components: parts.components ?? [],
    ...(parts.content ? { content: parts.content } : {}),
    allowed_mentions: { parse: [] },
  });
}

/** Room left for descriptions once the other parts of one embed are counted. */
function descriptionRoom(...used: Array<string | undefined>): number {
  const spent = used.reduce((sum, s) => sum + (s?.length ?? 0), 0);
  return Math.max(0, Math.min(LIMITS.embedDescription, LIMITS.embedsTotal - spent));
}

/** Joins list entries, each fitted to an equal share of `room`. */
function list<T>(items: T[], room: number, entry: (item: T, index: number, max: number) => string): string {
  if (items.length === 0) return '';
  const separator = '\n\n';
  const share = Math.floor((room - separator.length * (items.length - 1)) / items.length);
  return items.map((item, i) => entry(item, i, share)).join(separator);
}

/** `**1. [Title](url)**` then the lines under it, all within `max`. */
function listEntry(n: number, paper: PaperRef, max: number, lines: Array<(max: number) => string>): string {
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
function metaLine(paper: PaperRef): (max: number) => string {
  const parts = paper.authors.length > 0 ? [shortAuthors(paper.authors)] : [];
  if (paper.published) parts.push(paper.published);
  if (paper.upvotes !== undefined) parts.push(`▲ ${paper.upvotes}`);
  return (max) => md(parts.join(' · '), Math.min(max, 300));
}

function searchFooter(result: SearchResult, pagingNote: string): string {
  const first = result.results.length > 0 ? result.offset + 1 : 0;
  const last = result.offset + result.results.length;
  const filters = [];
  if (result.total > 0) filters.push(`Results ${first}–${last} of ${result.total}`);
  return plain([...filters, pagingNote].filter(Boolean).join(' · ') || 'No results', LIMITS.footer);
}

export function renderSearch(result: SearchResult, context: RenderContext, filters: Omit<PageState, 'kind' | 'version' | 'query' | 'offset' | 'limit'> = {}): Rendered {
  const title = `Search: “${md(result.query, LIMITS.embedTitle - 12)}”`;
  const page = (offset: number): string =>
    encodeButton({ kind: 'page', version: context.version, query: result.query, offset, limit: result.limit, ...filters });
  const pages = result.total > result.limit || result.offset > 0;
  const pagingFits = page(result.offset + result.limit).length <= LIMITS.customId;
  const note = pages && !pagingFits ? 'Query too long for page buttons: use the offset option' : '';
  const footer = searchFooter(result, note);
  const description =
    result.results.length === 0
      ? result.total > 0
        ? `No more results: there ${result.total === 1 ? 'is 1 match' : `are ${result.total} matches`} in all.`
        : `No paper matches “${md(result.query, 600)}”. Try fewer or different words.`
      : list(result.results, descriptionRoom(title, footer), (hit: SearchHit, i, max) =>
          listEntry(result.offset + i + 1, hit, max, [metaLine(hit), (room) => (hit.snippet ? `> ${boldSpans(hit.snippet, hit.highlights, room - 2)}` : '')]),
        );
  const paging: Array<APIButtonComponent | null> = [];
  if (pages && pagingFits) {
    const prev = Math.max(0, result.offset - result.limit);
    const next = result.offset + result.limit;
    paging.push(actionButton('◀ Prev', page(prev), result.offset === 0));
    paging.push(actionButton('Next ▶', page(next), next >= result.total));
  }
  return {
    ephemeral: false,
    message: message({
      embeds: [{ title, description, footer: { text: footer }, color: COLOR }],
      components: [...rows(paging, 1), ...rows(similarButtons(result.results, context, result.offset), 2)],
    }),
  };
}

/** Says how the answer was made: quoted, or written by a model and checked. Footers show no markdown. */
function answerFooter(result: AskResult): string {
  const text =
    result.kind === 'synthesised'
      ? `Written by ${truncate(oneLine(result.model ?? 'a language model'), 100)} from the abstracts; each sentence was checked against the sources it cites [n].`
      : 'Quoted from the paper abstracts; [n] is the source.';
  return plain(text, LIMITS.footer);
}

export function renderAnswer(result: AskResult): Rendered {
  const title = md(result.question, LIMITS.embedTitle);
  if (!result.found) {
    const intro = result.answer.trim() ? md(result.answer, 600) : 'The papers I know do not cover this question.';
    const header = `**Not covered.** ${intro}`;
    const nearest = result.nearest.length > 0 ? `\n\n**Nearest papers**\n${list(result.nearest, descriptionRoom(title, header) - header.length - 30, (paper, i, max) => listEntry(i + 1, paper, max, [metaLine(paper)]))}` : '';
    return {
      ephemeral: false,
      message: message({
        embeds: [{ title, description: header + nearest, color: NOT_FOUND_COLOR }],
        components: rows(result.nearest.map((paper, i) => linkButton(`${i + 1}. ${paper.title}`, paper.url)), 1),
      }),
    };
  }
  const citations = result.citations;
  const sourceRoom = Math.min(1800, 60 + citations.length * 200);
  const sources = list(citations, sourceRoom, (c, _i, max) => `**[${c.n}]** ${link(c.title, c.url, max - 8)}`).replaceAll('\n\n', '\n');
  const footer = answerFooter(result);
  const room = descriptionRoom(title, footer) - sources.length - 20;
  // A list answer is one paper per line; any other answer reads as one paragraph.
  const bullet = result.answerType === 'list' ? '• ' : '';
  const separator = result.answerType === 'list' ? '\n' : ' ';
  let answer = '';
  for (const sentence of result.sentences) {
    // Model text is escaped like any paper text: no markup, link or mention of its own survives.
    const marks = `**[${sentence.citations.join(', ')}]**`;
    const piece = `${bullet}${md(sentence.text, room)} ${marks}`;
    if (answer.length + piece.length + 1 > room) {
      if (!answer) answer = fit(room, (budget) => `${bullet}${md(sentence.text, budget - marks.length - 1 - bullet.length)} ${marks}`);
      break;
    }
    answer = answer ? `${answer}${separator}${piece}` : piece;
  }
  if (!answer) answer = md(result.answer, room, { multiline: true });
  return {
    ephemeral: false,
    message: message({
      embeds: [{ title, description: `${answer}\n\n**Sources**\n${sources}`, footer: { text: footer }, color: COLOR }],
      components: rows(citations.map((c) => linkButton(`[${c.n}] ${c.title}`, c.url)), 1),
    }),
  };
}

export function renderPaper(result: ShowResult, context: RenderContext, note?: string): Rendered {
  const paper = result.paper;
  if (!paper) return renderUnknownPaper(result.query, result.suggestions);
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

function renderUnknownPaper(query: string, suggestions: Suggestion[]): Rendered {
  const lines = suggestions.slice(0, 10).map((s) => `• ${md(s.title, 200)}`);
  const content = fit(LIMITS.content, (budget) =>
    [`No paper matches “${md(query, Math.min(300, budget))}”.`, lines.length > 0 ? `Did you mean:\n${lines.join('\n')}` : 'Try `/paper search` with a few words of the title.'].join('\n'),
  );
  return { ephemeral: true, message: message({ content }) };
}

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

/** `search offline RL --limit 3` → `/paper search query:offline RL limit:3`. */
export function slashExample(entry: Pick<HelpEntry, 'name' | 'example' | 'options'>): string {
  const [head = '', ...flags] = entry.example.split(/\s--/);
  const positional = head.slice(entry.name.length).trim().replace(/^"(.*)"$/, '$1');
  const parts = [`/paper ${entry.name}`];
  const first = entry.options.find((o) => o.positional);
  if (positional && first) parts.push(`${first.name}:${positional}`);
  for (const flag of flags) {
    const [name = '', ...value] = flag.trim().split(/\s+/);
    parts.push(`${name}:${value.join(' ').replace(/^"(.*)"$/, '$1')}`);
  }
  return parts.join(' ');
}

function slashUsage(entry: HelpEntry): string {
  const options = entry.options.map((o) => {
    const value = o.format ?? (o.type === 'integer' ? 'N' : o.autocomplete ? 'paper' : 'text');
    return o.required ? `${o.name}:<${value}>` : `[${o.name}:${value}]`;
  });
  return [`/paper ${entry.name}`, ...options].join(' ');
}

const inlineCode = (text: string) => `\`${text.replaceAll('`', 'ˋ')}\``;

export function renderHelp(entries: HelpEntry[]): Rendered {
  const detailed = entries.length === 1;
  const fields: APIEmbedField[] = entries.slice(0, LIMITS.embedFields).map((entry) => {
    const lines = [md(entry.description, 300), inlineCode(truncate(slashUsage(entry), 300)), `e.g. ${inlineCode(truncate(slashExample(entry), 300))}`];
    if (detailed) for (const o of entry.options) lines.push(`• **${o.name}**: ${md(o.description, 100)}`);
    return { name: plain(`/paper ${entry.name}`, LIMITS.fieldName), value: truncate(lines.join('\n'), LIMITS.fieldValue) };
  });
  const description = detailed ? '' : 'Type `/paper` and pick a subcommand. You can also mention me with a question.';
  return {
    ephemeral: false,
    message: message({ embeds: [{ title: 'paperbot commands', ...(description ? { description } : {}), fields, color: COLOR }] }),
  };
}

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

function subscriptionLine(s: SubscriptionView): string {
  const parts = [`**${s.time}** ${md(s.timezone, 60)}`, `${s.count} papers`];
  if (s.topic) parts.push(`about “${md(s.topic, 120)}”`);
  if (s.nextPostLocal) parts.push(`next: ${md(s.nextPostLocal, 60)}`);
  if (s.origin === 'config') parts.push('from config');
  if (s.pausedReason) parts.push(`⏸ paused: ${md(s.pausedReason, 200)}`);
  return `• <#${/^\d+$/.test(s.channelId) ? s.channelId : '0'}> ${parts.join(' · ')}`;
}

export function renderSubscriptions(subscriptions: SubscriptionView[]): Rendered {
  const description =
    subscriptions.length === 0
      ? 'No daily highlights are set up here. A channel manager can start them with `/paper subscribe`.'
      : fit(LIMITS.embedDescription, (budget) => truncate(subscriptions.map(subscriptionLine).join('\n'), budget));
  return { ephemeral: false, message: message({ embeds: [{ title: 'Daily highlights', description, color: COLOR }] }) };
}

export function renderNotice(text: string, ephemeral = false): Rendered {
  return { ephemeral, message: message({ content: md(text, LIMITS.content, { multiline: true }) }) };
}

export function renderResult(result: CommandResult, context: RenderContext, filters?: Parameters<typeof renderSearch>[2]): Rendered {
  switch (result.kind) {
    case 'search':
      return renderSearch(result.result, context, filters);
    case 'answer':
      return renderAnswer(result.result);
    case 'paper':
      return renderPaper(result.result, context);
    case 'similar':
      return renderSimilar(result.result, context);
    case 'highlights':
      return renderHighlights(result.result);
    case 'stats':
      return renderStats(result.result);
    case 'help':
      return renderHelp(result.result.commands);
    case 'subscriptions':
      return renderSubscriptions(result.result.subscriptions);
    case 'notice':
      return renderNotice(result.result.message);
    case 'listed': {
      const change = result.result;
      if (change.action === 'removed') return renderNotice(change.message);
      return renderPaper({ query: change.paper.id, paper: change.paper, suggestions: [] }, context, change.message);
    }
  }
}

/** The friendly, specific text for an error; internal failures say so without details. */
export function renderError(error: PaperbotError, command?: string): Rendered {
  if (error.code === 'internal') {
    const where = command ? ` while running \`/paper ${command}\`` : '';
    const content = `Sorry, something went wrong on my side${where}. It has been logged; please try again in a moment.`;
    return { ephemeral: true, message: message({ content }) };
  }
  // The message quotes what the user typed: escaped like any other user text.
  const prefix = '⚠️ ';
  return { ephemeral: true, message: message({ content: `${prefix}${md(error.message, LIMITS.content - prefix.length, { multiline: true })}` }) };
}

export const STALE_BUTTON_TEXT = 'These results are from an older paper list. Run the search again to get fresh results.';

/** Autocomplete choices: at most 25, names ≤ 100, value = paper id (ids too long are skipped). */
export function renderChoices(suggestions: Suggestion[]): APIApplicationCommandOptionChoice<string>[] {
  const choices: APIApplicationCommandOptionChoice<string>[] = [];
  for (const s of suggestions) {
    if (choices.length >= LIMITS.choices) break;
    if (!s.id || s.id.length > LIMITS.choiceValue) continue;
    const name = plain(s.title, LIMITS.choiceName) || plain(s.id, LIMITS.choiceName);
    choices.push({ name, value: s.id });
  }
  return choices;
}

/** Command and option descriptions for registration. */
export function commandDescription(text: string): string {
  return plain(text, LIMITS.commandDescription) || 'No description';
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
