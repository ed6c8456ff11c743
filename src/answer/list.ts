/**
 * The answer to a broad question ("any papers on X?", "what's new in X?"): a few papers about X, one
 * line each, every one a citation. "About X" is judged by the title, or by an abstract that holds
 * nearly all of X; "new" orders those papers newest first.
 */
import { primaryUrl } from '../model/paper.js';
import type { AnswerSentence, Citation } from '../results.js';
import { truncateWords } from '../text/sentences.js';
import type { Evidence, PaperEvidence } from './evidence.js';
import { summarize } from '../text/summarize.js';

const MAX_PAPERS = 4;
/** A line gets a clause of its abstract only when at least this much room is left for it. */
const MIN_SUMMARY = 50;

function isAbout(p: PaperEvidence): boolean {
  return p.titleCoverage >= 0.5 || (p.coverage >= 0.9 && p.best.coverage >= 0.6);
}

export function answerList(evidence: Evidence, budget: number): { answer: string; sentences: AnswerSentence[]; citations: Citation[] } | undefined {
  const about = evidence.papers.filter(isAbout);
  if (about.length === 0) return undefined;
  const picked = evidence.question.recent
    ? [...about].sort((a, b) => (b.paper.published ?? '').localeCompare(a.paper.published ?? '') || b.score - a.score)
    : about;
  const papers = picked.slice(0, MAX_PAPERS);
  const heads = papers.map((p) => `${truncateWords(p.paper.title, 140)}${p.paper.published ? ` (${p.paper.published})` : ''}`);
  const marks = papers.map((_, i) => ` [${i + 1}]`.length + 1);
  const spare = budget - heads.reduce((sum, h, i) => sum + h.length + marks[i]!, 0);
  const each = Math.floor(spare / papers.length) - 2;
  const sentences = papers.map((p, i): AnswerSentence => {
    const clause = each >= MIN_SUMMARY ? summarize(p.paper.abstract, { maxSentences: 1, maxLength: each }) : '';
    return { text: clause ? `${heads[i]}: ${clause}` : heads[i]!, citation: i + 1, citations: [i + 1] };
  });
  const citations = papers.map((p, i): Citation => ({ n: i + 1, id: p.paper.id, title: p.paper.title, url: primaryUrl(p.paper) }));
  return { answer: sentences.map((s) => `${s.text} [${s.citation}]`).join(' '), sentences, citations };
}
