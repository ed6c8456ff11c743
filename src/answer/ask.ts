/**
 * Extractive question answering. The answer is one to three sentences copied from the abstracts that
 * best answer the question, each with a numbered citation; broad questions get a short list of
 * papers. Which paper answers is ranked on the evidence (evidence.ts, rank.ts), and the outcome is
 * decided by fitted models (decide.ts): answered, a closest match labelled as such, or not covered,
 * when the papers don't say it.
 */
import { primaryUrl, type Paper } from '../model/paper.js';
import type { AnswerSentence, AskResult, Citation, NearPaper } from '../results.js';
import type { TitleCatalog } from '../search/find.js';
import type { PaperIndex } from '../search/paper-index.js';
import { paperRef } from '../search/refs.js';
import { makeSnippet } from '../search/snippet.js';
import { titleName } from '../text/names.js';
import { truncateWords } from '../text/sentences.js';
import { summarize } from '../text/summarize.js';
import { abstractAnswers, decideOutcome, sharesTopic } from './decide.js';
import { definesName, type Evidence, type PaperEvidence, type SentenceEvidence } from './evidence.js';
import { gatherEvidence } from './rank.js';
import { answerList } from './list.js';
import type { AnswerType } from './question.js';

export const ANSWER_LENGTH = 600;
export const NOT_COVERED = "The listed papers don't seem to cover that.";

const MAX_SENTENCES = 3;
/** A closest match quotes at most this many sentences. */
const CLOSEST_SENTENCES = 2;
/** How much lower (in the sentence model's log-odds) a further sentence may score than the best and still be quoted. */
const FURTHER_SENTENCE = 3;
/** " [1]" and the space before the next sentence. */
const CITATION_MARK = 6;
/** A title in a closest match's hedge, in characters: the hedge names the paper, the sources link it. */
const HEDGE_TITLE = 100;
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

/**
 * "Not sure the list answers this exactly. Closest: “Title” (2025)."; for a name no listed paper
 * uses, "No listed paper mentions PRDC; the nearest name is PMDC, in “Title” (2025)."
 */
function hedgeFor(evidence: Evidence, top: PaperEvidence): string {
  const { paper } = top;
  const named = `“${truncateWords(paper.title, HEDGE_TITLE)}”${paper.published ? ` (${paper.published.slice(0, 4)})` : ''}`;
  const missing = evidence.missingNames[0];
  if (!missing) return `Not sure the list answers this exactly. Closest: ${named}.`;
  const near = missing.near?.doc === top.doc ? `; the nearest name is ${missing.near.name}, in ${named}.` : `. Closest: ${named}.`;
  return `No listed paper mentions ${missing.written}${near}`;
}

/**
 * Who a question is put to: one paper (`ask --paper`), a conversation's papers (their ids latest
 * first: a follow-up), or, without a scope, the whole list.
 */
export type AskScope = { paper: number } | { context: readonly number[] };

export function ask(index: PaperIndex, catalog: TitleCatalog, text: string, scope?: AskScope): AskResult {
  const question = text.trim();
  if (scope && 'paper' in scope) return askPapers(index, catalog, question, [scope.paper]);
  if (scope && scope.context.length > 0) return followUp(index, catalog, question, scope.context);
  return askList(gatherEvidence(index, catalog, question));
}

/** A question to the whole list. */
function askList(evidence: Evidence): AskResult {
  const { question, papers } = evidence;
  const text = evidence.question.raw;
  // A list is answered or not: a topic of the list's field (near enough) gets the papers about it
  // (list.ts judges which are), and "the closest match" to a list of papers is no list.
  const decided = decideOutcome(evidence);
  const outcome = question.type === 'list' && decided === 'closest' ? 'answered' : decided;
  if (papers.length === 0 || outcome === 'not_covered') {
    return notCovered(text, papers.slice(0, 3).filter(sharesTopic).map((p) => nearPaper(evidence, p)), question.type);
  }
  // For a name the list lacks, the closest match is the paper that writes the nearest name.
  const nearDoc = evidence.missingNames.find((m) => m.near)?.near?.doc;
  const top = papers.find((p) => p.doc === nearDoc) ?? papers[0]!;
  const answer = outcome === 'answered' ? answerFrom(evidence, top, text) : closestFrom(evidence, top, text);
  return answer ?? notCovered(text, papers.slice(0, 3).map((p) => nearPaper(evidence, p)), question.type);
}

/** Words that point back at papers already in the conversation ("who wrote it?", "did they release code?"). */
const POINTS_BACK = /\b(?:it|its|it's|they|their|them|theirs|this|that|these|those|the (?:paper|papers|authors|work|method|model|approach|study|benchmark|dataset))\b/i;

/**
 * A follow-up: a question with no subject of its own, or one that points back ("how many GPUs did
 * they use?"), is put to the conversation's papers; one that says another paper's name, asks for a
 * list, writes a name none of the conversation's papers has ("what does PRDX stand for?") or is about
 * another topic the list answers is a new question.
 */
function followUp(index: PaperIndex, catalog: TitleCatalog, text: string, context: readonly number[]): AskResult {
  const evidence = gatherEvidence(index, catalog, text);
  const { question } = evidence;
  const top = evidence.papers[0];
  const namesPaper = top !== undefined && !context.includes(top.doc) && (top.nameAsked || top.exactName);
  if (question.type === 'list' || namesPaper) return askList(evidence);
  const scoped = askPapers(index, catalog, text, context);
  if (question.terms.length === 0 || POINTS_BACK.test(question.text) || RECORD_TYPES.has(question.type)) return scoped;
  const inContext = (term: string) => context.some((doc) => index.docTerms(doc).title.has(term) || index.docTerms(doc).abstract.has(term));
  const namesOther = [...question.names].some((name) => !question.unknownNameParts.has(name) && !inContext(name));
  if (!namesOther && scoped.outcome === 'answered') return scoped;
  const global = askList(evidence);
  return namesOther || global.outcome === 'answered' ? global : scoped;
}

/** Answered from a paper's record (authors, date, links), not from its abstract. */
const RECORD_TYPES: ReadonlySet<AnswerType> = new Set(['who', 'date', 'links']);

/**
 * A question put to given papers: the best of them answers when its abstract holds the question
 * (authors, dates and links come from the record); otherwise the reply says that abstract doesn't
 * say, and shows the paper.
 */
function askPapers(index: PaperIndex, catalog: TitleCatalog, text: string, docs: readonly number[]): AskResult {
  const evidence = gatherEvidence(index, catalog, text, docs);
  const { question } = evidence;
  const top = evidence.papers[0];
  const paper = top?.paper ?? index.paper(docs[0]!);
  if (RECORD_TYPES.has(question.type) || !top) {
    return recordAnswer(text, paper, question.type) ?? summaryAnswer(text, paper, question.type);
  }
  if (question.terms.every((t) => top.titleTerms.has(t))) return summaryAnswer(text, paper, question.type);
  if (abstractAnswers(evidence)) {
    const answer = answerFrom(evidence, top, text);
    if (answer) return answer;
  }
  return { ...notCovered(text, [nearPaper(evidence, top)], question.type), answer: `${paperName(paper)}'s abstract doesn't say that.` };
}

/** Authors, date or links from a paper's record; a listing without authors or dates says so. */
function recordAnswer(text: string, paper: Paper, type: AnswerType): AskResult | undefined {
  const near: NearPaper = { ...paperRef(paper), snippet: summarize(paper.abstract, { maxSentences: 1, maxLength: NEAR_SNIPPET }) };
  const missing = (what: string): AskResult => ({ ...notCovered(text, [near], type), answer: `The list has no ${what} for ${paperName(paper)}.` });
  if (type === 'who') return paper.authors.length > 0 ? single(text, paper, `${paper.title}, by ${paper.authors.join(', ')}.`, 'who') : missing('authors');
  if (type === 'date') return paper.published ? single(text, paper, `${paper.title}: published ${paper.published}.`, 'date') : missing('date');
  if (type === 'links') return single(text, paper, linksLine(paper), 'links');
  return undefined;
}

/** A paper as a reply names it: its own name ("NeoRL-2"), else its title in quotes. */
function paperName(paper: Paper): string {
  return titleName(paper.title) ?? `“${truncateWords(paper.title, 120)}”`;
}

/** "Code: https://github.com/… · Paper: https://arxiv.org/abs/… · PDF: …": what the record links to. */
function linksLine(paper: Paper): string {
  const { links } = paper;
  const named: Array<[string, string | undefined]> = [
    ['Code', links.code],
    ['Project page', links.project],
    ['Paper', links.arxiv ?? links.huggingface],
    ['PDF', links.pdf],
  ];
  const present = named.filter((entry): entry is [string, string] => entry[1] !== undefined).map(([label, url]) => `${label}: ${url}`);
  const noCode = links.code ? '' : ' The list has no code link for it.';
  const found = present.length > 0 ? present.join(' · ') : `Search: ${primaryUrl(paper)}`;
  return `${paper.title} — ${found}.${noCode}`;
}

/** What a paper is about, when the question names the paper and nothing more ("tldr of NeoRL-2"). */
function summaryAnswer(text: string, paper: Paper, type: AnswerType): AskResult {
  return single(text, paper, `${paper.title} — ${summarize(paper.abstract, { maxSentences: 2, maxLength: ANSWER_LENGTH - paper.title.length - 10 })}`, type);
}

/** The paper is near, but the engine is not sure it answers: say so, then quote its likeliest sentences. */
function closestFrom(evidence: Evidence, top: PaperEvidence, text: string): AskResult | undefined {
  const hedge = hedgeFor(evidence, top);
  const budget = ANSWER_LENGTH - hedge.length - 1;
  // Authors, a date and links come from the closest paper's record.
  const record = RECORD_TYPES.has(evidence.question.type) ? recordAnswer(text, top.paper, evidence.question.type) : undefined;
  const quoted = record?.found ? record : quote(evidence, top, closestSentences(evidence, top, budget), budget);
  return {
    ...quoted,
    question: text,
    outcome: 'closest',
    answer: `${hedge} ${quoted.answer}`,
    hedge,
    nearest: evidence.papers.filter((p) => p !== top).slice(0, 2).map((p) => nearPaper(evidence, p)),
    answerType: evidence.question.type,
  };
}

function answerFrom(evidence: Evidence, top: PaperEvidence, text: string): AskResult | undefined {
  const { question } = evidence;
  if (question.type === 'list') {
    const listed = answerList(evidence, ANSWER_LENGTH);
    return listed ? { question: text, outcome: 'answered', found: true, kind: 'quoted', ...listed, nearest: [], answerType: 'list' } : undefined;
  }
  // Authors and links come from the record; a date too, unless a sentence dates what was asked.
  if (question.type === 'who' || question.type === 'links' || (question.type === 'date' && !top.best.typed)) {
    return recordAnswer(text, top.paper, question.type);
  }
  // "How many…" is answered by a number of the asked thing; a sentence without one answers something else.
  if (question.type === 'count' && !top.best.typed) return undefined;
  return { ...quote(evidence, top, chooseSentences(evidence, top, ANSWER_LENGTH, MAX_SENTENCES), ANSWER_LENGTH), question: text, outcome: 'answered', nearest: [], answerType: question.type };
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
 * A closest match's sentences: the likeliest to answer; for a name the list lacks, those that write
 * the nearest name, the one that defines it first ("…Competition (PMDC)").
 */
function closestSentences(evidence: Evidence, top: PaperEvidence, budget: number): Chosen[] {
  const near = evidence.missingNames.find((m) => m.near?.doc === top.doc)?.near?.name;
  if (!near) return chooseSentences(evidence, top, budget, CLOSEST_SENTENCES);
  const writing = top.sentences.filter((s) => s.text.includes(near));
  const ordered = [...writing.filter((s) => definesName(s.text, near)), ...writing.filter((s) => !definesName(s.text, near))];
  const chosen: Chosen[] = [];
  let length = 0;
  for (const sentence of ordered.slice(0, CLOSEST_SENTENCES)) {
    if (chosen.length > 0 && length + sentence.text.length + CITATION_MARK > budget) break;
    chosen.push({ paper: top, sentence });
    length += sentence.text.length + CITATION_MARK;
  }
  return chosen.length > 0 ? chosen : chooseSentences(evidence, top, budget, CLOSEST_SENTENCES);
}

/** A question about several papers: "how does X compare to Y?", "X vs Y". */
const SEVERAL_Q = /\b(?:compare[sd]?|comparison|comparing|versus|vs\.?|differ|differences?|between|both)\b/i;

/**
 * The best sentence first, then the next best while they score within FURTHER_SENTENCE of it and the
 * answer stays within `budget`, read in their abstract's order. They come from the best paper alone,
 * unless the question is about several papers.
 */
function chooseSentences(evidence: Evidence, top: PaperEvidence, budget: number, most: number): Chosen[] {
  const { question } = evidence;
  const several = SEVERAL_Q.test(question.text) || question.writtenNames.length >= 2;
  const papers = several ? evidence.papers.filter((p) => p === top || p.score >= top.score * SECOND_PAPER_SHARE) : [top];
  const best: Chosen = { paper: top, sentence: top.best };
  const pool: Chosen[] = papers
    .flatMap((paper) => paper.sentences.map((sentence) => ({ paper, sentence })))
    .filter((c) => c.sentence !== top.best)
    .sort((a, b) => b.sentence.score - a.sentence.score);
  const chosen = [best];
  let length = best.sentence.text.length + CITATION_MARK;
  for (const next of pool) {
    if (chosen.length >= most || next.sentence.score < best.sentence.score - FURTHER_SENTENCE) break;
    if (length + next.sentence.text.length + CITATION_MARK > budget) continue;
    chosen.push(next);
    length += next.sentence.text.length + CITATION_MARK;
  }
  const rest = chosen.slice(1).sort((a, b) => (a.paper === b.paper ? a.sentence.index - b.sentence.index : b.paper.score - a.paper.score));
  return [best, ...rest];
}

function render(sentences: AnswerSentence[]): string {
  return sentences.map((s) => `${s.text} [${s.citation}]`).join(' ');
}
