/**
 * Discord's limits and every rule for text the adapter sends: cleaning, markdown escaping, cutting
 * on word boundaries. Each result kind's renderer builds from these, so no limit or escape is
 * written twice.
 */
import type { Span } from '../../../src/results.js';
import { codePointStart } from '../../../src/text/unicode.js';

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
/** How far back a word boundary may be (a quarter of the text, or 16 characters) before a cut goes mid-word. */
const WORD_CUT_SLACK = 0.25;
const WORD_CUT_MIN_SLACK = 16;

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

export function isUsableUrl(url: string | undefined, max = Number.POSITIVE_INFINITY): url is string {
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
export function link(title: string, url: string | undefined, max: number): string {
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
