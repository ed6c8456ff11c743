/**
 * The evidence, ranked: each candidate paper scored by the fitted rank model over its features, best
 * first. Everything that answers (ask, the model answers' passages, the fitting bench) starts here.
 */
import type { TitleCatalog } from '../search/find.js';
import type { PaperIndex } from '../search/paper-index.js';
import { ANSWER_MODEL } from './answer-model.js';
import { collectEvidence, TYPED, type Evidence, type PaperEvidence } from './evidence.js';
import { linear, rankFeatures, sentenceFeatures } from './features.js';

/** The least share of the question a sentence holding the asked value must hold to answer it. */
const MIN_TYPED_COVERAGE = 0.2;

/**
 * Scores every sentence with the sentence weights and picks each paper's best: for an abbreviation,
 * the sentence that spells it out; for a question that asks for a value, the best sentence holding
 * one, if the paper has one that is about the question at all.
 */
export function scoreSentences(evidence: Evidence, weights: readonly number[]): void {
  const { question } = evidence;
  for (const p of evidence.papers) {
    for (const s of p.sentences) s.score = linear(weights, sentenceFeatures(s, p.sentences.length, question));
    const ranked = [...p.sentences].sort((a, b) => b.score - a.score);
    // Of the sentences holding the asked value, the one whose number counts most of the asked thing.
    const typed = ranked.filter((s) => s.typed && s.coverage >= MIN_TYPED_COVERAGE).sort((a, b) => b.counted - a.counted);
    // "What does ORG stand for (in the object-ground paper)?" is answered by the sentence that spells ORG out.
    const spelled = question.type === 'expansion' && p.expansion ? ranked.find((s) => s.text.includes(p.expansion!)) : undefined;
    p.best = spelled ?? (TYPED.has(question.type) ? typed[0] : undefined) ?? ranked[0]!;
  }
}

/** Scores and orders the papers with the rank weights. */
export function rankPapers(papers: PaperEvidence[], weights: readonly number[]): void {
  for (const p of papers) p.score = linear(weights, rankFeatures(p));
  papers.sort((a, b) => b.score - a.score);
}

export function gatherEvidence(index: PaperIndex, catalog: TitleCatalog, text: string, within?: readonly number[]): Evidence {
  const evidence = collectEvidence(index, catalog, text, within);
  scoreSentences(evidence, ANSWER_MODEL.sentence.weights);
  rankPapers(evidence.papers, ANSWER_MODEL.rank.weights);
  return evidence;
}
