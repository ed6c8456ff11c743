/**
 * The mechanical check every model sentence passes before anyone sees it. A sentence is kept only
 * when it cites passages it was given and carries no link or mention; every number in it is in the
 * passages it cites, on its own, said there of the same things, counting the same thing and beside
 * the same item (src/llm/check/figures.ts); every name and acronym in it is in the papers it cites;
 * most of its content words are in those passages; and it neither negates what its closest source
 * sentence states nor the reverse (negation.ts), says the opposite of what the passages say of the
 * same thing (opposites.ts), nor trades two sides, two stretches or two clauses (swaps.ts).
 *
 * What this cannot see: meaning that is not in the words. A sentence can still stretch a claim ("on
 * every benchmark" for "up to"), use an opposite WordNet does not hold, or trade roles through a
 * passive. That is why every kept sentence shows its citations.
 */
import { analyze } from '../text/analyzer.js';
import { numberProblems } from './check/figures.js';
import { negationMismatch } from './check/negation.js';
import { directionFlip, oppositeSaid } from './check/opposites.js';
import { FRAMING, isNameSlot, readable, slotsOf, sourceOf, type Slot, type Source } from './check/reading.js';
import { clauseSwap, comparisonSwap, movedSwap, roleSwap } from './check/swaps.js';
import type { Passage, Passages } from './passages.js';
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

// ---- Checks ----------------------------------------------------------------------------------------

function nameProblems(slots: readonly Slot[], source: Source): string[] {
  const problems: string[] = [];
  slots.forEach((slot, i) => {
    if (isNameSlot(slots, i) && !source.paperTerms.has(slot.term!)) problems.push(`“${slot.word}” is not in the cited papers`);
  });
  return problems;
}

/** Checks one model sentence against the evidence it was given. */
/** The sentences of one answer mostly cite the same passages: each cited set is read once per evidence. */
const sources = new WeakMap<Passages, Map<string, Source>>();

function citedSource(cited: readonly Passage[], evidence: Passages): Source {
  let bySet = sources.get(evidence);
  if (!bySet) sources.set(evidence, (bySet = new Map()));
  const key = cited.map((p) => p.n).join(',');
  let source = bySet.get(key);
  if (!source) bySet.set(key, (source = sourceOf(cited, evidence)));
  return source;
}

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

  const source = citedSource(cited, evidence);
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
  const direction = directionFlip(plain, source) ?? oppositeSaid(plain, source);
  if (direction) fail('direction', direction);
  const swap = comparisonSwap(plain, terms, source) ?? roleSwap(plain, terms, source) ?? movedSwap(plain, source) ?? clauseSwap(plain, source);
  if (swap) fail('swap', swap);
  return verdict();
}
