/**
 * Slack's limits and every rule for text paperbot posts there: mrkdwn escaping, word-boundary
 * truncation, the inline pieces a text is built from. Each result kind's renderer builds on these.
 *
 * Escaping rule: every piece of paper or user text goes through `escapeMrkdwn` (`&`, `<`, `>`), so no
 * title, abstract or echoed query can form `<!channel>`, `<@U…>` or a `<url|label>` link. The only live
 * links are those built from URLs the core produced.
 */
import type { Span } from '../../../src/results.js';

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

// ---------------------------------------------------------------------------------------------------
// Text

export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

export function collapse(text: string): string {
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
