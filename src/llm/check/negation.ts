/**
 * Negation: a sentence must neither negate what its closest source sentence states nor state what
 * that sentence negates.
 */
import { analyze } from '../../text/analyzer.js';
import { closestSentence, FRAMING, type Source } from './reading.js';

const NEGATION_RE = /\b(?:not|no|never|cannot|none|neither|nor|without|unable|fail(?:s|ed|ing)? to|lack(?:s|ed|ing)?)\b|n['’]t\b/gi;

function negations(text: string): number {
  return [...text.matchAll(NEGATION_RE)].length;
}

/**
 * Negations written another way, spelled out: "training-free" says "without training", "non-trivial"
 * says "not trivial", and "we challenge the assumption that X" says X is not so.
 */
function spelledNegations(text: string): string {
  return text
    .replace(/\b([\p{L}\p{N}]+)-free\b/gu, 'without $1')
    .replace(/\bnon-(\p{Ll}{3,})/gu, 'not $1')
    .replace(/\b(?:challeng|question|refut|disput|overturn)\w* (?:the |this |a )?(?:common |widespread |prevailing |conventional )?(?:assumption|belief|notion|view|premise|claim)s? that\b/giu, 'not');
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

export function negationMismatch(sentence: string, terms: Set<string>, source: Source): string | undefined {
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
