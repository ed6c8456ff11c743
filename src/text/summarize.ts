/**
 * Extractive summaries: whole sentences of the abstract, chosen for what the paper does (and, given
 * a query, for what was asked), kept in their original order.
 */
import { analyze } from './analyzer.js';
import { splitSentences, truncateWords } from './sentences.js';

export const SUMMARY_LENGTH = 420;

const CONTRIBUTION_RE =
  /\b(we|this (paper|work|study|report)|our (method|approach|framework|work))\b[^.]{0,60}?\b(propose|present|introduce|develop|design|release|build|show|find|demonstrate|leverage|study|investigate|explore|address|formulate|analy[sz]e|construct|train)s?\b/i;
const RESULT_RE = /\b(outperform|achiev|improv|state[- ]of[- ]the[- ]art|surpass|results? (show|demonstrate|indicate))/i;

export interface SummaryOptions {
  /** Query terms (analysed) to favour. */
  queryTerms?: ReadonlySet<string>;
  maxLength?: number;
  maxSentences?: number;
}

export function summarize(abstract: string, options: SummaryOptions = {}): string {
  const maxLength = options.maxLength ?? SUMMARY_LENGTH;
  const maxSentences = options.maxSentences ?? 3;
  const sentences = splitSentences(abstract);
  if (sentences.length === 0) return '';
  const query = options.queryTerms;
  const scored = sentences.map((sentence, i) => {
    let score = i === 0 ? 0.6 : 0.2 / (i + 1);
    if (CONTRIBUTION_RE.test(sentence.text)) score += 1;
    if (RESULT_RE.test(sentence.text)) score += 0.4;
    if (sentence.text.length > 350) score -= 0.3;
    if (query && query.size > 0) {
      const terms = new Set(analyze(sentence.text));
      let hits = 0;
      for (const term of query) if (terms.has(term)) hits++;
      score += (2 * hits) / query.size;
    }
    return { i, score, text: sentence.text };
  });
  const chosen: typeof scored = [];
  let length = 0;
  for (const candidate of [...scored].sort((a, b) => b.score - a.score)) {
    if (chosen.length >= maxSentences) break;
    const extra = candidate.text.length + (chosen.length > 0 ? 1 : 0);
    if (chosen.length > 0 && length + extra > maxLength) continue;
    chosen.push(candidate);
    length += extra;
  }
  const text = chosen
    .sort((a, b) => a.i - b.i)
    .map((s) => s.text)
    .join(' ');
  return truncateWords(text, maxLength);
}
