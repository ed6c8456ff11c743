/**
 * Runs a query over the term index and scores it as minisearch 7 did when it was paperbot's index
 * (BM25 with its per-field counts, field and term boosts, prefix and fuzzy expansions weighed by how
 * far they stray, OR-combined groups, the score multiplied by the number of query words matched), in
 * the same order of operations, so rankings and scores did not move when the index changed format.
 * One difference: expansions of a typo or partial word are taken in term order, where minisearch took
 * them in its radix tree's order (which depended on the order words were first indexed, and differed
 * between a built and a cache-loaded index); their sums may differ in the last bits.
 * A query is groups of words; each group may be limited to some fields.
 */
import { INDEX_OPTIONS } from './options.js';
import type { TermIndex } from './term-index.js';

export interface TermQuery {
  term: string;
  /** Allowed edits as a fraction of the word's length (false: exact and prefix only). */
  fuzzy: number | false;
  prefix: boolean;
  boost: number;
}

export interface QueryGroup {
  terms: TermQuery[];
  /** Field numbers, in `INDEX_OPTIONS.fields` order. */
  fields: readonly number[];
}

export interface Scored {
  doc: number;
  score: number;
  /** The index terms that matched, exact or through an expansion. */
  terms: string[];
}

interface Hit {
  score: number;
  /** Query words matched. */
  words: string[];
  /** Index terms matched. */
  terms: string[];
}

type Hits = Map<number, Hit>;

const FIELD_BOOSTS: readonly number[] = INDEX_OPTIONS.fields.map((field) => INDEX_OPTIONS.boost[field]);
const { k, b, d } = INDEX_OPTIONS.bm25;

function addUnique(list: string[], item: string): void {
  if (!list.includes(item)) list.push(item);
}

/** Scores every paper holding `term` (reached from the query word `word`) in the given fields. */
function collect(index: TermIndex, word: string, term: string, weight: number, boost: number, fields: readonly number[], hits: Hits): void {
  const total = index.documentCount;
  for (const field of fields) {
    const matching = index.fieldCount(term, field);
    if (matching <= 0) continue;
    const idf = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
    const average = index.averageFieldLength(field);
    const factor = weight * boost * FIELD_BOOSTS[field]!;
    index.forEachPosting(term, field, (doc, freq) => {
      const score = factor * (idf * (d + (freq * (k + 1)) / (freq + k * (1 - b + (b * index.fieldLength(doc, field)) / average))));
      const hit = hits.get(doc);
      if (hit) {
        hit.score += score;
        addUnique(hit.words, word);
        addUnique(hit.terms, term);
      } else {
        hits.set(doc, { score, words: [word], terms: [term] });
      }
    });
  }
}

function wordHits(index: TermIndex, query: TermQuery, fields: readonly number[]): Hits {
  const { term, boost } = query;
  const hits: Hits = new Map();
  collect(index, term, term, 1, boost, fields, hits);
  const prefixed = query.prefix ? index.prefixed(term) : undefined;
  let near: Map<string, number> | undefined;
  if (query.fuzzy !== false) {
    const maxDistance = query.fuzzy < 1 ? Math.min(INDEX_OPTIONS.maxFuzzy, Math.round(term.length * query.fuzzy)) : query.fuzzy;
    if (maxDistance) near = new Map(index.near(term, maxDistance));
  }
  for (const found of prefixed ?? []) {
    const distance = found.length - term.length;
    if (!distance) continue;
    near?.delete(found);
    collect(index, term, found, (INDEX_OPTIONS.weights.prefix * found.length) / (found.length + 0.3 * distance), boost, fields, hits);
  }
  for (const [found, distance] of near ?? []) {
    if (!distance) continue;
    collect(index, term, found, (INDEX_OPTIONS.weights.fuzzy * found.length) / (found.length + distance), boost, fields, hits);
  }
  return hits;
}

function either(into: Hits, other: Hits): Hits {
  for (const [doc, hit] of other) {
    const existing = into.get(doc);
    if (!existing) {
      into.set(doc, hit);
      continue;
    }
    existing.score = existing.score + hit.score;
    for (const term of hit.terms) addUnique(existing.terms, term);
    for (const word of hit.words) addUnique(existing.words, word);
  }
  return into;
}

function anyOf(all: Hits[]): Hits {
  return all.length === 0 ? new Map() : all.reduce(either);
}

/** "0", "42": names a JavaScript object lists first, in numeric order. */
function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4_294_967_295;
}

/** The matched terms in the order minisearch listed them (the keys of an object). */
function keyOrder(terms: string[]): string[] {
  if (!terms.some(isArrayIndex)) return terms;
  const numeric = terms.filter(isArrayIndex).sort((x, y) => Number(x) - Number(y));
  return [...numeric, ...terms.filter((term) => !isArrayIndex(term))];
}

/** Papers matching any group, best first (ties in the order they were first reached). */
export function runQuery(index: TermIndex, groups: QueryGroup[], filter?: (doc: number) => boolean): Scored[] {
  const hits = anyOf(groups.map((group) => anyOf(group.terms.map((query) => wordHits(index, query, group.fields)))));
  const results: Scored[] = [];
  for (const [doc, hit] of hits) {
    if (filter && !filter(doc)) continue;
    results.push({ doc, score: hit.score * (hit.words.length || 1), terms: keyOrder(hit.terms) });
  }
  return results.sort((x, y) => y.score - x.score);
}
