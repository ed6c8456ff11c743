/**
 * Extractive question answering. The answer is one to three sentences copied from the abstracts that
 * best cover the question, each with a numbered citation. When the best paper does not cover the
 * question's key words, the answer says so instead of stretching a weak match.
 */
import { primaryUrl } from '../model/paper.js';
import type { AnswerSentence, AskResult, Citation, PaperRef } from '../results.js';
import type { PaperIndex } from '../search/paper-index.js';
import { paperRef } from '../search/refs.js';
import { makeSnippet } from '../search/snippet.js';
import { analyze } from '../text/analyzer.js';
import { splitSentences, truncateWords } from '../text/sentences.js';
import { parseQuestion, termsOf, type Question } from './question.js';

export const ANSWER_LENGTH = 600;
export const NOT_COVERED = "The listed papers don't seem to cover that.";

const CANDIDATE_PAPERS = 8;
const MAX_SENTENCES = 3;
/**
 * Share of the question's weight (idf) the cited paper must contain to count as covering it, and the
 * share its best sentence (with the title as context) must contain. A paper that contains every name
 * the question asks about ("how does A2PR pick actions?") may word the rest differently ("select").
 */
const COVERAGE = { paper: 0.6, sentence: 0.4 };
const NAMED_COVERAGE = { paper: 0.45, sentence: 0.3 };

const NUMBER_WORD_RE = /^(?:\d[\d,.]*[kmbx%]?|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|dozens?|hundreds?|thousands?|millions?|billions?)$/i;
/** How far after a number the counted thing may come: "45 potentially unsafe topics". */
const COUNTED_WITHIN = 4;

/** Whether the sentence gives a number of something the question asks about ("7 datasets"). */
function countsAsked(sentence: string, aliases: ReadonlySet<string>): boolean {
  const words = sentence.split(/[\s\-‐‑–—/]+/).map((w) => w.replace(/^[^\p{L}\p{N}]+|[^\p{L}\p{N}%]+$/gu, ''));
  return words.some(
    (word, i) =>
      NUMBER_WORD_RE.test(word) &&
      words.slice(i + 1, i + 1 + COUNTED_WITHIN).some((next) => analyze(next).some((t) => aliases.has(t))),
  );
}

interface ScoredSentence {
  doc: number;
  text: string;
  score: number;
  coverage: number;
  /** The question terms this sentence contains. */
  terms: Set<string>;
  /** The coverage this sentence needs to be quoted (lower when its paper holds the asked names). */
  needs: number;
}

/** Maps each question term to the index terms that stand for it in a paper (itself, or its typo fix). */
function resolveTerms(index: PaperIndex, terms: string[], matched: string[]): Map<string, Set<string>> {
  const known = new Set(matched);
  const resolved = new Map<string, Set<string>>();
  for (const term of terms) {
    const aliases = new Set([term]);
    if (index.documentFrequency(term) === 0) {
      for (const candidate of known) if (closeEnough(term, candidate)) aliases.add(candidate);
    }
    resolved.set(term, aliases);
  }
  return resolved;
}

function closeEnough(typed: string, indexed: string): boolean {
  if (indexed.startsWith(typed) && typed.length >= 3) return true;
  const maxDistance = typed.length >= 8 ? 2 : typed.length >= 4 ? 1 : 0;
  return maxDistance > 0 && Math.abs(typed.length - indexed.length) <= maxDistance && editDistance(typed, indexed) <= maxDistance;
}

function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j]! + 1, current[j - 1]! + 1, previous[j - 1]! + (a[i - 1] === b[j - 1] ? 0 : 1));
    }
    previous = current;
  }
  return previous[b.length]!;
}

function weightedCoverage(
  weights: Map<string, number>,
  aliases: Map<string, Set<string>>,
  has: (term: string) => number,
): number {
  let total = 0;
  let covered = 0;
  for (const [term, weight] of weights) {
    total += weight;
    let best = 0;
    for (const alias of aliases.get(term) ?? [term]) best = Math.max(best, has(alias));
    covered += weight * best;
  }
  return total === 0 ? 0 : covered / total;
}

function acronymBonus(sentence: string, acronym: string): number {
  const escaped = acronym.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
  const definition = `\\(\\s*${escaped}\\s*[),;]|\\b${escaped}\\s*\\(|\\b${escaped}\\s*(?:,|:)?\\s*(?:which |that )?(?:stands for|short for|i\\.e\\.)`;
  // The spelling as typed ("DiNA") beats another paper's same letters in other case ("DINA").
  if (new RegExp(definition).test(sentence)) return 1.6;
  if (new RegExp(definition, 'i').test(sentence)) return 1.2;
  return new RegExp(`(?:^|[^\\p{L}\\p{N}])${escaped}(?:$|[^\\p{L}\\p{N}])`, 'iu').test(sentence) ? 0.3 : 0;
}

function intentBonus(question: Question, sentence: string): number {
  return question.intent === 'acronym' && question.acronym ? acronymBonus(sentence, question.acronym) : 0;
}

function notCovered(question: string, nearest: PaperRef[]): AskResult {
  return { question, found: false, kind: 'quoted', answer: NOT_COVERED, sentences: [], citations: [], nearest };
}

export function ask(index: PaperIndex, text: string): AskResult {
  const question = parseQuestion(text.trim(), (term) => index.documentFrequency(term) > 0);
  if (question.acronym) for (const t of termsOf(question.acronym)) if (!question.terms.includes(t)) question.terms.push(t);
  if (question.terms.length === 0) return notCovered(text, []);

  const retrieval = index.retrieve(question.terms);
  const top = retrieval.candidates.slice(0, CANDIDATE_PAPERS);
  const nearest = top.slice(0, 3).map((c) => paperRef(index.paper(c.doc)));
  if (top.length === 0) return notCovered(text, []);

  const aliases = resolveTerms(index, question.terms, retrieval.queryTerms);
  // A word no paper uses weighs like the rarest word when it is written like a name ("Zorblax-9"):
  // a question about it is not covered. An ordinary unknown word ("pick") weighs half that.
  const unknownWeight = (term: string) => index.idf(term) * (question.properNames.has(term) ? 1 : 0.5);
  const weights = new Map(
    question.terms.map((t) => [t, index.documentFrequency(t) > 0 || aliases.get(t)!.size > 1 ? index.idf(t) : unknownWeight(t)] as const),
  );
  const topScore = top[0]!.score;
  const names = question.terms.filter((t) => question.names.has(t));

  const questionAliases = new Set([...aliases.values()].flatMap((set) => [...set]));
  const scored: ScoredSentence[] = [];
  for (const candidate of top) {
    const paper = index.paper(candidate.doc);
    const { title, abstract } = index.docTerms(candidate.doc);
    const inPaper = (t: string) => (title.has(t) || abstract.has(t) ? 1 : 0);
    const named = names.length > 0 && names.every((n) => [...aliases.get(n)!].some((a) => inPaper(a) === 1));
    const needed = named ? NAMED_COVERAGE : COVERAGE;
    const paperCoverage = weightedCoverage(weights, aliases, inPaper);
    if (paperCoverage < needed.paper) continue;
    const rank = candidate.score / topScore;
    for (const sentence of splitSentences(paper.abstract)) {
      const terms = new Set(analyze(sentence.text));
      // The title names what the abstract's "we" and "it" refer to, so its words count half.
      const coverage = weightedCoverage(weights, aliases, (t) => (terms.has(t) ? 1 : title.has(t) ? 0.5 : 0));
      const score = coverage + 0.3 * rank + 0.15 * paperCoverage + intentBonus(question, sentence.text);
      const present = new Set(question.terms.filter((t) => [...(aliases.get(t) ?? [t])].some((a) => terms.has(a))));
      scored.push({ doc: candidate.doc, text: sentence.text, score, coverage, terms: present, needs: needed.sentence });
    }
  }
  scored.sort((a, b) => b.score - a.score);
  // "How many…" is answered by a number of the asked thing; a sentence without one answers something else.
  const best = question.intent === 'count' ? scored.find((s) => countsAsked(s.text, questionAliases)) : scored[0];
  if (!best || best.coverage < best.needs) return notCovered(text, nearest);

  // More sentences: first those that bring question words the answer still lacks, then any that
  // score nearly as well as the best, while the answer stays chat-sized.
  const chosen = [best];
  const covered = new Set(best.terms);
  let length = best.text.length;
  const add = (next: ScoredSentence): void => {
    chosen.push(next);
    for (const t of next.terms) covered.add(t);
    length += next.text.length + 6;
  };
  const fits = (next: ScoredSentence) =>
    chosen.length < MAX_SENTENCES && !chosen.includes(next) && length + next.text.length + 6 <= ANSWER_LENGTH;
  // For "how many", only sentences that count the asked thing; the best one stays first.
  const extras = scored.filter((s) => s !== best && (question.intent !== 'count' || countsAsked(s.text, questionAliases)));
  for (const next of extras) {
    if (next.score < best.score * 0.6) break;
    if (next.coverage >= next.needs && [...next.terms].some((t) => !covered.has(t)) && fits(next)) add(next);
  }
  for (const next of extras) {
    if (next.score < best.score * 0.85) break;
    if (next.coverage >= next.needs && fits(next)) add(next);
  }
  chosen.push(...chosen.splice(1).sort((a, b) => b.score - a.score));

  const citations: Citation[] = [];
  const sentences: AnswerSentence[] = chosen.map((s) => {
    const paper = index.paper(s.doc);
    let citation = citations.find((c) => c.id === paper.id);
    // "Which paper…" is answered by naming the paper before its first quoted sentence.
    const lead = !citation && question.intent === 'which' ? `${truncateWords(paper.title, 120)}: ` : '';
    if (!citation) {
      citation = { n: citations.length + 1, id: paper.id, title: paper.title, url: primaryUrl(paper) };
      citations.push(citation);
    }
    const room = ANSWER_LENGTH - 5 - lead.length;
    const text = s.text.length <= room ? s.text : makeSnippet(s.text, questionAliases, room).snippet;
    return { text: `${lead}${text}`, citation: citation.n, citations: [citation.n] };
  });
  if (question.intent === 'who') {
    const paper = index.paper(best.doc);
    // The list may not name authors (a papers-page listing has none): then it does not answer "who".
    if (paper.authors.length === 0) return notCovered(text, [paperRef(paper)]);
    sentences.splice(1);
    sentences[0] = { text: truncateWords(`${paper.title}, by ${paper.authors.join(', ')}.`, ANSWER_LENGTH - 5), citation: 1, citations: [1] };
    citations.splice(1);
  }
  if (question.intent === 'when') {
    const paper = index.paper(best.doc);
    if (paper.published) {
      sentences.splice(1);
      sentences[0] = { text: `${paper.title}: published ${paper.published}.`, citation: 1, citations: [1] };
      citations.splice(1);
    }
  }
  // Later sentences give way to keep the whole answer a chat-sized paragraph.
  while (sentences.length > 1 && render(sentences).length > ANSWER_LENGTH) sentences.pop();
  const cited = new Set(sentences.map((s) => s.citation));
  const kept = citations.filter((c) => cited.has(c.n));
  const answer = render(sentences);
  return { question: text, found: true, kind: 'quoted', answer, sentences, citations: kept, nearest: [] };
}

function render(sentences: AnswerSentence[]): string {
  return sentences.map((s) => `${s.text} [${s.citation}]`).join(' ');
}
