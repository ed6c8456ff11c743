/**
 * Everything paperbot posts to Slack is built here: Block Kit limits, mrkdwn escaping and
 * word-boundary truncation live in this one module, as pure functions.
 *
 * Escaping rule: every piece of paper or user text goes through `escapeMrkdwn` (`&`, `<`, `>`), so no
 * title, abstract or echoed query can form `<!channel>`, `<@U…>` or a `<url|label>` link. The only live
 * links are those built by `linkTo` from URLs the core produced.
 */
import type { types } from '@slack/bolt';
import type { CommandResult, HelpEntry } from '../../commands/index.js';
import type { Digest, SubscriptionView } from '../../src/digest/types.js';
import { PaperbotError } from '../../src/errors.js';
import type {
  AskResult,
  CorpusStats,
  Highlight,
  HighlightReason,
  HighlightsResult,
  PaperRef,
  SearchResult,
  ShowResult,
  SimilarResult,
  Span,
} from '../../src/results.js';
import { encodePage, MORE_RESULTS_ACTION, type PageRequest } from './paging.js';

/**
 * Sources: docs.slack.dev/reference/block-kit (blocks, block elements, composition objects), mirrored
 * in @slack/types JSDoc; the total-size budget from bolt-js#2509 (`msg_blocks_too_long` at ~13k).
 */
export const SLACK_LIMITS = {
  blocks: 50,
  sectionText: 3000,
  headerText: 150,
  contextElements: 10,
  /** A context element is a text object: 3000 like every text object. */
  contextText: 3000,
  actionsElements: 25,
  buttonText: 75,
  buttonValue: 2000,
  /** Slack allows 3000; 2000 leaves room for clients that cut earlier. */
  buttonUrl: 2000,
  actionId: 255,
  blockId: 255,
  /** Slack truncates at 40k; its guidance is to stay under 4000. */
  fallbackText: 4000,
  /** JSON length of all blocks; Slack rejects from about 13k even when every block is valid. */
  blocksBudget: 12_000,
} as const;

export const PRODUCT_NAME = 'paperbot';
export const SLASH_COMMAND = '/paper';
const ELLIPSIS = '…';
const LINK_ACTION_PREFIX = 'paperbot_link_';

export type SlackBlock = types.HeaderBlock | types.SectionBlock | types.ContextBlock | types.ActionsBlock | types.DividerBlock;

export interface SlackMessage {
  /** Fallback for notifications and screen readers; escaped mrkdwn like the blocks. */
  text: string;
  blocks: SlackBlock[];
}

// ---------------------------------------------------------------------------------------------------
// Text

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

function collapse(text: string): string {
  return text.replace(/\s+/g, ' ').trim();
}

/** At most `max` characters; cut at the last word boundary in the second half, ending in "…". */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  if (max <= 0) return '';
  if (max === 1) return ELLIPSIS;
  let cut = text.slice(0, max - 1);
  if (!/\s/.test(text.charAt(max - 1))) {
    const lastSpace = cut.search(/\s\S*$/);
    if (lastSpace >= Math.floor((max - 1) / 2)) cut = cut.slice(0, lastSpace);
  }
  const last = cut.charCodeAt(cut.length - 1);
  if (last >= 0xd800 && last <= 0xdbff) cut = cut.slice(0, -1);
  return cut.replace(/[\s,;:(-]+$/u, '') + ELLIPSIS;
}

/** The escaped form of `raw`, truncated (before escaping, so no entity is cut) to fit `room`. */
function fitEscaped(raw: string, room: number): string {
  if (room <= 0) return '';
  const whole = escapeMrkdwn(raw);
  if (whole.length <= room) return whole;
  let n = room;
  while (n > 1) {
    const candidate = escapeMrkdwn(truncate(raw, n));
    if (candidate.length <= room) return candidate;
    n -= Math.max(1, candidate.length - room);
  }
  return ELLIPSIS;
}

/** Only http(s) URLs become links; `|`, `<` and `>` are percent-encoded so the URL cannot end the link early. */
export function safeUrl(url: string | undefined): string | undefined {
  if (!url) return undefined;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return undefined;
  }
  if (parsed.protocol !== 'https:' && parsed.protocol !== 'http:') return undefined;
  return parsed.href.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E');
}

/** One piece of a mrkdwn text: plain text, bold, inline code or a link the bot builds. */
export type Inline = string | { bold: string } | { code: string } | { link: string | undefined; label: string; bold?: boolean };

function fitInline(part: Inline, room: number): string {
  if (typeof part === 'string') return fitEscaped(part, room);
  if ('code' in part) return room < 3 ? '' : `\`${fitEscaped(collapse(part.code), room - 2)}\``;
  if ('bold' in part && !('link' in part)) return room < 3 ? '' : `*${fitEscaped(collapse(part.bold), room - 2)}*`;
  const url = safeUrl(part.link);
  const stars = part.bold ? 2 : 0;
  const label = collapse(part.label);
  if (url && room >= url.length + 4 + stars) {
    const inner = `<${url}|${fitEscaped(label, room - url.length - 3 - stars)}>`;
    return part.bold ? `*${inner}*` : inner;
  }
  return part.bold && room >= 3 ? `*${fitEscaped(label, room - 2)}*` : fitEscaped(label, room);
}

/** Escaped mrkdwn of at most `max` characters; whatever does not fit is cut with "…". */
export function mrkdwn(parts: readonly Inline[], max: number): string {
  let out = '';
  for (const part of parts) {
    const room = max - out.length;
    const whole = fitInline(part, Number.MAX_SAFE_INTEGER);
    if (whole.length <= room) {
      out += whole;
      continue;
    }
    out += fitInline(part, room);
    break;
  }
  return out;
}

/** Plain text with the matched terms in bold. */
export function highlighted(text: string, spans: readonly Span[]): Inline[] {
  const parts: Inline[] = [];
  let at = 0;
  const sorted = [...spans].sort((a, b) => a.start - b.start);
  for (const { start, end } of sorted) {
    const s = Math.max(start, at);
    const e = Math.min(end, text.length);
    if (e <= s) continue;
    if (s > at) parts.push(text.slice(at, s));
    const term = text.slice(s, e);
    parts.push(term.trim() ? { bold: term } : term);
    at = e;
  }
  if (at < text.length) parts.push(text.slice(at));
  return parts;
}

export function formatAuthors(authors: readonly string[]): string {
  if (authors.length <= 3) return authors.join(', ');
  return `${authors.slice(0, 3).join(', ')} et al.`;
}

// ---------------------------------------------------------------------------------------------------
// Blocks

export function header(text: string): types.HeaderBlock {
  const plain = truncate(collapse(text), SLACK_LIMITS.headerText) || PRODUCT_NAME;
  return { type: 'header', text: { type: 'plain_text', text: plain, emoji: true } };
}

export function section(parts: readonly Inline[]): types.SectionBlock | null {
  const text = mrkdwn(parts, SLACK_LIMITS.sectionText);
  return text.trim() ? { type: 'section', text: { type: 'mrkdwn', text } } : null;
}

export function context(elements: ReadonlyArray<readonly Inline[]>): types.ContextBlock | null {
  const texts = elements
    .map((parts) => mrkdwn(parts, SLACK_LIMITS.contextText))
    .filter((text) => text.trim())
    .slice(0, SLACK_LIMITS.contextElements);
  if (texts.length === 0) return null;
  return { type: 'context', elements: texts.map((text) => ({ type: 'mrkdwn' as const, text })) };
}

export type ButtonSpec =
  | { label: string; url: string | undefined }
  | { label: string; actionId: string; value: string; style?: 'primary' };

function button(spec: ButtonSpec): types.Button | null {
  const text = { type: 'plain_text' as const, text: truncate(collapse(spec.label), SLACK_LIMITS.buttonText), emoji: true };
  if ('url' in spec) {
    const url = safeUrl(spec.url);
    if (!url || url.length > SLACK_LIMITS.buttonUrl) return null;
    // Renumbered by `assemble`: action ids must be unique within a message.
    return { type: 'button', text, url, action_id: LINK_ACTION_PREFIX };
  }
  if (spec.value.length > SLACK_LIMITS.buttonValue || spec.actionId.length > SLACK_LIMITS.actionId) return null;
  return { type: 'button', text, action_id: spec.actionId, value: spec.value, ...(spec.style ? { style: spec.style } : {}) };
}

export function actions(specs: readonly ButtonSpec[]): types.ActionsBlock | null {
  const elements = specs
    .map(button)
    .filter((b): b is types.Button => b !== null)
    .slice(0, SLACK_LIMITS.actionsElements);
  return elements.length > 0 ? { type: 'actions', elements } : null;
}

function present<T>(items: ReadonlyArray<T | null>): T[] {
  return items.filter((item): item is T => item !== null);
}

/** Link buttons Slack still reports as actions; the adapter acks them by this pattern. */
export const LINK_ACTION_PATTERN = new RegExp(`^${LINK_ACTION_PREFIX}\\d+$`);

function numberLinkButtons(blocks: SlackBlock[]): void {
  let n = 0;
  for (const block of blocks) {
    if (block.type !== 'actions') continue;
    for (const element of block.elements) {
      if (element.type === 'button' && element.url) element.action_id = `${LINK_ACTION_PREFIX}${n++}`;
    }
  }
}

function size(blocks: readonly SlackBlock[]): number {
  return JSON.stringify(blocks).length;
}

interface Layout {
  text: string;
  head: ReadonlyArray<SlackBlock | null>;
  /** One entry per paper (or command); kept whole or left out whole. */
  items?: ReadonlyArray<ReadonlyArray<SlackBlock | null>>;
  tail?: ReadonlyArray<SlackBlock | null>;
}

/**
 * Puts a message together within the block count and the total size budget: head and tail always,
 * items while they fit, and a note saying how many did not.
 */
export function assemble(layout: Layout): SlackMessage {
  const head = present(layout.head);
  const tail = present(layout.tail ?? []);
  const items = (layout.items ?? []).map(present).filter((item) => item.length > 0);
  const noteReserve = 1;
  const noteBytes = 300;
  const body: SlackBlock[] = [];
  let shown = 0;
  for (const item of items) {
    const count = head.length + body.length + item.length + tail.length + noteReserve;
    const bytes = size(head) + size(body) + size(item) + size(tail) + noteBytes;
    if (count > SLACK_LIMITS.blocks || bytes > SLACK_LIMITS.blocksBudget) break;
    body.push(...item);
    shown += 1;
  }
  const hidden = items.length - shown;
  const note = hidden > 0 ? context([[`${hidden} more not shown: they do not fit in one Slack message.`]]) : null;
  const blocks = [...head, ...body, ...present([note]), ...tail];
  numberLinkButtons(blocks);
  return { text: truncate(layout.text, SLACK_LIMITS.fallbackText) || PRODUCT_NAME, blocks };
}

/** Escaped fallback text from plain pieces. */
function fallback(...pieces: string[]): string {
  return escapeMrkdwn(collapse(pieces.filter(Boolean).join(' ')));
}

// ---------------------------------------------------------------------------------------------------
// Papers

function paperButtons(paper: Pick<PaperRef, 'links'>): ButtonSpec[] {
  const { links } = paper;
  const specs: ButtonSpec[] = [];
  if (links.arxiv) specs.push({ label: 'arXiv', url: links.arxiv });
  if (links.pdf) specs.push({ label: 'PDF', url: links.pdf });
  if (links.code) specs.push({ label: 'Code', url: links.code });
  if (links.huggingface) specs.push({ label: 'Hugging Face', url: links.huggingface });
  if (links.project) specs.push({ label: 'Project page', url: links.project });
  if (!links.arxiv && links.arxivSearch) specs.push({ label: 'Find on arXiv', url: links.arxivSearch });
  return specs;
}

function paperMeta(paper: PaperRef, extra: string[] = []): string {
  const bits = [formatAuthors(paper.authors), paper.published ?? ''];
  if (paper.upvotes !== undefined) bits.push(`▲ ${paper.upvotes} upvotes`);
  return [...bits, ...extra].filter(Boolean).join(' · ');
}

function titleLine(paper: PaperRef, n?: number): Inline {
  return { link: paper.url, label: n === undefined ? paper.title : `${n}. ${paper.title}`, bold: true };
}

/** A paper in a list: linked title with its text, a context line, link buttons. */
function paperItem(paper: PaperRef, n: number, body: readonly Inline[], extra: string[] = []): Array<SlackBlock | null> {
  return [
    section([titleLine(paper, n), ...(body.length > 0 ? ['\n', ...body] : [])]),
    context([[paperMeta(paper, extra)]]),
    actions(paperButtons(paper)),
  ];
}

function numberedTitles(papers: ReadonlyArray<Pick<PaperRef, 'title'>>, start = 1): string {
  return papers.map((p, i) => `${start + i}. ${p.title}`).join('; ');
}

export interface RenderOptions {
  /** `core.stats().version`: stamped on "More results" so a button from an older corpus is recognised. */
  version?: string;
  /** The filters of the search being rendered, carried by "More results". */
  filters?: Pick<PageRequest, 'since' | 'until' | 'author'>;
}

export function renderSearch(result: SearchResult, options: RenderOptions = {}): SlackMessage {
  const { query, total, offset, results } = result;
  const head = [header(`Search: ${query}`)];
  if (results.length === 0) {
    const none = offset > 0 && total > 0 ? `No more results for “${query}” (${total} in all).` : `No papers match “${query}”.`;
    return assemble({ text: fallback(none), head: [...head, section([none, ' Try fewer or different words.'])] });
  }
  const from = offset + 1;
  const to = offset + results.length;
  const items = results.map((hit, i) => paperItem(hit, from + i, highlighted(collapse(hit.snippet), hit.highlights)));
  const next = to < total && options.version !== undefined;
  const more: ButtonSpec | null = next
    ? {
        label: 'More results',
        actionId: MORE_RESULTS_ACTION,
        value: encodePage({ version: options.version ?? '', query, offset: to, limit: result.limit, ...options.filters }),
      }
    : null;
  const tail = [context([[`Results ${from}–${to} of ${total}`]]), more ? actions([more]) : null];
  return assemble({
    text: fallback(`Search results for “${query}” (${from}–${to} of ${total}):`, numberedTitles(results, from)),
    head,
    items,
    tail,
  });
}

/** Says how the answer was made: quoted, or written by a model and checked. */
function answerProvenance(result: AskResult): string {
  if (result.kind !== 'synthesised') return 'Quoted from the paper abstracts; [n] points to the source.';
  const model = truncate(collapse(result.model ?? 'a language model'), 100);
  return `Written by ${model} from the paper abstracts; each sentence was checked against the sources it cites [n].`;
}

export function renderAnswer(result: AskResult): SlackMessage {
  const head = [header(result.question)];
  if (!result.found) {
    const items = result.nearest.map((paper, i) => paperItem(paper, i + 1, []));
    return assemble({
      text: fallback(result.answer, result.nearest.length > 0 ? `Nearest papers: ${numberedTitles(result.nearest)}` : ''),
      head: [...head, section([result.answer]), result.nearest.length > 0 ? section([{ bold: 'Nearest papers' }]) : null],
      items,
    });
  }
  // A list answer is one paper per line; any other answer reads as one paragraph. Model text is
  // escaped like any paper text: no markup, link or mention of its own survives.
  const answer: Inline[] =
    result.sentences.length === 0
      ? [result.answer]
      : result.answerType === 'list'
        ? result.sentences.flatMap((s, i) => [i === 0 ? '• ' : '\n• ', s.text, ` [${s.citations.join(', ')}]`])
        : result.sentences.flatMap((s) => [s.text, ` [${s.citations.join(', ')}] `]);
  const sources: Inline[] = [{ bold: 'Sources' }];
  for (const citation of result.citations) sources.push(`\n[${citation.n}] `, { link: citation.url, label: citation.title });
  return assemble({
    text: fallback(result.answer),
    head: [...head, section(answer), section(sources), context([[answerProvenance(result)]])],
  });
}

export function renderPaper(result: ShowResult, note?: string): SlackMessage {
  const { paper } = result;
  if (!paper) {
    const lines: Inline[] = [`No paper matches “${result.query}”.`];
    if (result.suggestions.length > 0) {
      lines.push('\nDid you mean:');
      for (const s of result.suggestions) lines.push('\n• ', s.title, ' — ', { code: `show ${s.id}` });
    }
    return assemble({ text: fallback(`No paper matches “${result.query}”.`), head: [section(lines)] });
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

function optionLine(option: HelpEntry['options'][number]): Inline[] {
  const name = option.positional ? `<${option.name}>` : `--${option.name}`;
  const bounds: string[] = [];
  if (option.minValue !== undefined && option.maxValue !== undefined) bounds.push(`${option.minValue}–${option.maxValue}`);
  if (option.format) bounds.push(option.format);
  if (option.defaultValue !== undefined) bounds.push(`default ${option.defaultValue}`);
  return ['\n• ', { code: name }, ` ${option.description}${bounds.length > 0 ? ` (${bounds.join(', ')})` : ''}`];
}

export function renderHelp(commands: readonly HelpEntry[]): SlackMessage {
  const detailed = commands.length === 1;
  const items = commands.map((c) => [
    section([
      { bold: c.name },
      ` — ${c.description}\n`,
      { code: `${SLASH_COMMAND} ${c.usage}` },
      '\nExample: ',
      { code: `@${PRODUCT_NAME} ${c.example}` },
      ...(detailed ? c.options.flatMap(optionLine) : []),
    ]),
  ]);
  return assemble({
    text: fallback(`${PRODUCT_NAME} commands:`, commands.map((c) => c.name).join(', ')),
    head: [
      header(detailed ? `Help: ${commands[0]?.name ?? ''}` : `${PRODUCT_NAME} commands`),
      context([
        [
          `Mention me (@${PRODUCT_NAME} <command> …) and I answer in the thread, message me directly, or type ${SLASH_COMMAND} <command> …. Anything that is not a command is a question.`,
        ],
      ]),
    ],
    items,
  });
}

function channelRef(channelId: string): Inline {
  // A channel reference the bot builds itself from a Slack id; anything else is shown as text.
  return /^[CGD][A-Z0-9]{2,}$/.test(channelId) ? { code: channelId } : channelId;
}

export function renderSubscriptions(subscriptions: readonly SubscriptionView[]): SlackMessage {
  if (subscriptions.length === 0) {
    return assemble({ text: fallback('No daily highlights are set up here.'), head: [section(['No daily highlights are set up here.'])] });
  }
  const items = subscriptions.map((s) => [
    section([
      channelRef(s.channelId),
      `: ${s.count} papers every day at ${s.time} (${s.timezone})`,
      s.topic ? `, topic “${s.topic}”` : '',
      s.nextPostLocal ? `\nNext post: ${s.nextPostLocal}` : '',
      s.pausedReason ? `\nPaused: ${s.pausedReason}` : '',
      s.origin === 'config' ? '\nSet in the configuration.' : '',
    ]),
  ]);
  return assemble({
    text: fallback(`${subscriptions.length} daily highlights subscription(s).`),
    head: [header('Daily highlights')],
    items,
  });
}

export function renderNotice(message: string): SlackMessage {
  return assemble({ text: fallback(message), head: [section([message])] });
}

export function renderResult(result: CommandResult, options: RenderOptions = {}): SlackMessage {
  switch (result.kind) {
    case 'search':
      return renderSearch(result.result, options);
    case 'answer':
      return renderAnswer(result.result);
    case 'paper':
      return renderPaper(result.result);
    case 'similar':
      return renderSimilar(result.result);
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
      return renderPaper({ query: change.paper.id, paper: change.paper, suggestions: [] }, change.message);
    }
  }
}

/** A user-facing error: what went wrong and what to try. Internal details stay in the log. */
export function renderError(error: PaperbotError): SlackMessage {
  const command = typeof error.details?.command === 'string' ? error.details.command : undefined;
  let parts: Inline[];
  switch (error.code) {
    case 'bad_option':
    case 'unknown_command':
      parts = [`⚠️ ${error.message}`, ...(command ? ['\nSee ', { code: `${SLASH_COMMAND} help ${command}` }] : [])];
      break;
    case 'internal':
      parts = ['⚠️ Something went wrong on my side while answering. It has been logged; please try again in a moment.'];
      break;
    default:
      parts = [`⚠️ ${error.message}`];
  }
  const plain = error.code === 'internal' ? 'Something went wrong on my side while answering.' : error.message;
  return assemble({ text: fallback(plain), head: [section(parts)] });
}
