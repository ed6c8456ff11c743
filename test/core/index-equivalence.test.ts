// paperbot's own inverted index replaced minisearch, whose scoring it keeps. This compares the two on
// real papers (the bundled listing and the Hugging Face fixture): minisearch configured as paperbot
// configured it, queried the way paperbot queried it, against the term index and its query runner,
// for words alone and together, typos, partial words, weighted words, title-only groups, and after
// papers are added, replaced and taken out live.
import path from 'node:path';
import MiniSearch from 'minisearch';
import { describe, expect, test } from 'vitest';
import { loadCorpus } from '../../src/ingest/load.js';
import type { Paper } from '../../src/model/paper.js';
import { INDEX_OPTIONS } from '../../src/search/options.js';
import { PostingsBuilder, paperFields } from '../../src/search/postings.js';
import { runQuery, type QueryGroup } from '../../src/search/score.js';
import { TermIndex } from '../../src/search/term-index.js';
import { SEED } from './seed.js';

const HF = path.resolve(import.meta.dirname, '../fixtures/hf-daily-papers.json');
const papers = (await loadCorpus([SEED, HF])).papers;

interface Doc {
  i: number;
  title: string;
  abstract: string;
  authors: string;
}

function miniDoc(paper: Paper, i: number): Doc {
  const [title, abstract, authors] = paperFields(paper).map((terms) => terms.join(' '));
  return { i, title: title!, abstract: abstract!, authors: authors! };
}

function minisearch(): MiniSearch<Doc> {
  return new MiniSearch<Doc>({
    idField: 'i',
    fields: [...INDEX_OPTIONS.fields],
    storeFields: [],
    tokenize: (text) => (text.length === 0 ? [] : text.split(' ')),
    processTerm: (term) => term,
    searchOptions: { boost: INDEX_OPTIONS.boost, bm25: INDEX_OPTIONS.bm25 },
  });
}

interface Case {
  words: string[];
  /** Words searched in titles only. */
  titleOnly?: string[];
  /** Words expanded by prefix (and fuzzy from 4 letters). */
  expand?: string[];
  weights?: Map<string, number>;
}

function viaMinisearch(mini: MiniSearch<Doc>, c: Case) {
  const expand = new Set(c.expand ?? []);
  const queries: Array<{ queries: string[]; fields?: string[] }> = [{ queries: c.words }];
  if (c.titleOnly?.length) queries.push({ queries: c.titleOnly, fields: ['title'] });
  return mini
    .search(
      { combineWith: 'OR', queries },
      {
        fuzzy: (term) => (expand.has(term) && term.length >= INDEX_OPTIONS.minFuzzyLength ? INDEX_OPTIONS.fuzzy : false),
        maxFuzzy: INDEX_OPTIONS.maxFuzzy,
        prefix: (term) => expand.has(term),
        boostTerm: c.weights ? (term) => c.weights!.get(term) ?? 1 : undefined,
      },
    )
    .map((r) => ({ doc: r.id as number, score: r.score, terms: r.terms }));
}

function viaTermIndex(index: TermIndex, c: Case) {
  const expand = new Set(c.expand ?? []);
  const asked = (term: string) => ({
    term,
    fuzzy: expand.has(term) && term.length >= INDEX_OPTIONS.minFuzzyLength ? INDEX_OPTIONS.fuzzy : (false as const),
    prefix: expand.has(term),
    boost: c.weights?.get(term) ?? 1,
  });
  const groups: QueryGroup[] = [{ terms: c.words.map(asked), fields: [0, 1, 2] }];
  if (c.titleOnly?.length) groups.push({ terms: c.titleOnly.map(asked), fields: [0] });
  const all = runQuery(index, groups);
  // Listing only the best few gives the same head of the list, and the same count.
  const few = runQuery(index, groups, { limit: 3 });
  expect(few.total).toBe(all.results.length);
  expect(few.results).toEqual(all.results.slice(0, 3));
  return all.results;
}

/** Queries drawn from the papers themselves, plus typos, partial words and weights. */
function cases(sample: Paper[]): Case[] {
  const all: Case[] = [];
  for (const paper of sample) {
    const [title = [], abstract = [], authors = []] = paperFields(paper);
    const words = [...new Set(title)].slice(0, 4);
    if (words.length === 0) continue;
    all.push({ words });
    all.push({ words: words.slice(0, 1), titleOnly: [...new Set(abstract)].slice(0, 3) });
    all.push({ words: [...new Set(abstract)].slice(5, 9), weights: new Map(words.map((w, i) => [w, 1 / (i + 1)])) });
    if (authors[0]) all.push({ words: [authors[0]] });
    const long = words.find((w) => w.length >= 5);
    if (long) {
      const typo = `${long.slice(0, 2)}${long.slice(3)}`;
      const partial = long.slice(0, 4);
      all.push({ words: [typo, ...words.slice(1, 2)], expand: [typo] });
      all.push({ words: [partial], expand: [partial] });
      all.push({ words: [`${long}x`], expand: [`${long}x`] });
    }
  }
  return all;
}

/**
 * Exact words must give exactly minisearch's results. Expanded words (typos, partial words) are summed
 * in term order, where minisearch went in the order of its radix tree, which depended on the history
 * of insertions (and differed between a built and a cache-loaded index): there the same papers must
 * come with the same terms and scores equal to the last few bits.
 */
function expectSame(mini: MiniSearch<Doc>, index: TermIndex, queries: Case[]): void {
  let compared = 0;
  for (const c of queries) {
    const expected = viaMinisearch(mini, c);
    const actual = viaTermIndex(index, c);
    compared += expected.length;
    if (!c.expand?.length) {
      expect(actual, JSON.stringify(c)).toEqual(expected);
      continue;
    }
    const byDoc = new Map(actual.map((r) => [r.doc, r]));
    expect(actual.length, JSON.stringify(c)).toBe(expected.length);
    for (const want of expected) {
      const got = byDoc.get(want.doc);
      expect(got, JSON.stringify(c)).toBeDefined();
      expect(Math.abs(got!.score - want.score), JSON.stringify(c)).toBeLessThan(want.score * 1e-12);
      expect(new Set(got!.terms), JSON.stringify(c)).toEqual(new Set(want.terms));
    }
    expect(actual.every((r, i) => i === 0 || r.score <= actual[i - 1]!.score)).toBe(true);
  }
  expect(compared).toBeGreaterThan(1000);
}

/** Both indexes over the same papers, numbered in order. */
function bothIndexes(over: Paper[]): { mini: MiniSearch<Doc>; index: TermIndex } {
  const mini = minisearch();
  const builder = new PostingsBuilder();
  over.forEach((paper, i) => {
    mini.add(miniDoc(paper, i));
    builder.add(paperFields(paper));
  });
  return { mini, index: new TermIndex(builder.finish()) };
}

describe('the term index scores as minisearch did', () => {
  test('on the bundled listing and the Hugging Face fixture', () => {
    const { mini, index } = bothIndexes(papers);
    expect(index.documentCount).toBe(mini.documentCount);
    expectSame(mini, index, cases(papers));
  });

  test('after papers are added, replaced and taken out live', async () => {
    const base = papers.slice(0, 40);
    const { mini, index } = bothIndexes(base);
    const docs = base.map((paper, doc) => ({ paper, doc }));
    // Added live: the rest; then a few base papers replaced by an edited copy, and a few taken out.
    for (const paper of papers.slice(40)) {
      const doc = index.add(paperFields(paper));
      mini.add(miniDoc(paper, doc));
      docs.push({ paper, doc });
    }
    for (const at of [3, 17, 45]) {
      const { paper, doc } = docs[at]!;
      index.remove(doc, paperFields(paper));
      mini.discard(doc);
      const edited = { ...paper, abstract: `${paper.abstract} Edited to add quokkas.` };
      const next = index.add(paperFields(edited));
      mini.add(miniDoc(edited, next));
    }
    for (const at of [5, 30, 50]) {
      const { paper, doc } = docs[at]!;
      index.remove(doc, paperFields(paper));
      mini.discard(doc);
    }
    // minisearch drops a discarded paper's postings lazily; once vacuumed its counts are exact.
    await mini.vacuum();
    expect(index.documentCount).toBe(mini.documentCount);
    expectSame(mini, index, [...cases(papers), { words: ['quokka'] }, { words: ['quokk'], expand: ['quokk'] }]);
  });
});
