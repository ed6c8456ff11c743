/**
 * The answer to a broad question ("any papers on X?", "what's new in X?"): a few papers about X, one
 * line each, every one a citation: the title, then the clause of its abstract that is about X. "About
 * X" is judged by the title, or by an abstract that holds nearly all of X; "new" orders those papers
 * newest first.
 */
import { primaryUrl } from '../model/paper.js';
import type { AnswerSentence, Citation } from '../results.js';
import { analyze } from '../text/analyzer.js';
import { truncateWords } from '../text/sentences.js';
import type { Evidence, PaperEvidence, SentenceEvidence } from './evidence.js';
import { summarize } from '../text/summarize.js';

const MAX_PAPERS = 4;
const SEPARATOR = ': ';
/** A line gets a clause of its abstract only when at least this much room is left for it. */
const MIN_SUMMARY = 50;
/** A clause shorter than this ("in offline RL") says too little alone: it takes the next one along. */
const MIN_CLAUSE = 40;
/** A line's clause is at most this many clauses of one sentence. */
const MAX_RUN = 3;
/** Where a sentence divides into clauses: after a comma, semicolon or colon, around a dash. */
const CLAUSE_BREAK = /[,;:](?=\s)|\s[—–-](?=\s)/g;
/** A clause that says what the paper does ("we propose…") describes it better than one that sets the scene. */
const CONTRIBUTION = /\b(?:we|this (?:paper|work)|our (?:method|approach|model|framework))\s+(?:\w+\s+)?(?:propose|present|introduce|develop|design|show|demonstrate|study|investigate|find|build|train|release)s?\b/i;
const CONTRIBUTION_BONUS = 0.5;
/** A line's clause says at least this many things (terms) that neither the title nor the question says. */
const MIN_NOVEL = 3;
const URL = /https?:\/\/|www\./i;
/** A clause whose subject is in the sentence before ("It will limit…"). */
const PRONOUN_START = /^(?:it|this|these|they|such|those)\b/i;
/** A clause that stops before what it announces ("we show that"). */
const DANGLING = /\b(?:that|to|of|the|a|an|and|or|with|by|as|for|in|on|from|which|whether|than|despite|such|is|are)$/i;
const LEADING_LINK = /^(?:and|but|while|whereas|thus|hence|so|then|which|where)\s+/i;

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
  const titles = papers.map((p) => truncateWords(p.paper.title, 140));
  const heads = papers.map((p, i) => `${titles[i]}${p.paper.published ? ` (${p.paper.published})` : ''}`);
  const marks = papers.map((_, i) => ` [${i + 1}]`.length + 1);
  const spare = budget - heads.reduce((sum, h, i) => sum + h.length + marks[i]! + SEPARATOR.length, 0);
  // Each line takes the clause it wants when they all fit; otherwise the longest give way, down to a
  // common cap, so a short line leaves its room to the others.
  const wanted = papers.map((p) => topicClause(evidence, p, spare));
  const cap = waterLevel(wanted.map((c) => c.length), spare);
  const sentences = papers.map((p, i): AnswerSentence => {
    const clause = wanted[i]!.length <= cap ? wanted[i]! : cap >= MIN_SUMMARY ? topicClause(evidence, p, cap) : '';
    return { text: clause ? `${heads[i]}${SEPARATOR}${clause}` : heads[i]!, citation: i + 1, citations: [i + 1], titleLength: titles[i]!.length };
  });
  const citations = papers.map((p, i): Citation => ({ n: i + 1, id: p.paper.id, title: p.paper.title, url: primaryUrl(p.paper) }));
  return { answer: sentences.map((s) => `${s.text} [${s.citation}]`).join(' '), sentences, citations };
}

/** The largest cap such that the lengths, each cut to it, sum to at most `room`. */
function waterLevel(lengths: readonly number[], room: number): number {
  const sorted = [...lengths].sort((a, b) => a - b);
  let left = room;
  for (const [i, length] of sorted.entries()) {
    const share = Math.floor(left / (sorted.length - i));
    if (length > share) return share;
    left -= length;
  }
  return room;
}

/**
 * What the paper says about the asked topic, whole, within `max`: of the clauses (or short runs of
 * them) of its abstract that say something its title does not, the one that holds most of the
 * question's weight, more when it says what the paper does ("we propose…", "PRDC can…"); the
 * longer on a tie, since it says more. Without one, the abstract's summary.
 */
function topicClause(evidence: Evidence, paper: PaperEvidence, max: number): string {
  const total = [...evidence.weights.values()].reduce((sum, w) => sum + w, 0) || 1;
  const titleTerms = new Set(analyze(paper.paper.title));
  let best: { text: string; score: number } | undefined;
  for (const sentence of paper.sentences) {
    for (const text of clauseRuns(sentence)) {
      if (text.length > max || URL.test(text) || DANGLING.test(text) || PRONOUN_START.test(text)) continue;
      const terms = new Set(analyze(text));
      const novel = [...terms].filter((t) => !titleTerms.has(t) && !isAsked(evidence, t)).length;
      if (novel < MIN_NOVEL) continue;
      const contribution = CONTRIBUTION.test(text) || (paper.ownName !== undefined && text.startsWith(paper.ownName));
      const score = topicWeight(evidence, terms) / total + (contribution ? CONTRIBUTION_BONUS : 0);
      if (!best || score > best.score || (score === best.score && text.length > best.text.length)) best = { text, score };
    }
  }
  return best?.text ?? summarize(paper.paper.abstract, { maxSentences: 1, maxLength: max });
}

/** Every run of up to MAX_RUN consecutive clauses of a sentence long enough to say something, cleaned. */
function clauseRuns(sentence: SentenceEvidence): string[] {
  const text = sentence.text;
  const cuts = [0, ...[...text.matchAll(CLAUSE_BREAK)].map((m) => m.index + 1), text.length];
  const runs: string[] = [];
  for (let i = 0; i < cuts.length - 1; i++) {
    for (let j = i + 1; j < cuts.length && j - i <= MAX_RUN; j++) {
      const run = text
        .slice(cuts[i], cuts[j])
        .trim()
        .replace(/^[-—–]\s*/, '')
        .replace(LEADING_LINK, '')
        .replace(/[\s,;:.]+$/u, '');
      const whole = i === 0 && j === cuts.length - 1;
      if (run.length >= MIN_CLAUSE || whole) runs.push(run);
      if (run.length >= MIN_CLAUSE) break;
    }
  }
  return runs;
}

function isAsked(evidence: Evidence, term: string): boolean {
  return [...evidence.aliases.values()].some((aliases) => aliases.has(term));
}

/** The question's weight a piece of text's terms hold. */
function topicWeight(evidence: Evidence, terms: ReadonlySet<string>): number {
  let weight = 0;
  for (const [term, aliases] of evidence.aliases) {
    if ([...aliases].some((alias) => terms.has(alias))) weight += evidence.weights.get(term) ?? 0;
  }
  return weight;
}
