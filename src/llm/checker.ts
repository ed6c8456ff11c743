/**
 * The mechanical check every model sentence passes before anyone sees it. A sentence is kept only
 * when it cites passages it was given and carries no link or mention; every number in it is in the
 * passages it cites, on its own, said there of the same things and counting the same thing; every
 * name and acronym in it is in the papers it cites; most of its content words are in those passages;
 * and it neither negates what its closest source sentence states (nor the reverse), flips a direction
 * or opposite word ("increases" for "decreases", "stable" for "unstable") nor swaps the two sides of
 * a comparison.
 *
 * What this cannot see: a sentence made of the passage's own words that still misreads it ("retains
 * more context when confident" for "when uncertain"). That is why every kept sentence shows its
 * citations.
 */
import { analyze } from '../text/analyzer.js';
import { splitSentences } from '../text/sentences.js';
import type { Passages, Passage } from './passages.js';
import type { DraftSentence } from './prompt.js';

export type DropReason =
  | 'uncited'
  | 'unknown_passage'
  | 'markup'
  | 'too_long'
  | 'number'
  | 'name'
  | 'overlap'
  | 'negation'
  | 'direction'
  | 'swap';

export interface Verdict {
  /** The sentence as it would be shown: emphasis markers and control characters removed. */
  text: string;
  passages: number[];
  kept: boolean;
  reasons: DropReason[];
  /** What failed, for the log: the number, the name, the overlap. */
  details: string[];
}

export interface CheckOptions {
  /** Share of the sentence's content words that must be in the passages it cites. */
  minOverlap: number;
  /** Share of the words around a number that must also be around it in the passages. */
  minNumberContext: number;
  maxLength: number;
}

export const CHECK_DEFAULTS: CheckOptions = { minOverlap: 0.6, minNumberContext: 0.5, maxLength: 400 };

// ---- Text clean-up ----------------------------------------------------------------------------------

/** A link, a markdown link, an @mention or a platform mention/channel token: never shown, never kept. */
const FORBIDDEN = [
  /\bhttps?:\/\//i,
  /\bwww\.[a-z0-9-]+\.[a-z]/i,
  /\]\s*\(/,
  /<[@#!][^>]*>/,
  /(^|[^\p{L}\p{N}])@[\p{L}\p{N}_]/u,
];

/** Control and bidi-override characters: no sentence needs them, and they can disguise text in a terminal or chat. */
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u202a-\u202e\u2066-\u2069]/g;

/** Emphasis, code and heading markers models add out of habit: removed, the words kept. */
function stripEmphasis(text: string): string {
  return text
    .replace(CONTROL, ' ')
    .replace(/(\*\*|__)(?=\S)([\s\S]*?\S)\1/g, '$2')
    .replace(/(^|[^\p{L}\p{N}])([*_~])(?=\S)([^*_~]*?\S)\2(?=$|[^\p{L}\p{N}])/gu, '$1$3')
    .replace(/`+/g, '')
    .replace(/^\s*(?:[#>]+|[-*•]\s|\d+[.)]\s)\s*/, '')
    .replace(/\s+/g, ' ')
    .trim();
}

const GREEK: Record<string, string> = {
  alpha: 'α', beta: 'β', gamma: 'γ', delta: 'δ', epsilon: 'ε', zeta: 'ζ', eta: 'η', theta: 'θ', kappa: 'κ', lambda: 'λ',
  mu: 'μ', nu: 'ν', xi: 'ξ', pi: 'π', rho: 'ρ', sigma: 'σ', tau: 'τ', phi: 'φ', chi: 'χ', psi: 'ψ', omega: 'ω',
};

/** Abstracts keep some LaTeX (`$\beta$-DQN`, `\textbf{X}`); compared as the reader sees them (β-DQN, X). */
function readable(text: string): string {
  return text
    .replace(/\\(?:textbf|textit|emph|mathrm|texttt|mathbf)\{([^{}]*)\}/g, '$1')
    .replace(/\\([a-z]+)/gi, (m, name: string) => GREEK[name.toLowerCase()] ?? m)
    .replace(/\$/g, '');
}

// ---- Words ------------------------------------------------------------------------------------------

/** Words with inner hyphens, apostrophes, slashes, carets (R^2), and decimal or thousands separators between digits. */
const WORD_RE = /[\p{L}\p{N}]+(?:(?:[-‐‑'’/^]|[.,](?=\p{N}))[\p{L}\p{N}]+)*%?/gu;

const NUMBER_WORDS: Record<string, number> = {
  two: 2, three: 3, four: 4, five: 5, six: 6, seven: 7, eight: 8, nine: 9, ten: 10, eleven: 11, twelve: 12,
  thirteen: 13, fourteen: 14, fifteen: 15, sixteen: 16, seventeen: 17, eighteen: 18, nineteen: 19,
  twenty: 20, thirty: 30, forty: 40, fifty: 50, sixty: 60, seventy: 70, eighty: 80, ninety: 90, hundred: 100,
  single: 1, twice: 2, double: 2, triple: 3, dozen: 12,
};
const SCALE_WORDS: Record<string, number> = { thousand: 1e3, million: 1e6, billion: 1e9, trillion: 1e12 };
const UNIT_SCALE: Record<string, number> = { k: 1e3, m: 1e6, b: 1e9, t: 1e12 };

/** Words a model opens or links sentences with that say nothing about the papers. */
const FRAMING = new Set(
  [
    'paper', 'papers', 'author', 'authors', 'researcher', 'work', 'study', 'studies', 'passage', 'passages', 'abstract',
    'propose', 'proposes', 'proposed', 'present', 'presents', 'introduce', 'introduces', 'describe', 'describes', 'report',
    'reports', 'show', 'shows', 'according', 'whereas', 'unlike', 'instead', 'overall', 'specifically', 'however', 'thus',
    'therefore', 'respectively', 'called', 'named', 'known', 'use', 'uses', 'using', 'used', 'new', 'approach', 'method',
  ].flatMap((w) => analyze(w)),
);

const NEGATION_RE = /\b(?:not|no|never|cannot|none|neither|nor|without|unable|fail(?:s|ed|ing)? to|lack(?:s|ed|ing)?)\b|n['’]t\b/gi;

/** Direction words and their opposites: one said for the other reverses the claim. */
const OPPOSITES: ReadonlyArray<readonly [RegExp, RegExp]> = [
  [/^(?:increas\w*|ris(?:e|es|ing|en)|rose|grow\w*|grew|rais(?:e|es|ed|ing))$/, /^(?:decreas\w*|reduc\w*|declin\w*|drop\w*|fall\w*|fell|shrink\w*|shrank|lowers?|lowered|lowering)$/],
  [/^(?:improv\w*|enhanc\w*|boost\w*)$/, /^(?:degrad\w*|worsen\w*|hurt\w*|harm\w*|impair\w*)$/],
  [/^(?:high|higher|greater)$/, /^(?:low|lower)$/],
  [/^(?:often|frequent(?:ly)?|usually|commonly)$/, /^(?:rarely|seldom|infrequent(?:ly)?)$/],
  [/^(?:easy|easier|easily)$/, /^(?:difficult|hard|harder|challenging)$/],
  [/^always$/, /^never$/],
  [/^(?:strong|stronger)$/, /^(?:weak|weaker)$/],
  [/^online$/, /^offline$/],
  [/^static$/, /^dynamic$/],
  [/^(?:global|globally)$/, /^(?:local|locally)$/],
  [/^(?:explicit|explicitly)$/, /^(?:implicit|implicitly)$/],
  [/^sparse$/, /^dense$/],
  [/^(?:include[sd]?|including)$/, /^(?:exclude[sd]?|excluding)$/],
  [/^open$/, /^closed$/],
  [/^longer$/, /^shorter$/],
  [/^more$/, /^(?:fewer|less)$/],
  [/^(?:outperform\w*|surpass\w*|beat|beats|exceed\w*)$/, /^(?:underperform\w*|trail\w*|lag|lags|lagging)$/],
  [/^(?:better|best|superior|stronger)$/, /^(?:worse|worst|inferior|weaker)$/],
  [/^(?:faster|quicker)$/, /^slower$/],
  [/^(?:large|larger|big|bigger)$/, /^(?:small|smaller)$/],
  [/^maxim\w*$/, /^minim\w*$/],
  [/^(?:substantial\w*|considerabl\w*|dramatic\w*)$/, /^(?:negligibl\w*|marginal\w*|slight\w*|minimal\w*)$/],
  [/^positive\w*$/, /^negative\w*$/],
];

/** Words that put two sides in an order: "A outperforms B", "A is better than B". */
const COMPARISON_RE = /\b(?:outperform\w*|surpass\w*|beat\w*|exceed\w*|than|over|versus|vs\.?)\b/i;

/** One word of a text: its index term when it has one, and the values it states when it is a number. */
interface Slot {
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

function slotsOf(text: string): Slot[] {
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
    } else if (/^[\d.,%x×-]+$/i.test(word) && /\d/.test(word) || /^\d[\d.,%-]*-?\p{Ll}+(?:-\p{Ll}+)*$/u.test(word)) {
      // Ranges, ratios and figures with a lowercase unit ("2-3", "4.3x", "3-4times", "512-resolution"): each figure.
      values = (word.match(/\d+(?:[.,]\d+)*/g) ?? []).map(parseNumber);
      range = /\d\s*[-–]\s*\d/.test(word);
    } else if (/\d/.test(word)) {
      inName = (word.match(/\d+(?:\.\d+)?/g) ?? []).map(parseNumber);
    }
    const unitWord = values.length > 0 ? word.replace(/^[\d.,%x×-]+/, '') : '';
    const parts = [...analyze(word), ...(unitWord ? analyze(unitWord) : [])];
    const term = values.length > 0 ? undefined : termOf(word);
    const last = matches[i]!;
    const pause = pauseAfter(text, last.index + last[0].length);
    const written = i === start ? word : `${word} ${words[i]}`;
    slots.push({ word: written, ...(term !== undefined ? { term } : {}), parts, values, loose: [...values, ...loose], inName, range, ...(pause ? { pause } : {}) });
  }
  return slots;
}

/** Words that end what a figure counts: "9 tasks across domains", "7 datasets from 7 tasks". */
const RUN_ENDS = new Set(
  ['across', 'over', 'under', 'between', 'among', 'within', 'through', 'per', 'via', 'during', 'after', 'before', 'versus', 'against', 'toward', 'towards', 'along', 'compared', 'respectively', 'including', 'using', 'such', 'like'],
);

/** What a figure counts in a sentence: the content words right after it, up to a function word or a pause ("7 simulated tasks"). */
function countedThing(slots: readonly Slot[], at: number): string | undefined {
  if (slots[at]!.pause) return undefined;
  let thing: string | undefined;
  for (let i = at + 1; i < slots.length && i <= at + 3; i++) {
    const slot = slots[i]!;
    if (slot.term === undefined || slot.values.length > 0 || RUN_ENDS.has(slot.word.toLowerCase())) break;
    thing = slot.term;
    if (slot.pause) break;
  }
  return thing;
}

/** Words a figure may count in a passage: its own unit and the next few words of its sentence. */
const COUNTED_REACH = 5;

function countedWords(slots: readonly Slot[], at: number): string[] {
  const out = [...slots[at]!.parts];
  if (slots[at]!.pause === 'sentence') return out;
  for (let i = at + 1; i < slots.length && i <= at + COUNTED_REACH; i++) {
    out.push(...slots[i]!.parts);
    if (slots[i]!.pause === 'sentence') break;
  }
  return out;
}

/** A name: inner capitals or digits with letters ("ImageNet", "PRDC", "GPT-4", "LLMs"). */
function isNameLike(word: string): boolean {
  return /\p{L}/u.test(word) && (/\p{N}/u.test(word) || /^.+\p{Lu}/u.test(word.replace(/['’]s$/, '')));
}

function isCapitalised(word: string): boolean {
  return /^\p{Lu}[\p{Ll}'’-]+$/u.test(word);
}

/** Content terms of the `reach` content words on each side of slot `at`. */
function neighbours(slots: readonly Slot[], at: number, reach: number): string[] {
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

// ---- Passages views ---------------------------------------------------------------------------------

interface SourceSentence {
  text: string;
  terms: Set<string>;
}

interface Source {
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
}

function sourceOf(cited: readonly Passage[], evidence: Passages): Source {
  const text = readable(cited.map((p) => `${p.title}.\n${p.text}`).join('\n'));
  const papers = [...new Set(cited.map((p) => p.paperId))].map((id) => readable(evidence.papers.get(id) ?? ''));
  const slots = slotsOf(text);
  return {
    text,
    terms: new Set(analyze(text)),
    slots,
    values: new Set(slots.filter((s) => !s.range).flatMap((s) => s.loose)),
    rangeEnds: new Set(slots.filter((s) => s.range).flatMap((s) => s.loose)),
    sentences: cited.flatMap((p) => splitSentences(readable(p.text)).map((s) => ({ text: s.text, terms: new Set(analyze(s.text)) }))),
    paperTerms: new Set([...analyze(text), ...[text, ...papers].flatMap((t) => slotsOf(t).flatMap((s) => (s.term ? [s.term] : [])))]),
  };
}

// ---- Checks ----------------------------------------------------------------------------------------

/** "Llama 2" for the passage's "Llama-2-7B": a figure written after the first part of a name that holds it. */
function partOfName(slots: readonly Slot[], at: number, value: number, source: Source): boolean {
  const before = slots[at - 1]?.word.toLowerCase();
  return before !== undefined && source.slots.some((s) => s.inName.includes(value) && s.word.toLowerCase().startsWith(before));
}

/**
 * Each number must be in the passages, on its own (not only inside a name or as the end of a range),
 * said there of mostly the same words as here, and counting the same thing ("15 topics", not the
 * passage's "15 strategies").
 */
function numberProblems(slots: readonly Slot[], source: Source, minContext: number): string[] {
  const problems: string[] = [];
  slots.forEach((slot, at) => {
    for (const value of slot.values) {
      if (!source.values.has(value)) {
        if (source.rangeEnds.has(value) && slot.range) continue;
        if (partOfName(slots, at, value, source)) continue;
        problems.push(source.rangeEnds.has(value) ? `${slot.word} is the end of a range in the cited passages` : `${slot.word} is not in the cited passages`);
        continue;
      }
      const theirs = new Set<string>();
      const counted = new Set<string>();
      source.slots.forEach((other, i) => {
        if (!other.loose.includes(value)) return;
        for (const term of neighbours(source.slots, i, 5)) theirs.add(term);
        for (const term of countedWords(source.slots, i)) counted.add(term);
      });
      const mine = new Set(neighbours(slots, at, 2));
      const shared = [...mine].filter((t) => theirs.has(t)).length;
      if (mine.size >= 2 && shared / mine.size < minContext) problems.push(`${slot.word} is said of other things in the cited passages`);
      const thing = countedThing(slots, at);
      if (thing !== undefined && counted.size > 0 && !counted.has(thing)) problems.push(`${slot.word} counts something else than “${thing}” in the cited passages`);
    }
  });
  return problems;
}

function nameProblems(slots: readonly Slot[], source: Source): string[] {
  const problems: string[] = [];
  slots.forEach((slot, i) => {
    if (slot.term === undefined || slot.values.length > 0) return;
    if (!isNameLike(slot.word) && !(i > 0 && isCapitalised(slot.word))) return;
    if (!source.paperTerms.has(slot.term)) problems.push(`“${slot.word}” is not in the cited papers`);
  });
  return problems;
}

function negations(text: string): number {
  return [...text.matchAll(NEGATION_RE)].length;
}

/** "training-free" says "without training". */
function spelledNegations(text: string): string {
  return text.replace(/\b([\p{L}\p{N}]+)-free\b/gu, 'without $1');
}

function closestSentence(terms: Set<string>, source: Source): SourceSentence | undefined {
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

/** The words a negation governs: up to three after each cue, within its clause. */
const NEGATED_SCOPE = 3;

function negationScopes(text: string): { negated: Set<string>; asserted: Set<string> } {
  const negated = new Set<string>();
  let rest = text;
  for (const match of text.matchAll(NEGATION_RE)) {
    const after = text.slice(match.index + match[0].length).split(/[,;:.]|\b(?:and|or|but|while|whereas)\b/, 1)[0] ?? '';
    const scope = after.trim().split(/\s+/).slice(0, NEGATED_SCOPE).join(' ');
    for (const term of analyze(scope)) negated.add(term);
    rest = rest.replace(`${match[0]}${after.slice(0, after.indexOf(scope) + scope.length)}`, ' ');
  }
  return { negated, asserted: new Set(analyze(rest)) };
}

function negationMismatch(sentence: string, terms: Set<string>, source: Source): string | undefined {
  const text = spelledNegations(sentence);
  const mine = negations(text);
  const found = closestSentence(terms, source);
  if (!found) return mine > 0 && negations(spelledNegations(source.text)) === 0 ? 'a negation the passages do not make' : undefined;
  const closest = { ...found, text: spelledNegations(found.text) };
  const theirs = negations(closest.text);
  if (mine > 0 && theirs === 0) return `a negation absent from “${closest.text.slice(0, 80)}”`;
  if (mine > 0) {
    // Negates a word the source states without negating it.
    const own = negationScopes(text).negated;
    const source = negationScopes(closest.text).negated;
    for (const term of own) if (closest.terms.has(term) && !source.has(term) && !FRAMING.has(term)) return `negates “${term}”, which the source does not`;
  }
  if (mine < theirs) {
    // The source negates a word this sentence asserts, and does not assert it elsewhere.
    const { negated, asserted } = negationScopes(closest.text);
    for (const term of negated) if (terms.has(term) && !asserted.has(term) && !FRAMING.has(term)) return `drops the negation of “${term}”`;
  }
  return undefined;
}

function lowerWords(text: string): string[] {
  return text.toLowerCase().match(/\p{L}+/gu) ?? [];
}

/** Prefixes that turn a word into its opposite ("stable" / "unstable", "accurate" / "inaccurate"). */
const NEGATING_PREFIXES = ['un', 'non', 'in', 'im', 'ir', 'il'];
const MIN_STEM = 5;

/** A word that is the prefixed opposite of a word of the passages, or the reverse, where the passages never say it. */
function prefixFlip(mine: readonly string[], theirs: ReadonlySet<string>): string | undefined {
  for (const word of new Set(mine)) {
    if (theirs.has(word)) continue;
    for (const prefix of NEGATING_PREFIXES) {
      if (theirs.has(prefix + word) && word.length >= MIN_STEM) return `“${word}” where the passages say “${prefix}${word}”`;
      const rest = word.slice(prefix.length);
      if (word.startsWith(prefix) && rest.length >= MIN_STEM && theirs.has(rest)) return `“${word}” where the passages say “${rest}”`;
    }
  }
  return undefined;
}

function directionFlip(text: string, source: Source): string | undefined {
  const mine = lowerWords(text);
  const theirs = lowerWords(source.text);
  const prefixed = prefixFlip(mine, new Set(theirs));
  if (prefixed) return prefixed;
  const said = (words: string[], re: RegExp) => words.find((w) => re.test(w));
  for (const [up, down] of OPPOSITES) {
    for (const [re, opposite] of [
      [up, down],
      [down, up],
    ] as const) {
      const word = said(mine, re);
      const theirWord = said(theirs, opposite);
      // A sentence that says both ("best … worst") contrasts them, as its source does.
      if (word && !said(mine, opposite) && !said(theirs, re) && theirWord) return `“${word}” where the passages say “${theirWord}”`;
    }
  }
  return undefined;
}

/** Content terms before and after the comparison word. */
function sides(text: string): [Set<string>, Set<string>] | undefined {
  const match = COMPARISON_RE.exec(text);
  if (!match) return undefined;
  return [new Set(analyze(text.slice(0, match.index))), new Set(analyze(text.slice(match.index + match[0].length)))];
}

function comparisonSwap(text: string, terms: Set<string>, source: Source): string | undefined {
  const mine = sides(text);
  const closest = closestSentence(terms, source);
  const theirs = closest ? sides(closest.text) : undefined;
  if (!mine || !theirs) return undefined;
  const moved = (from: Set<string>, to: Set<string>, theirFrom: Set<string>) => [...from].filter((t) => to.has(t) && !theirFrom.has(t));
  const leftToRight = moved(mine[0], theirs[1], theirs[0]);
  const rightToLeft = moved(mine[1], theirs[0], theirs[1]);
  return leftToRight.length > 0 && rightToLeft.length > 0 ? `swaps “${leftToRight[0]}” and “${rightToLeft[0]}”` : undefined;
}

/** Content terms in reading order, one per word. */
function termSequence(text: string): string[] {
  return slotsOf(text)
    .map((s) => s.term)
    .filter((t): t is string => t !== undefined && !FRAMING.has(t));
}

/** "A … M … B" read as "B … M … A": A and B at most this many words, M at least that many. */
const SWAP_SIDE = 3;
const SWAP_MIDDLE = 1;

/**
 * Two short stretches that trade places around a middle that stays ("the student relies on pose and
 * the teacher on images" for the reverse). A clause moved whole to the front is two blocks trading
 * places with nothing between them, which paraphrase does all the time; a swap leaves a middle.
 */
function roleSwap(text: string, terms: Set<string>, source: Source): string | undefined {
  const closest = closestSentence(terms, source);
  if (!closest) return undefined;
  const mine = termSequence(text);
  const theirs = termSequence(closest.text);
  const once = (list: string[], t: string) => list.indexOf(t) === list.lastIndexOf(t);
  const shared = mine.filter((t) => once(mine, t) && theirs.includes(t) && once(theirs, t));
  if (shared.length < 3) return undefined;
  const order = [...shared].sort((a, b) => theirs.indexOf(a) - theirs.indexOf(b));
  const ranks = shared.map((t) => order.indexOf(t));
  const runs: number[][] = [];
  for (const rank of ranks) {
    const run = runs.at(-1);
    if (run && rank === run.at(-1)! + 1) run.push(rank);
    else runs.push([rank]);
  }
  for (let i = 0; i + 2 < runs.length; i++) {
    const [a, middle, b] = [runs[i]!, runs[i + 1]!, runs[i + 2]!];
    const crossed = Math.min(...a) > Math.max(...middle) && Math.min(...middle) > Math.max(...b);
    if (crossed && a.length <= SWAP_SIDE && b.length <= SWAP_SIDE && middle.length >= SWAP_MIDDLE) {
      return `“${order[a[0]!]}” and “${order[b[0]!]}” trade places`;
    }
  }
  return undefined;
}

/** Checks one model sentence against the evidence it was given. */
export function checkSentence(draft: DraftSentence, evidence: Passages, options: CheckOptions = CHECK_DEFAULTS): Verdict {
  const reasons: DropReason[] = [];
  const details: string[] = [];
  const fail = (reason: DropReason, detail: string) => {
    if (!reasons.includes(reason)) reasons.push(reason);
    details.push(`${reason}: ${detail}`);
  };
  const passages = [...new Set(draft.passages)];
  const text = stripEmphasis(draft.text);
  const verdict = (): Verdict => ({ text, passages, kept: reasons.length === 0, reasons, details });

  if (FORBIDDEN.some((re) => re.test(draft.text))) fail('markup', 'a link or a mention');
  if (passages.length === 0) fail('uncited', 'no passage cited');
  const unknown = passages.filter((n) => !evidence.passages.some((p) => p.n === n));
  if (unknown.length > 0) fail('unknown_passage', `cites [${unknown.join(', ')}], which was not given`);
  if (text.length > options.maxLength) fail('too_long', `${text.length} characters`);
  const cited = evidence.passages.filter((p) => passages.includes(p.n));
  if (cited.length === 0) return verdict();

  const source = sourceOf(cited, evidence);
  const plain = readable(text);
  const slots = slotsOf(plain);
  for (const problem of numberProblems(slots, source, options.minNumberContext)) fail('number', problem);
  for (const problem of nameProblems(slots, source)) fail('name', problem);

  const terms = new Set(analyze(plain));
  const content = [...terms].filter((t) => !FRAMING.has(t) && !/^\d/.test(t));
  const supported = content.filter((t) => source.terms.has(t)).length;
  const overlap = content.length === 0 ? 0 : supported / content.length;
  if (content.length < 2 || overlap < options.minOverlap) fail('overlap', `${supported} of ${content.length} content words in the cited passages`);

  const negation = negationMismatch(plain, terms, source);
  if (negation) fail('negation', negation);
  const direction = directionFlip(plain, source);
  if (direction) fail('direction', direction);
  const swap = comparisonSwap(plain, terms, source) ?? roleSwap(plain, terms, source);
  if (swap) fail('swap', swap);
  return verdict();
}
