/**
 * How the checker reads a text: its words and figures in order (slots), which words are names, and
 * the cited passages as one source to compare a sentence with (their words, figures, sentences and
 * the words around each word).
 */
import { analyze } from '../../text/analyzer.js';
import { splitSentences } from '../../text/sentences.js';
import type { Passage, Passages } from '../passages.js';

const GREEK: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ', kappa: 'κ', lambda: 'λ',
  mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
};

/** Abstracts keep some LaTeX (`$\beta$-DQN`, `\textbf{X}`); compared as the reader sees them (β-DQN, X). */
export function readable(text: string): string {
  return text
    .replace(/\\(?:textbf|textit|emph|mathrm|texttt|mathbf)\{([^{}]*)\}/g, '$1')
    .replace(/\\([a-z]+)/gi, (m, name: string) => GREEK[name.toLowerCase()] ?? m)
    .replace(/\$/g, '');
}

/** Words with inner hyphens, apostrophes, slashes, carets (R^2), and decimal or thousands separators between digits. */
const WORD_RE = /[\p{L}\p{N}]+(?:(?:[-‐‑'’/^]|[.,](?=\p{N}))[\p{L}\p{N}]+)*%?/gu;

const NUMBER_WORDS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100,
  single: 1, twice: 2, double: 2, triple: 3, dozen: 12,
};

/** The number a compound starts with: "three-stage" → 3, "fivefold" → 5. */
function numberCompound(word: string): number | undefined {
  const match = /^(\p{Ll}+)(?:-\p{Ll}+|fold)$/u.exec(word);
  return match ? NUMBER_WORDS[match[1]!] : undefined;
}

const SCALE_WORDS: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
const UNIT_SCALE: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, t: 1e12 };

/** Words a model opens or links sentences with that say nothing about the papers. */
export const FRAMING = new Set(
  [
    'paper', 'papers', 'author', 'authors', 'researcher', 'work', 'study', 'studies', 'passage', 'passages', 'abstract',
    'propose', 'proposes', 'proposed', 'present', 'presents', 'introduce', 'introduces', 'describe', 'describes', 'report',
    'reports', 'show', 'shows', 'according', 'whereas', 'unlike', 'instead', 'overall', 'specifically', 'however', 'thus',
    'therefore', 'respectively', 'called', 'named', 'known', 'use', 'uses', 'using', 'used', 'new', 'approach', 'method',
  ].flatMap((w) => analyze(w)),
);

/** One word of a text: its index term when it has one, and the values it states when it is a number. */
export interface Slot {
  word: string;
  term?: string;
  /** The word's index terms, parts included ("3-4times" → 34times, time): what a number there counts. */
  parts: string[];
  /** Values the word states; a scaled mention ("3.5 million") states the scaled value. */
  values: number[];
  /** The same, plus the bare figure of a scaled mention: what a passage may be quoted for. */
  loose: number[];
  /** Digits inside a name ("GPT-4", "3DGS"): not numbers, unless written after the name's first part. */
  inName: number[];
  /** A range ("50-70%", "3-4times"): its ends are not figures of their own. */
  range: boolean;
  /** Punctuation right after the word: a clause or sentence ends there. */
  pause?: 'clause' | 'sentence';
}

function parseNumber(digits: string): number {
  return Number(digits.replace(/,/g, ''));
}

/** The index term of a word; words joined by "/" or "^" ("1/10th-scale", "R^2") stay whole. */
function termOf(word: string): string | undefined {
  if (/[/^]/.test(word)) return word.toLowerCase().replace(/[^\p{L}\p{N}]/gu, '') || undefined;
  return analyze(word)[0];
}

function pauseAfter(text: string, end: number): Slot['pause'] {
  const next = /^\s*([.;!?]|[,:()\[\]–—])/.exec(text.slice(end, end + 3))?.[1];
  if (!next) return undefined;
  return /[.;!?]/.test(next) ? 'sentence' : 'clause';
}

export function slotsOf(text: string): Slot[] {
  const matches = [...text.matchAll(WORD_RE)];
  const words = matches.map((m) => m[0]);
  const slots: Slot[] = [];
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    const start = i;
    const lower = word.toLowerCase();
    const scale = SCALE_WORDS[words[i + 1]?.toLowerCase() ?? ''];
    const unit = /^(\d+(?:\.\d+)?)([kmbt])$/i.exec(word);
    let values: number[] = [];
    let loose: number[] = [];
    let inName: number[] = [];
    let range = false;
    if (unit) {
      const figure = parseNumber(unit[1]!);
      values = [figure * UNIT_SCALE[unit[2]!.toLowerCase()]!];
      loose = [figure];
    } else if (/^\d+(?:[.,]\d+)*%?$/.test(word) || NUMBER_WORDS[lower] !== undefined) {
      const figure = NUMBER_WORDS[lower] ?? parseNumber(word.replace('%', ''));
      values = [scale ? figure * scale : figure];
      loose = scale ? [figure] : [];
      if (scale) i++;
    } else if (SCALE_WORDS[lower] !== undefined) {
      // "a million data points"
      values = [SCALE_WORDS[lower]!];
    } else if (/^[\d.,%x×-]+$/i.test(word) && /\d/.test(word) || /^\d[\d.,%-]*-?\p{Ll}+(?:-\p{Ll}+)*$/u.test(word) || /^\d+D$/.test(word)) {
      // Ranges, ratios and figures with a unit ("2-3", "4.3x", "3-4times", "512-resolution", "3D"): each figure.
      values = (word.match(/\d+(?:[.,]\d+)*/g) ?? []).map(parseNumber);
      range = /\d\s*[-–]\s*\d/.test(word);
    } else if (numberCompound(lower) !== undefined) {
      // "three-stage", "fivefold": the number word counts the rest.
      values = [numberCompound(lower)!];
    } else if (/\d/.test(word)) {
      inName = (word.match(/\d+(?:\.\d+)?/g) ?? []).map(parseNumber);
    }
    const unitWord = values.length > 0 ? word.replace(/^(?:[\d.,%x×-]+|\p{Ll}+-)/u, '') : '';
    const parts = [...analyze(word), ...(unitWord ? analyze(unitWord) : [])];
    const term = values.length > 0 ? undefined : termOf(word);
    const last = matches[i]!;
    const pause = pauseAfter(text, last.index + last[0].length);
    const written = i === start ? word : `${word} ${words[i]}`;
    slots.push({ word: written, ...(term !== undefined ? { term } : {}), parts, values, loose: [...values, ...loose], inName, range, ...(pause ? { pause } : {}) });
  }
  return slots;
}

/** A name: inner capitals or digits with letters ("ImageNet", "PRDC", "GPT-4", "LLMs"). */
function isNameLike(word: string): boolean {
  return /\p{L}/u.test(word) && (/\p{N}/u.test(word) || /^.+\p{Lu}/u.test(word.replace(/['’]s$/, '')));
}

function isCapitalised(word: string): boolean {
  return /^\p{Lu}[\p{Ll}'’-]+$/u.test(word);
}

/** Slot `i` writes a name: a word, not a figure, that looks like a name or is capitalised inside the sentence. */
export function isNameSlot(slots: readonly Slot[], i: number): boolean {
  const slot = slots[i]!;
  return slot.term !== undefined && slot.values.length === 0 && (isNameLike(slot.word) || (i > 0 && isCapitalised(slot.word)));
}

/** Content terms of the `reach` content words on each side of slot `at`. */
export function neighbours(slots: readonly Slot[], at: number, reach: number): string[] {
  const out: string[] = [];
  for (const step of [-1, 1]) {
    let found = 0;
    for (let i = at + step; i >= 0 && i < slots.length && found < reach; i += step) {
      const term = slots[i]!.term;
      if (term === undefined || FRAMING.has(term)) continue;
      out.push(term);
      found++;
    }
  }
  return out;
}

export interface SourceSentence {
  text: string;
  terms: Set<string>;
  slots: Slot[];
}

export interface Source {
  text: string;
  terms: Set<string>;
  slots: Slot[];
  /** Figures stated on their own. */
  values: Set<number>;
  /** Ends of ranges. */
  rangeEnds: Set<number>;
  /** The cited passages' sentences, for negation, direction and comparison checks. */
  sentences: SourceSentence[];
  /** Terms of the whole cited papers: where names must be found. */
  paperTerms: Set<string>;
  /** The cited passages' words with their neighbours, for lining up opposites. */
  placed: Placed[];
}

export function sourceOf(cited: readonly Passage[], evidence: Passages): Source {
  const text = readable(cited.map((p) => `${p.title}.\n${p.text}`).join('\n'));
  const papers = [...new Set(cited.map((p) => p.paperId))].map((id) => readable(evidence.papers.get(id) ?? ''));
  const slots = slotsOf(text);
  const terms = new Set(analyze(text));
  const passages = cited.map((p) => readable(p.text));
  const slotTerms = (list: readonly Slot[]) => list.flatMap((s) => (s.term ? [s.term] : []));
  return {
    text,
    terms,
    slots,
    values: new Set(slots.filter((s) => !s.range).flatMap((s) => s.loose)),
    rangeEnds: new Set(slots.filter((s) => s.range).flatMap((s) => s.loose)),
    sentences: passages.flatMap((passage) => splitSentences(passage).map((s) => ({ text: s.text, terms: new Set(analyze(s.text)), slots: slotsOf(s.text) }))),
    paperTerms: new Set([...terms, ...slotTerms(slots), ...papers.flatMap((paper) => slotTerms(slotsOf(paper)))]),
    placed: passages.flatMap(placedWords),
  };
}

export function closestSentence(terms: Set<string>, source: Source): SourceSentence | undefined {
  let best: SourceSentence | undefined;
  let bestScore = 0;
  for (const sentence of source.sentences) {
    let shared = 0;
    for (const term of terms) if (sentence.terms.has(term)) shared++;
    const score = shared / Math.max(1, Math.min(terms.size, sentence.terms.size));
    if (score > bestScore) {
      bestScore = score;
      best = sentence;
    }
  }
  return bestScore >= 0.5 ? best : undefined;
}

/** A word of a text with the content terms right before and after it, for lining words up with the passages. */
export interface Placed {
  word: string;
  term: string | undefined;
  before: string | undefined;
  after: string | undefined;
}

/** Words in order, hyphenated ones split ("well-suited" → well, suited), each with its neighbouring content terms within the clause. */
export function placedWords(text: string): Placed[] {
  const out: Placed[] = [];
  for (const clause of text.split(/[,;:.()]\s|\s[–—]\s/)) {
    const words = (clause.match(/\p{L}+/gu) ?? []).map((w) => w.toLowerCase());
    const terms = words.map((w) => {
      const term = analyze(w)[0];
      return term !== undefined && !FRAMING.has(term) ? term : undefined;
    });
    words.forEach((word, i) => {
      const before = terms.slice(0, i).filter(Boolean).at(-1);
      const after = terms.slice(i + 1).find(Boolean);
      out.push({ word, term: terms[i], before, after });
    });
  }
  return out;
}
