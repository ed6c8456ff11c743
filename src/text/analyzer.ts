/**
 * Turns text into index terms. The same analysis runs when indexing and when querying, so the two
 * always agree. Acronyms and hyphenated names survive: "NeoRL-2" gives `neorl2` (the whole name,
 * hyphen dropped, so "NeoRL2" matches too) and its part `neorl`; "RT-H" gives `rth` and `rt`.
 */
import { stemmer } from 'stemmer';
import { eng } from 'stopword';

export interface Token {
  /** The index term. */
  term: string;
  /** Offsets of the source word in the analysed text: [start, end). */
  start: number;
  end: number;
}

const STOPWORDS = new Set([...eng, 'does', 'doe', 'also', 'et', 'al', 'eg', 'ie', 'vs', 'via']);

// A word: letters/digits, joined by inner hyphens, apostrophes, or a dot between digits ("3.5", "GPT-4.5").
const WORD_RE = /[\p{L}\p{N}]+(?:(?:[-‐‑'’]|\.(?=\p{N}))[\p{L}\p{N}]+)*/gu;
const SPLIT_RE = /[-‐‑]/;
const POSSESSIVE_RE = /['’]s?$/;
const HAS_DIGIT_RE = /\p{N}/u;
const ACRONYM_RE = /^\p{Lu}[\p{Lu}\p{N}]+$/u;

/**
 * Irregular verb forms the stemmer leaves apart from their verb ("built" and "building", "chosen"
 * and "choose"): "what is Dolphins built on?" must meet "Building upon OpenFlamingo". Forms that are
 * also common nouns or adjectives in papers ("bound", "left", "found", "lit") are left alone.
 */
const IRREGULAR = new Map(
  Object.entries({
    built: 'build', made: 'make', ran: 'run', brought: 'bring', taught: 'teach', thought: 'think', wrote: 'write', written: 'write',
    chose: 'choose', chosen: 'choose', drew: 'draw', drawn: 'draw', grew: 'grow', grown: 'grow', held: 'hold', kept: 'keep',
    lost: 'lose', meant: 'mean', paid: 'pay', said: 'say', sold: 'sell', sent: 'send', shown: 'show', spent: 'spend',
    stood: 'stand', told: 'tell', took: 'take', taken: 'take', understood: 'understand', gave: 'give', given: 'give',
    got: 'get', gotten: 'get', began: 'begin', begun: 'begin', knew: 'know', known: 'know', saw: 'see', seen: 'see',
    sought: 'seek', spoke: 'speak', spoken: 'speak', threw: 'throw', thrown: 'throw', went: 'go', gone: 'go', caught: 'catch',
    dealt: 'deal', fled: 'flee', flew: 'fly', flown: 'fly', froze: 'freeze', frozen: 'freeze', shook: 'shake', fought: 'fight',
    won: 'win', became: 'become', bought: 'buy', forgot: 'forget', forgotten: 'forget',
    overcame: 'overcome', undertook: 'undertake', undertaken: 'undertake', withdrew: 'withdraw', rewritten: 'rewrite', rewrote: 'rewrite',
  }),
);

const stemCache = new Map<string, string>();
const STEM_CACHE_LIMIT = 500_000;

function stem(word: string): string {
  let result = stemCache.get(word);
  if (result === undefined) {
    result = stemmer(word);
    if (stemCache.size >= STEM_CACHE_LIMIT) stemCache.clear();
    stemCache.set(word, result);
  }
  return result;
}

/** One word to its term, or null when it is a stopword or noise. Acronyms are never dropped nor stemmed. */
function wordTerm(raw: string): string | null {
  const word = raw.replace(POSSESSIVE_RE, '');
  if (word.length === 0) return null;
  const lower = word.toLowerCase();
  if (ACRONYM_RE.test(word)) return lower;
  if (STOPWORDS.has(lower)) return null;
  if (lower.length === 1 && !HAS_DIGIT_RE.test(lower)) return null;
  if (HAS_DIGIT_RE.test(lower) || lower.length <= 3) return IRREGULAR.get(lower) ?? lower;
  return stem(IRREGULAR.get(lower) ?? lower);
}

function normalizeText(text: string): string {
  // NFKC folds ligatures and full-width forms; accents are kept apart so "Schölkopf" matches "Scholkopf".
  return text.normalize('NFKC');
}

function foldAccents(term: string): string {
  return /[^\u0000-\u007f]/.test(term) ? term.normalize('NFD').replace(/\p{M}/gu, '') : term;
}

/** Every term of `text`, with the offsets of the word it came from. */
export function tokenize(text: string): Token[] {
  const source = normalizeText(text);
  const tokens: Token[] = [];
  for (const match of source.matchAll(WORD_RE)) {
    const raw = match[0];
    const start = match.index;
    const end = start + raw.length;
    if (SPLIT_RE.test(raw)) {
      const parts = raw.split(SPLIT_RE);
      const joined = parts.join('').replace(POSSESSIVE_RE, '').toLowerCase();
      tokens.push({ term: foldAccents(joined), start, end });
      for (const part of parts) {
        const term = wordTerm(part);
        if (term !== null && term !== joined && (term.length > 1 || HAS_DIGIT_RE.test(term))) {
          tokens.push({ term: foldAccents(term), start, end });
        }
      }
    } else {
      const term = wordTerm(raw);
      if (term !== null) tokens.push({ term: foldAccents(term), start, end });
    }
  }
  return tokens;
}

/** The terms of `text`, in order (duplicates kept). */
export function analyze(text: string): string[] {
  return tokenize(text).map((token) => token.term);
}

/** Author names are matched as written (lowercased, accents folded), never stemmed. */
export function analyzeName(name: string): string[] {
  const terms: string[] = [];
  for (const match of normalizeText(name).matchAll(WORD_RE)) {
    for (const part of match[0].split(SPLIT_RE)) {
      const term = foldAccents(part.toLowerCase());
      if (term.length > 1) terms.push(term);
    }
  }
  return terms;
}

/** Lowercase, accents folded, only letters and digits: for comparing titles and names. */
export function normalizeKey(text: string): string {
  return foldAccents(normalizeText(text).toLowerCase()).replace(/[^\p{L}\p{N}]+/gu, '');
}

export function isStopword(word: string): boolean {
  return STOPWORDS.has(word.toLowerCase());
}
