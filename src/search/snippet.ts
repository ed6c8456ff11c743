/** A short window of an abstract around the matched terms, with the match positions for bolding. */
import type { Span } from '../results.js';
import { tokenize } from '../text/analyzer.js';

export const SNIPPET_LENGTH = 240;
const ELLIPSIS = '…';

export interface Snippet {
  snippet: string;
  highlights: Span[];
}

function wordStart(text: string, index: number): number {
  let i = index;
  while (i > 0 && !/\s/.test(text[i - 1]!)) i--;
  return i;
}

function wordEnd(text: string, index: number): number {
  let i = index;
  while (i < text.length && !/\s/.test(text[i]!)) i++;
  return i;
}

export function makeSnippet(text: string, terms: ReadonlySet<string>, maxLength = SNIPPET_LENGTH): Snippet {
  const matches = tokenize(text).filter((t) => terms.has(t.term));
  let start = 0;
  if (matches.length > 0) {
    // The window that covers the most distinct matched terms; the earliest on a tie.
    let best = -1;
    for (const anchor of matches) {
      const seen = new Set<string>();
      for (const m of matches) if (m.start >= anchor.start && m.end <= anchor.start + maxLength) seen.add(m.term);
      if (seen.size > best) {
        best = seen.size;
        start = anchor.start;
      }
    }
    // Give the first match some context, preferring to start at its sentence.
    const previousStop = text.lastIndexOf('. ', start);
    const sentenceStart = previousStop < 0 ? 0 : previousStop + 2;
    start = start - sentenceStart <= maxLength / 3 ? sentenceStart : wordStart(text, Math.max(0, start - 40));
  }
  if (text.length - start < maxLength) start = wordStart(text, Math.max(0, text.length - maxLength));
  let end = Math.min(text.length, start + maxLength);
  if (end < text.length) {
    end = wordEnd(text, end) > start + maxLength ? wordStart(text, end) : wordEnd(text, end);
    while (end > start && /[\s,;:(]/.test(text[end - 1]!)) end--;
  }
  const prefix = start > 0 ? ELLIPSIS : '';
  const suffix = end < text.length ? ELLIPSIS : '';
  const snippet = `${prefix}${text.slice(start, end)}${suffix}`;
  const highlights: Span[] = [];
  for (const m of matches) {
    if (m.start < start || m.end > end) continue;
    const span = { start: m.start - start + prefix.length, end: m.end - start + prefix.length };
    const last = highlights.at(-1);
    if (!last || span.start >= last.end) highlights.push(span);
  }
  return { snippet, highlights };
}
