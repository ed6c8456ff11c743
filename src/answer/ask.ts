/**
 * Extractive question answering. The answer is one to three sentences copied from the abstracts that
 * best answer the question, each with a numbered citation; broad questions get a short list of
 * papers. Which paper answers is decided on the evidence (see evidence.ts), and whether it answers at
 * all by a fitted model (abstain.ts): when the papers don't say it, the answer says so.
 */
import { primaryUrl, type Paper } from '../model/paper.js';
import type { AnswerSentence, AskResult, Citation, NearPaper } from '../results.js';
import type { TitleCatalog } from '../search/find.js';
import type { PaperIndex } from '../search/paper-index.js';
import { paperRef } from '../search/refs.js';
import { makeSnippet } from '../search/snippet.js';
import { truncateWords } from '../text/sentences.js';
import { decideOutcome, sharesTopic } from './abstain.js';
import { gatherEvidence, type Evidence, type PaperEvidence, type SentenceEvidence } from './evidence.js';
import { answerList } from './list.js';
import type { AnswerType } from './question.js';

export const ANSWER_LENGTH = 600;
export const NOT_COVERED = "The listed papers don't seem to cover that.";

const MAX_SENTENCES = 3;
/** A near paper's line, in characters. */
const NEAR_SNIPPET = 160;
/** Another paper may add a sentence when its evidence scores at least this share of the best paper's. */
const SECOND_PAPER_SHARE = 0.85;
/** Types whose answer leads with the paper's title, which names the method, model or expansion. */
const TITLE_LEAD: ReadonlySet<AnswerType> = new Set(['paper', 'name', 'expansion', 'definition']);

function notCovered(question: string, nearest: NearPaper[], answerType: AnswerType): AskResult {
  return { question, outcome: 'not_covered', found: false, kind: 'quoted', answer: NOT_COVERED, sentences: [], citations: [], nearest, answerType };
}

/** A near paper with the line of it that makes it near. */
function nearPaper(evidence: Evidence, paper: PaperEvidence): NearPaper {
  return { ...paperRef(paper.paper), snippet: makeSnippet(paper.best.text, askedTerms(evidence), NEAR_SNIPPET).snippet };
}

/** "Not sure the list answers this exactly. Closest: “Title” (2025)." */
function hedgeFor(paper: Paper): string {
  const year = paper.published ? ` (${paper.published.slice(0, 4)})` : '';
  return `Not sure the list answers this exactly. Closest: “${truncateWords(paper.title, 140)}”${year}.`;
}

export function ask(index: PaperIndex, catalog: TitleCatalog, text: string, within?: readonly number[]): AskResult {
  const evidence = gatherEvidence(index, catalog, text.trim(), within);
  const { question, papers } = evidence;
  const outcome = decideOutcome(evidence);
  if (papers.length === 0 || outcome === 'not_covered') {
    return notCovered(text, papers.slice(0, 3).filter((p) => sharesTopic(evidence, p)).map((p) => nearPaper(evidence, p)), question.type);
  }
  const top = papers[0]!;
  const answer = outcome === 'answered' ? answerFrom(evidence, top, text) : closestFrom(evidence, top, text);
  return answer ?? notCovered(text, papers.slice(0, 3).map((p) => nearPaper(evidence, p)), question.type);
}

/** The paper is near, but the engine is not sure it answers: say so, then quote its likeliest sentences. */
function closestFrom(evidence: Evidence, top: PaperEvidence, text: string): AskResult | undefined {
  const hedge = hedgeFor(top.paper);
  const quoted = quote(evidence, top, [{ paper: top, sentence: top.best }], ANSWER_LENGTH - hedge.length - 1);
  return {
    ...quoted,
    question: text,
    outcome: 'closest',
    answer: `${hedge} ${quoted.answer}`,
    hedge,
    nearest: evidence.papers.slice(1, 3).map((p) => nearPaper(evidence, p)),
    answerType: evidence.question.type,
  };
}

function answerFrom(evidence: Evidence, top: PaperEvidence, text: string): AskResult | undefined {
  const { question } = evidence;
  if (question.type === 'list') {
    const listed = answerList(evidence, ANSWER_LENGTH);
    return listed ? { question: text, outcome: 'answered', found: true, kind: 'quoted', ...listed, nearest: [], answerType: 'list' } : undefined;
  }
  if (question.type === 'who') {
    // The list may not name authors (a papers-page listing has none): then it does not answer "who".
    if (top.paper.authors.length === 0) return notCovered(text, [nearPaper(evidence, top)], 'who');
    return single(text, top.paper, `${top.paper.title}, by ${top.paper.authors.join(', ')}.`, 'who');
  }
  if (question.type === 'date' && top.paper.published && !top.best.typed) {
    return single(text, top.paper, `${top.paper.title}: published ${top.paper.published}.`, 'date');
  }
  // "How many…" is answered by a number of the asked thing; a sentence without one answers something else.
  if (question.type === 'count' && !top.best.typed) return undefined;
  return { ...quote(evidence, top, chooseSentences(evidence, top), ANSWER_LENGTH), question: text, outcome: 'answered', nearest: [], answerType: question.type };
}

/** The chosen sentences, cited, within `budget` characters. */
function quote(evidence: Evidence, top: PaperEvidence, chosen: Chosen[], budget: number): Pick<AskResult, 'found' | 'kind' | 'answer' | 'sentences' | 'citations'> {
  const { question } = evidence;
  const citations: Citation[] = [];
  const sentences: AnswerSentence[] = chosen.map(({ paper, sentence }) => {
    let citation = citations.find((c) => c.id === paper.paper.id);
    const lead = !citation && paper === top && TITLE_LEAD.has(question.type) ? titleLead(evidence, paper, sentence) : '';
    if (!citation) {
      citation = { n: citations.length + 1, id: paper.paper.id, title: paper.paper.title, url: primaryUrl(paper.paper) };
      citations.push(citation);
    }
    const room = budget - 5 - lead.length;
    const quoted = sentence.text.length <= room ? sentence.text : makeSnippet(sentence.text, askedTerms(evidence), room).snippet;
    return { text: `${lead}${quoted}`, citation: citation.n, citations: [citation.n] };
  });
  // Later sentences give way to keep the whole answer a chat-sized paragraph.
  while (sentences.length > 1 && render(sentences).length > budget) sentences.pop();
  const cited = new Set(sentences.map((s) => s.citation));
  return { found: true, kind: 'quoted', answer: render(sentences), sentences, citations: citations.filter((c) => cited.has(c.n)) };
}

function single(question: string, paper: Paper, text: string, answerType: AnswerType): AskResult {
  const sentence = { text: truncateWords(text, ANSWER_LENGTH - 5), citation: 1, citations: [1] };
  return {
    question,
    outcome: 'answered',
    found: true,
    kind: 'quoted',
    answer: render([sentence]),
    sentences: [sentence],
    citations: [{ n: 1, id: paper.id, title: paper.title, url: primaryUrl(paper) }],
    nearest: [],
    answerType,
  };
}

function askedTerms(evidence: Evidence): Set<string> {
  return new Set([...evidence.aliases.values()].flatMap((set) => [...set]));
}

/**
 * The title names what the question asks for ("SLAG: Scalable Language-Augmented Gaussian
 * Splatting"), unless the quoted sentence already says it.
 */
function titleLead(evidence: Evidence, paper: PaperEvidence, sentence: SentenceEvidence): string {
  const { question } = evidence;
  const title = paper.paper.title;
  if (question.type === 'definition' || question.type === 'expansion') {
    const inTitle = paper.expansion !== undefined && title.includes(paper.expansion);
    const named = question.acronym !== undefined && paper.ownName === question.acronym;
    if (!inTitle && !named) return '';
    if (paper.expansion && sentence.text.includes(paper.expansion)) return '';
  }
  // A name asked about the paper's own method is in its title; a name asked about something the
  // question's paper uses ("which model serves as the policy in X?") is in the sentence.
  if (question.type === 'name' && (paper.titleCoverage >= 0.5 || (paper.ownName && sentence.text.includes(paper.ownName)))) return '';
  return `${truncateWords(title, 160)} — `;
}

interface Chosen {
  paper: PaperEvidence;
  sentence: SentenceEvidence;
}

/**
 * The best sentence first; then sentences that bring question words the answer still lacks, then
 * any that score nearly as well, from the best paper or from papers whose evidence is nearly as
 * strong, while the answer stays chat-sized.
 */
function chooseSentences(evidence: Evidence, top: PaperEvidence): Chosen[] {
  const { question } = evidence;
  const best: Chosen = { paper: top, sentence: top.best };
  const pool: Chosen[] = evidence.papers
    .filter((p) => p === top || p.score >= top.score * SECOND_PAPER_SHARE)
    .flatMap((paper) => paper.sentences.map((sentence) => ({ paper, sentence })))
    .filter((c) => c.sentence !== top.best && (question.type !== 'count' || c.sentence.typed))
    .sort((a, b) => b.sentence.score - a.sentence.score);
  const chosen = [best];
  const covered = new Set(best.sentence.terms);
  let length = best.sentence.text.length;
  const fits = (next: Chosen) => chosen.length < MAX_SENTENCES && !chosen.includes(next) && length + next.sentence.text.length + 6 <= ANSWER_LENGTH;
  const add = (next: Chosen) => {
    chosen.push(next);
    for (const t of next.sentence.terms) covered.add(t);
    length += next.sentence.text.length + 6;
  };
  const floor = Math.max(0.3, best.sentence.coverage * 0.6);
  for (const next of pool) {
    if (next.sentence.score < best.sentence.score * 0.6) break;
    if (next.sentence.coverage >= floor && [...next.sentence.terms].some((t) => !covered.has(t)) && fits(next)) add(next);
  }
  for (const next of pool) {
    if (next.sentence.score < best.sentence.score * 0.85) break;
    if (next.sentence.coverage >= floor && fits(next)) add(next);
  }
  // Sentences of one paper read in their abstract's order after the best one.
  const rest = chosen.slice(1).sort((a, b) => (a.paper === b.paper ? a.sentence.index - b.sentence.index : b.paper.score - a.paper.score));
  return [best, ...rest];
}

function render(sentences: AnswerSentence[]): string {
  return sentences.map((s) => `${s.text} [${s.citation}]`).join(' ');
}
