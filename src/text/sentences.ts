/**
 * Splits abstracts into sentences without breaking at "e.g.", "et al.", "Fig. 3", decimals or
 * initials, so answers and summaries quote whole sentences.
 */
export interface Sentence {
  text: string;
  start: number;
  end: number;
}

const ABBREVIATIONS = new Set([
  'e.g', 'i.e', 'et al', 'al', 'fig', 'figs', 'eq', 'eqs', 'sec', 'vs', 'approx', 'resp', 'cf', 'etc', 'no', 'ref', 'refs', 'dr', 'mr', 'ms', 'prof', 'inc', 'st',
]);

// A candidate boundary: terminal punctuation (maybe closed by a quote or bracket), whitespace, then an
// uppercase letter, digit, quote or bracket.
const BOUNDARY_RE = /([.!?])["'”’)\]]?\s+(?=["'“‘(\[]?[\p{Lu}\p{N}])/gu;

function endsWithAbbreviation(text: string): boolean {
  const tail = /(\b[\p{L}.]+(?: al)?)$/u.exec(text.slice(-12))?.[1]?.toLowerCase().replace(/\.$/, '');
  if (!tail) return false;
  if (ABBREVIATIONS.has(tail)) return true;
  // A single initial ("J. Smith") is not a sentence end.
  return /^\p{L}$/u.test(tail);
}

export function splitSentences(text: string): Sentence[] {
  const sentences: Sentence[] = [];
  let start = 0;
  for (const match of text.matchAll(BOUNDARY_RE)) {
    const punctuationEnd = match.index + match[0].trimEnd().length;
    const candidate = text.slice(start, match.index);
    if (match[1] === '.' && endsWithAbbreviation(candidate)) continue;
    push(sentences, text, start, punctuationEnd);
    start = match.index + match[0].length;
  }
  push(sentences, text, start, text.length);
  return sentences;
}

function push(sentences: Sentence[], text: string, start: number, end: number): void {
  const raw = text.slice(start, end);
  const trimmedStart = start + (raw.length - raw.trimStart().length);
  const trimmedEnd = end - (raw.length - raw.trimEnd().length);
  if (trimmedEnd > trimmedStart) {
    sentences.push({ text: text.slice(trimmedStart, trimmedEnd), start: trimmedStart, end: trimmedEnd });
  }
}

/** Cuts `text` to at most `max` characters on a word boundary, adding "…" when it cut. */
export function truncateWords(text: string, max: number): string {
  if (text.length <= max) return text;
  const room = text.slice(0, Math.max(0, max - 1));
  const lastSpace = room.lastIndexOf(' ');
  const cut = lastSpace > max * 0.5 ? room.slice(0, lastSpace) : room;
  return `${cut.replace(/[\s,;:.\-–—(]+$/u, '')}…`;
}
