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

const FIELD_BOOSTS: readonly number[] = INDEX_OPTIONS.fields.map((field) => INDEX_OPTIONS.boost[field]);
const { k, b, d } = INDEX_OPTIONS.bm25;

/**
 * Scores summed per paper at one level (a word, a group of words, the whole query), in dense arrays
 * over document numbers with the papers in the order they were first reached. Each level adds the
 * sums of the level below in that order, as minisearch added its per-word and per-group results, so
 * the floating-point sums come out the same. A round stamp marks what this round reached, so the
 * arrays are reused from round to round (and query to query) without clearing.
 */
class Sums {
  readonly score: Float64Array;
  private readonly stamp: Int32Array;
  readonly order: number[] = [];
  private round = 1;

  constructor(size: number) {
    this.score = new Float64Array(size);
    this.stamp = new Int32Array(size);
  }

  add(doc: number, value: number): void {
    if (this.stamp[doc] === this.round) {
      this.score[doc] = this.score[doc]! + value;
      return;
    }
    this.stamp[doc] = this.round;
    this.score[doc] = value;
    this.order.push(doc);
  }

  /** Adds every sum of this round into `into` (none when `into` is undefined), then starts a new round. */
  drainInto(into: Sums | undefined): void {
    if (into) for (const doc of this.order) into.add(doc, this.score[doc]!);
    this.order.length = 0;
    this.round++;
  }
}

/**
 * What one query gathers per paper beyond its score: how many query words it matched, and the index
 * terms it matched, in the order it matched them (minisearch's order). Reused from query to query.
 */
class Scratch {
  readonly word: Sums;
  readonly group: Sums;
  readonly total: Sums;
  private readonly seen: Int32Array;
  private readonly counted: Int32Array;
  private readonly words: Uint16Array;
  private readonly first: Int32Array;
  private more = new Map<number, number[]>();
  private names: string[] = [];
  private ids = new Map<string, number>();
  /** For a word the query holds more than once (in two groups): the papers it matched so far. */
  private repeated = new Map<string, Set<number>>();
  private current: Set<number> | undefined;
  private query = 0;
  private wordNo = 0;

  constructor(readonly size: number) {
    this.word = new Sums(size);
    this.group = new Sums(size);
    this.total = new Sums(size);
    this.seen = new Int32Array(size);
    this.counted = new Int32Array(size);
    this.words = new Uint16Array(size);
    this.first = new Int32Array(size);
  }

  startQuery(groups: QueryGroup[]): void {
    this.query++;
    this.more = new Map();
    this.names = [];
    this.ids = new Map();
    const words = groups.flatMap((group) => group.terms.map((query) => query.term));
    this.repeated = new Map(words.filter((word, i) => words.indexOf(word) !== i).map((word) => [word, new Set<number>()]));
  }

  startWord(word: string): void {
    this.wordNo++;
    this.current = this.repeated.get(word);
  }

  termId(term: string): number {
    let id = this.ids.get(term);
    if (id === undefined) {
      id = this.names.length;
      this.ids.set(term, id);
      this.names.push(term);
    }
    return id;
  }

  /** `doc` matched index term `term` for the current word. */
  reached(doc: number, term: number): void {
    if (this.seen[doc] !== this.query) {
      this.seen[doc] = this.query;
      this.words[doc] = 0;
      this.first[doc] = term;
    } else if (this.first[doc] !== term) {
      const more = this.more.get(doc);
      if (!more) this.more.set(doc, [term]);
      else if (!more.includes(term)) more.push(term);
    }
    if (this.counted[doc] !== this.wordNo) {
      this.counted[doc] = this.wordNo;
      // A paper counts each query word once, however many groups hold it.
      if (!this.current?.has(doc)) this.words[doc]!++;
      this.current?.add(doc);
    }
  }

  wordsOf(doc: number): number {
    return this.words[doc]!;
  }

  termsOf(doc: number): string[] {
    const terms = [this.names[this.first[doc]!]!];
    for (const term of this.more.get(doc) ?? []) terms.push(this.names[term]!);
    return terms;
  }
}

/** One scratch per index, grown as papers are added; queries run one at a time. */
const scratches = new WeakMap<TermIndex, Scratch>();

function scratchFor(index: TermIndex): Scratch {
  let scratch = scratches.get(index);
  if (!scratch || scratch.size < index.documentLimit) {
    scratch = new Scratch(Math.max(index.documentLimit, Math.ceil((scratch?.size ?? 0) * 1.25)));
    scratches.set(index, scratch);
  }
  return scratch;
}

/** Scores every paper holding `term` (reached from the current word) in the given fields. */
function collect(index: TermIndex, scratch: Scratch, term: string, weight: number, boost: number, fields: readonly number[]): void {
  const total = index.documentCount;
  const termId = scratch.termId(term);
  const sums = scratch.word;
  for (const field of fields) {
    const matching = index.fieldCount(term, field);
    if (matching <= 0) continue;
    const idf = Math.log(1 + (total - matching + 0.5) / (matching + 0.5));
    const average = index.averageFieldLength(field);
    const factor = weight * boost * FIELD_BOOSTS[field]!;
    for (const { docs, freqs, start, end } of index.postings(term, field)) {
      for (let p = start; p < end; p++) {
        const doc = docs[p]!;
        if (index.isRemoved(doc)) continue;
        const freq = freqs[p]!;
        sums.add(doc, factor * (idf * (d + (freq * (k + 1)) / (freq + k * (1 - b + (b * index.fieldLength(doc, field)) / average)))));
        scratch.reached(doc, termId);
      }
    }
  }
}

function scoreWord(index: TermIndex, scratch: Scratch, query: TermQuery, fields: readonly number[]): void {
  const { term, boost } = query;
  scratch.startWord(term);
  collect(index, scratch, term, 1, boost, fields);
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
    collect(index, scratch, found, (INDEX_OPTIONS.weights.prefix * found.length) / (found.length + 0.3 * distance), boost, fields);
  }
  for (const [found, distance] of near ?? []) {
    if (!distance) continue;
    collect(index, scratch, found, (INDEX_OPTIONS.weights.fuzzy * found.length) / (found.length + distance), boost, fields);
  }
}

/** "0", "42": names a JavaScript object lists first, in numeric order. */
function isArrayIndex(key: string): boolean {
  return /^(?:0|[1-9]\d{0,9})$/.test(key) && Number(key) < 4_294_967_295;
}

/** The matched terms in the order minisearch listed them (the keys of an object). */
function keyOrder(terms: string[]): string[] {
  if (terms.length === 1 || !terms.some(isArrayIndex)) return terms;
  const numeric = terms.filter(isArrayIndex).sort((x, y) => Number(x) - Number(y));
  return [...numeric, ...terms.filter((term) => !isArrayIndex(term))];
}

/** Papers `limit` best of `docs` by `score`, best first; ties keep the order of `docs`. */
function best(docs: readonly number[], score: (doc: number) => number, limit: number): number[] {
  // A heap of the best so far with the weakest on top; a later paper with the same score never beats it.
  const heap: Array<{ doc: number; score: number; at: number }> = [];
  const weaker = (x: { score: number; at: number }, y: { score: number; at: number }) => x.score < y.score || (x.score === y.score && x.at > y.at);
  const sift = (i: number) => {
    for (;;) {
      const left = 2 * i + 1;
      const right = left + 1;
      let top = i;
      if (left < heap.length && weaker(heap[left]!, heap[top]!)) top = left;
      if (right < heap.length && weaker(heap[right]!, heap[top]!)) top = right;
      if (top === i) return;
      [heap[i], heap[top]] = [heap[top]!, heap[i]!];
      i = top;
    }
  };
  docs.forEach((doc, at) => {
    const value = score(doc);
    if (heap.length < limit) {
      heap.push({ doc, score: value, at });
      for (let i = heap.length - 1; i > 0 && weaker(heap[i]!, heap[(i - 1) >> 1]!); i = (i - 1) >> 1) {
        [heap[i], heap[(i - 1) >> 1]] = [heap[(i - 1) >> 1]!, heap[i]!];
      }
    } else if (limit > 0 && value > heap[0]!.score) {
      heap[0] = { doc, score: value, at };
      sift(0);
    }
  });
  return heap.sort((x, y) => y.score - x.score || x.at - y.at).map((entry) => entry.doc);
}

export interface QueryResult {
  /** Papers that matched (and passed the filter). */
  total: number;
  /** The best of them, best first (ties in the order they were first reached): all, or `limit`. */
  results: Scored[];
}

/** Papers matching any group; `limit` keeps only the best ones (the rest are counted, not listed). */
export function runQuery(index: TermIndex, groups: QueryGroup[], options: { filter?: (doc: number) => boolean; limit?: number } = {}): QueryResult {
  const scratch = scratchFor(index);
  const { word, group, total } = scratch;
  scratch.startQuery(groups);
  for (const { terms, fields } of groups) {
    for (const query of terms) {
      scoreWord(index, scratch, query, fields);
      word.drainInto(group);
    }
    group.drainInto(total);
  }
  const { filter, limit } = options;
  const matched = filter ? total.order.filter(filter) : total.order;
  const scoreOf = (doc: number) => total.score[doc]! * (scratch.wordsOf(doc) || 1);
  const listed = limit === undefined || limit >= matched.length ? [...matched].sort((x, y) => scoreOf(y) - scoreOf(x)) : best(matched, scoreOf, limit);
  const results = listed.map((doc) => ({ doc, score: scoreOf(doc), terms: keyOrder(scratch.termsOf(doc)) }));
  const count = matched.length;
  total.drainInto(undefined);
  return { total: count, results };
}
