/**
 * Known-item queries made from the corpus itself: each query names one paper, and retrieval quality is
 * where that paper ranks (MRR@10, recall@1).
 */
import type { Paper } from '../src/model/paper.js';
import { seededRandom } from './stats.js';

export type QueryKind = 'exact title' | 'title, a third of words dropped' | 'four abstract words' | 'misspelled title word';

export interface KnownItemQuery {
  kind: QueryKind;
  query: string;
  expectedId: string;
}

const WORD_RE = /[\p{L}\p{N}][\p{L}\p{N}'-]*/gu;
const COMMON = new Set(
  'the a an of for and in on with to from by via is are we our this that these its their as at or be can using based model models method methods learning data results show paper approach new task tasks performance'.split(
    ' ',
  ),
);

function words(text: string): string[] {
  return text.match(WORD_RE) ?? [];
}

function misspell(word: string, random: () => number): string {
  const i = 1 + Math.floor(random() * (word.length - 2));
  const choice = random();
  if (choice < 0.34) return word.slice(0, i) + word[i + 1] + word[i] + word.slice(i + 2); // swap
  if (choice < 0.67) return word.slice(0, i) + word.slice(i + 1); // delete
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  return word.slice(0, i) + letters[Math.floor(random() * 26)] + word.slice(i + 1); // substitute
}

/** `perKind` queries of each kind, from papers drawn at random (seeded). `docFrequency` judges distinctiveness. */
export function knownItemQueries(papers: Paper[], perKind: number, docFrequency: (word: string) => number, seed = 7): KnownItemQuery[] {
  const random = seededRandom(seed);
  const pick = () => papers[Math.floor(random() * papers.length)]!;
  const queries: KnownItemQuery[] = [];
  for (let k = 0; k < perKind; k++) {
    const paper = pick();
    queries.push({ kind: 'exact title', query: paper.title, expectedId: paper.id });
  }
  for (let k = 0; k < perKind; k++) {
    const paper = pick();
    const titleWords = words(paper.title);
    const drop = new Set<number>();
    while (drop.size < Math.floor(titleWords.length / 3)) drop.add(Math.floor(random() * titleWords.length));
    queries.push({ kind: 'title, a third of words dropped', query: titleWords.filter((_, i) => !drop.has(i)).join(' '), expectedId: paper.id });
  }
  for (let k = 0; k < perKind; k++) {
    const paper = pick();
    // Four words a reader would remember: from the abstract, not stopwords, rarer than average.
    const candidates = [...new Set(words(paper.abstract).map((w) => w.toLowerCase()))].filter(
      (w) => w.length > 3 && !COMMON.has(w) && !/\d/.test(w),
    );
    candidates.sort((a, b) => docFrequency(a) - docFrequency(b));
    const distinctive = candidates.slice(0, 12);
    const chosen: string[] = [];
    while (chosen.length < Math.min(4, distinctive.length)) {
      const w = distinctive[Math.floor(random() * distinctive.length)]!;
      if (!chosen.includes(w)) chosen.push(w);
    }
    queries.push({ kind: 'four abstract words', query: chosen.join(' '), expectedId: paper.id });
  }
  for (let k = 0; k < perKind; k++) {
    let paper = pick();
    let titleWords = words(paper.title);
    while (!titleWords.some((w) => w.length >= 5 && /^\p{L}+$/u.test(w))) {
      paper = pick();
      titleWords = words(paper.title);
    }
    const eligible = titleWords.map((w, i) => [w, i] as const).filter(([w]) => w.length >= 5 && /^\p{L}+$/u.test(w));
    const [word, at] = eligible[Math.floor(random() * eligible.length)]!;
    titleWords[at] = misspell(word, random);
    queries.push({ kind: 'misspelled title word', query: titleWords.join(' '), expectedId: paper.id });
  }
  return queries;
}

export interface QualityRow {
  kind: QueryKind;
  queries: number;
  mrr10: number;
  recall1: number;
}

export function scoreQuality(queries: KnownItemQuery[], rankedIds: string[][]): QualityRow[] {
  const rows = new Map<QueryKind, { n: number; rr: number; r1: number }>();
  queries.forEach((q, i) => {
    const rank = rankedIds[i]!.slice(0, 10).indexOf(q.expectedId);
    const row = rows.get(q.kind) ?? { n: 0, rr: 0, r1: 0 };
    row.n++;
    if (rank >= 0) row.rr += 1 / (rank + 1);
    if (rank === 0) row.r1++;
    rows.set(q.kind, row);
  });
  return [...rows].map(([kind, r]) => ({ kind, queries: r.n, mrr10: r.rr / r.n, recall1: r.r1 / r.n }));
}
