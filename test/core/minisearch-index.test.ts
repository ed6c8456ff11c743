// The index is minisearch, written to the cache as its own state and restored from it
// (src/search/minisearch-index.ts). On real papers (the bundled listing and the Hugging Face fixture),
// queried as paperbot queries it (words alone and together, title-only groups, typos and partial words,
// weighted words), a restored index must answer exactly as the index that was written, and as
// minisearch's own loadJS does; papers added, replaced and taken out after the restore too.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';
import MiniSearch, { type SearchResult } from 'minisearch';
import { describe, expect, test } from 'vitest';
import { loadCorpus } from '../../src/ingest/load.js';
import type { Paper } from '../../src/model/paper.js';
import {
  MINISEARCH_VERSION,
  indexedDoc,
  miniSearchOptions,
  newMiniSearch,
  paperFields,
  readState,
  stateSections,
  type IndexState,
  type IndexedDoc,
} from '../../src/search/minisearch-index.js';
import { INDEX_OPTIONS } from '../../src/search/options.js';
import { SEED } from './seed.js';

const ROOT = path.resolve(import.meta.dirname, '../..');
const papers = (await loadCorpus([SEED, path.join(ROOT, 'test/fixtures/hf-daily-papers.json')])).papers;

function fresh(over: Paper[]): IndexState {
  const mini = newMiniSearch();
  over.forEach((paper, doc) => mini.add(indexedDoc(doc, paperFields(paper))));
  return { mini, df: new Map(over.map((paper, doc) => [paper.id, doc])) };
}

function restore(state: IndexState, partPostings?: number): IndexState {
  return readState(new Map(stateSections(state, partPostings).map(({ name, bytes }) => [name, bytes])));
}

interface Case {
  words: string[];
  /** Words searched in titles only. */
  titleOnly?: string[];
  /** Words expanded by prefix (and fuzzy from 4 letters). */
  expand?: string[];
  weights?: Map<string, number>;
}

/** A query as `PaperIndex.retrieve` puts it. */
function run(mini: MiniSearch<IndexedDoc>, c: Case): SearchResult[] {
  const expand = new Set(c.expand ?? []);
  const queries: Array<{ queries: string[]; fields?: string[] }> = [{ queries: c.words }];
  if (c.titleOnly?.length) queries.push({ queries: c.titleOnly, fields: ['title'] });
  return mini.search(
    { combineWith: 'OR', queries },
    {
      fuzzy: (term) => (expand.has(term) && term.length >= INDEX_OPTIONS.minFuzzyLength ? INDEX_OPTIONS.fuzzy : false),
      prefix: (term) => expand.has(term),
      boostTerm: c.weights ? (term) => c.weights!.get(term) ?? 1 : undefined,
    },
  );
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

/** Every result the same: papers, order, scores to the last bit, matched terms and fields. */
function expectIdentical(expected: MiniSearch<IndexedDoc>, actual: MiniSearch<IndexedDoc>, queries: Case[]): void {
  let compared = 0;
  for (const c of queries) {
    const want = run(expected, c);
    expect(run(actual, c), JSON.stringify(c)).toEqual(want);
    compared += want.length;
  }
  expect(compared).toBeGreaterThan(1000);
  expect(actual.documentCount).toBe(expected.documentCount);
  expect(actual.termCount).toBe(expected.termCount);
}

describe('a minisearch index restored from its state', () => {
  test('is the pinned minisearch release, the one whose state the cache holds', () => {
    const pinned = (JSON.parse(readFileSync(path.join(ROOT, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies.minisearch;
    const installed = (JSON.parse(readFileSync(path.join(ROOT, 'node_modules/minisearch/package.json'), 'utf8')) as { version: string }).version;
    expect(pinned).toBe(MINISEARCH_VERSION);
    expect(installed).toBe(MINISEARCH_VERSION);
  });

  test('answers exactly as the index that was written, whole or cut into many small parts', () => {
    const written = fresh(papers);
    const queries = cases(papers);
    const whole = restore(written);
    expectIdentical(written.mini, whole.mini, queries);
    expect(whole.df).toEqual(written.df);
    const sections = stateSections(written, 16);
    expect(sections.length).toBeGreaterThan(100);
    expectIdentical(written.mini, restore(written, 16).mini, queries);
  });

  test("answers as minisearch's own loadJS does", () => {
    const written = fresh(papers);
    const restored = restore(written).mini;
    const loaded = MiniSearch.loadJS<IndexedDoc>(JSON.parse(JSON.stringify(written.mini)), miniSearchOptions());
    for (const c of cases(papers)) {
      const want = run(loaded, c);
      const got = run(restored, c);
      if (!c.expand) {
        expect(got, JSON.stringify(c)).toEqual(want);
        continue;
      }
      // loadJS inserts the terms again, which can order a node's children differently: expansions of a
      // typo or partial word are then summed in another order, equal to the last few bits.
      expect(got.map((r) => r.id).sort(), JSON.stringify(c)).toEqual(want.map((r) => r.id).sort());
      const byId = new Map(got.map((r) => [r.id, r]));
      for (const result of want) {
        const mine = byId.get(result.id)!;
        expect(Math.abs(mine.score - result.score)).toBeLessThan(result.score * 1e-12);
        expect(new Set(mine.terms)).toEqual(new Set(result.terms));
      }
    }
  });

  test('takes papers added, replaced and taken out after the restore as a fresh index does', async () => {
    const base = papers.slice(0, 40);
    const written = fresh(base);
    const restored = restore(written, 16).mini;
    const reference = fresh(base).mini;
    let next = base.length;
    const change = (apply: (mini: MiniSearch<IndexedDoc>) => void) => {
      apply(reference);
      apply(restored);
    };
    for (const paper of papers.slice(40)) {
      const doc = next++;
      change((mini) => mini.add(indexedDoc(doc, paperFields(paper))));
    }
    for (const doc of [3, 17, 45]) {
      const edited = { ...papers[doc]!, abstract: `${papers[doc]!.abstract} Edited to add quokkas.` };
      const replacement = next++;
      change((mini) => {
        mini.discard(doc);
        mini.add(indexedDoc(replacement, paperFields(edited)));
      });
    }
    for (const doc of [5, 30, 50]) change((mini) => mini.discard(doc));
    const queries = [...cases(papers), { words: ['quokka'] }, { words: ['quokk'], expand: ['quokk'] }];
    expectIdentical(reference, restored, queries);
    await Promise.all([reference.vacuum(), restored.vacuum()]);
    expectIdentical(reference, restored, queries);
  });

  test('a state that is not whole, not as written, or of another minisearch release is refused', () => {
    const sections = new Map(stateSections(fresh(papers), 16).map(({ name, bytes }) => [name, bytes]));
    const missing = new Map(sections);
    missing.delete('minisearch.7');
    expect(() => readState(missing)).toThrow(/no minisearch\.7 section/);
    const swapped = new Map(sections);
    swapped.set('minisearch.1', sections.get('minisearch.7')!);
    expect(() => readState(swapped)).toThrow(/document ids is not as written/);
    const older = new Map(sections);
    older.set('minisearch.0', v8.serialize({ ...(v8.deserialize(sections.get('minisearch.0')!) as object), minisearch: '7.1.0' }));
    expect(() => readState(older)).toThrow(/7\.2\.0/);
  });
});
