/**
 * Reads a chat question: what kind of answer it wants and which of its words carry the meaning.
 */
import { analyze, tokenize } from '../text/analyzer.js';

export type Intent = 'acronym' | 'count' | 'which' | 'who' | 'when' | 'general';

export interface Question {
  text: string;
  intent: Intent;
  /** For "what does X stand for": the abbreviation as written. */
  acronym?: string;
  /** Analysed words that carry the question's meaning. */
  terms: string[];
  /** Those of `terms` written like technical names: capitals inside or digits ("A2PR", "Uni-O4", "GPT-4"). */
  names: Set<string>;
  /** Those of `terms` written like any proper name: technical names and capitalised words ("Zorblax"). */
  properNames: Set<string>;
}

/** Words that frame a question about papers but say nothing about its subject. */
const FRAMING = new Set(
  analyze(
    'paper papers work works study studies article articles author authors propose proposes proposed introduce introduces introduced present presents presented describe describes described mention mentions mentioned list listed say says said tell explain stand stands short abbreviation acronym expand expansion full name form mean means meaning use uses used number many much whose wrote write written publish published year main idea ideas key insight insights gist summary summarize overview purpose goal contribution contributions',
  ),
);

const ACRONYM_Q =
  /\b(?:st\w{0,3}nds? for|short for|abbreviat\w*|acronym|expan(?:d|sion)|full (?:name|form)|mean(?:s|ing)? by)\b/i;
const WHAT_IS_NAME = /^\s*(?:what|who)\s*(?:'s|is|are|was)\s+(?:the\s+)?([\p{L}\p{N}][\p{L}\p{N}-]*)\s*\??\s*$/iu;
const COUNT_Q = /\bhow (?:many|much|large|big|long)\b|\bnumber of\b|\bwhat (?:size|percentage|fraction)\b/i;
const WHICH_Q =
  /\b(?:which|what|any|a) (?:paper|papers|work|works|study|studies|article|method|approach|benchmark|framework|model|dataset)s?\b|\bis there (?:a|any)\b|\bpapers? (?:about|on)\b/i;
const WHO_Q = /\bwho (?:wrote|are the authors|authored|is the author|proposed)\b|\bauthors? of\b|\bwritten by\b/i;
const WHEN_Q = /\bwhen (?:was|were|did)\b|\bwhat year\b/i;

function looksLikeAcronym(word: string): boolean {
  return /\p{Lu}.*\p{Lu}|\p{Lu}.*\p{N}|\p{N}.*\p{Lu}/u.test(word) && word.length <= 16;
}

function findAcronym(text: string): string | undefined {
  const words = text.match(/[\p{L}\p{N}][\p{L}\p{N}-]*[\p{L}\p{N}]|\p{Lu}/gu) ?? [];
  return words.find(looksLikeAcronym);
}

/** Question words people often mistype ("wat", "stnd"); a typo of one of them is not a subject word. */
const QUESTION_WORDS = ['what', 'which', 'where', 'when', 'how', 'many', 'much', 'does', 'stand', 'stands', 'paper', 'papers', 'about', 'explain', 'describe', 'mean', 'means'];

function isMistypedQuestionWord(term: string): boolean {
  return QUESTION_WORDS.some((word) => Math.abs(word.length - term.length) <= 1 && withinOneEdit(term, word));
}

function withinOneEdit(a: string, b: string): boolean {
  if (a === b) return true;
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  let j = 0;
  let edits = 0;
  while (i < a.length && j < b.length) {
    if (a[i] === b[j]) {
      i++;
      j++;
      continue;
    }
    if (++edits > 1) return false;
    if (a.length > b.length) i++;
    else if (b.length > a.length) j++;
    else {
      i++;
      j++;
    }
  }
  return edits + (a.length - i) + (b.length - j) <= 1;
}

/**
 * The question's terms. A known compound ("GPT-4" -> gpt4) stands for itself: its parts (gpt, 4)
 * would otherwise let any paper mentioning "phi-4" look like it covers the question.
 */
function meaningTerms(
  text: string,
  isKnownTerm: (term: string) => boolean,
): { terms: string[]; names: Set<string>; properNames: Set<string> } {
  const tokens = tokenize(text);
  const terms: string[] = [];
  const names = new Set<string>();
  const properNames = new Set<string>();
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    let end = i + 1;
    while (end < tokens.length && tokens[end]!.start === token.start) end++;
    const group = tokens.slice(i, end).map((t) => t.term);
    const kept = group.length > 1 && isKnownTerm(group[0]!) ? [group[0]!] : group;
    terms.push(...kept);
    const word = text.slice(token.start, token.end);
    if (/\p{L}/u.test(word) && (/\p{N}/u.test(word) || /.\p{Lu}/u.test(word))) for (const t of kept) names.add(t);
    if (names.has(kept[0]!) || (token.start > 0 && /^\p{Lu}/u.test(word))) for (const t of kept) properNames.add(t);
    i = end - 1;
  }
  const meaningful = terms.filter((t) => !FRAMING.has(t) && (isKnownTerm(t) || !isMistypedQuestionWord(t)));
  return { terms: [...new Set(meaningful)], names, properNames };
}

export function parseQuestion(text: string, isKnownTerm: (term: string) => boolean = () => true): Question {
  const { terms, names, properNames } = meaningTerms(text, isKnownTerm);
  const whatIs = WHAT_IS_NAME.exec(text)?.[1];
  if (ACRONYM_Q.test(text) || (whatIs && looksLikeAcronym(whatIs))) {
    const acronym = (whatIs && looksLikeAcronym(whatIs) ? whatIs : undefined) ?? findAcronym(text);
    if (acronym) return { text, intent: 'acronym', acronym, terms, names, properNames };
  }
  if (COUNT_Q.test(text)) return { text, intent: 'count', terms, names, properNames };
  if (WHO_Q.test(text)) return { text, intent: 'who', terms, names, properNames };
  if (WHEN_Q.test(text)) return { text, intent: 'when', terms, names, properNames };
  if (WHICH_Q.test(text)) return { text, intent: 'which', terms, names, properNames };
  return { text, intent: 'general', terms, names, properNames };
}

/** The analysed terms of one written word (an acronym like "NeoRL-2" gives several). */
export function termsOf(word: string): string[] {
  return tokenize(word).map((t) => t.term);
}
