/**
 * Opposites: a sentence must not say a direction or quality opposite to the passages' ("increases"
 * for "decreases", "stable" for "unstable", "well understood" for "poorly understood").
 */
import { antonymsOf, areAntonyms } from './antonyms.js';
import { placedWords, type Placed, type Source } from './reading.js';

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

export function directionFlip(text: string, source: Source): string | undefined {
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

/** Words that move a quantity up or down: one said where the passage says the other of the same thing reverses it. */
const UP_RE = /^(?:increas\w*|rais(?:e|es|ed|ing)|ris(?:e|es|ing|en)|rose|grow\w*|grew|improv\w*|boost\w*|enhanc\w*|gain(?:s|ed|ing)?|expand\w*|accelerat\w*|strengthen\w*|amplif\w*|more|most|higher|highest|greater|greatest|larger|largest|longer|longest|faster|fastest|better|best|stronger|strongest)$/;
const DOWN_RE = /^(?:decreas\w*|reduc\w*|lower(?:s|ed|ing)?|lowest|drop\w*|fall\w*|fell|declin\w*|shrink\w*|shrank|degrad\w*|worsen\w*|cut|cuts|cutting|limit(?:s|ed|ing)?|diminish\w*|weaken\w*|lessen\w*|less|least|fewer|fewest|smaller|smallest|shorter|shortest|slower|slowest|worse|worst|weaker|weakest|hurt\w*|harm\w*|impair\w*)$/;

function polarity(word: string): 1 | -1 | 0 {
  return UP_RE.test(word) ? 1 : DOWN_RE.test(word) ? -1 : 0;
}

function opposed(a: string, b: string): boolean {
  const [pa, pb] = [polarity(a), polarity(b)];
  return (pa !== 0 && pa === -pb) || areAntonyms(a, b);
}

/**
 * An opposite said of the same thing: "well understood" where the passages say "poorly understood",
 * "reduce the risk" for "increasing risk", "more redundant" for "less redundant". A word of the
 * sentence is lined up with the passages' words that have the same content word on the same side; it
 * fails when one of those is its opposite (WordNet, or up/down words) and none says what it says.
 */
export function oppositeSaid(text: string, source: Source): string | undefined {
  const theirs = source.placed;
  const placed = placedWords(text);
  for (const mine of placed) {
    if (!polarity(mine.word) && antonymsOf(mine.word).size === 0) continue;
    for (const side of ['before', 'after'] as const) {
      const neighbour = mine[side];
      if (neighbour === undefined) continue;
      const same = (a: Placed, b: Placed) => a.word === b.word || (a.term !== undefined && a.term === b.term);
      const lined = theirs.filter((w) => w[side] === neighbour);
      const agrees = lined.some((w) => same(w, mine) || (polarity(w.word) !== 0 && polarity(w.word) === polarity(mine.word)));
      // The sentence may say both of the same thing ("best … worst" in two clauses), as its source does.
      const opposite = lined.find((w) => opposed(mine.word, w.word) && !placed.some((o) => o[side] === neighbour && same(o, w)));
      if (opposite && !agrees) return `“${mine.word}” where the passages say “${opposite.word}” of “${neighbour}”`;
    }
  }
  return undefined;
}
