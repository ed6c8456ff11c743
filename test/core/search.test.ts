import path from 'node:path';
import { describe, expect, test } from 'vitest';
import { Library } from '../../src/library.js';
import { seedLibrary } from './seed.js';

const lib = await seedLibrary();
const titles = (query: string, options = {}) => lib.search(query, options).results.map((r) => r.title);

describe('search on the seed listing', () => {
  test('topic queries rank the papers about it first, with a total for paging', () => {
    const result = lib.search('offline reinforcement learning', { limit: 3 });
    expect(result.total).toBeGreaterThan(10);
    expect(result.results).toHaveLength(3);
    for (const hit of result.results) expect(hit.title.toLowerCase()).toContain('offline');
  });

  test('acronyms and hyphenated names find their paper first', () => {
    expect(titles('NeoRL-2')[0]).toMatch(/^NeoRL-2:/);
    expect(titles('NeoRL2')[0]).toMatch(/^NeoRL-2:/);
    expect(titles('RT-H')[0]).toMatch(/^RT-H:/);
    expect(titles('PRDC')[0]).toBe('Policy Regularization with Dataset Constraint for Offline Reinforcement Learning');
    expect(titles('DPO preference')[0]).toMatch(/^Differential Information/);
  });

  test('typos and partial words still match', () => {
    expect(titles('reinforcment lerning').length).toBeGreaterThan(0);
    expect(titles('bimanual manipulaton')[0]).toMatch(/Bimanual .*Manipulation/);
    expect(titles('minecra')[0]).toMatch(/^Optimus-2/);
  });

  test('snippets are cut on words and their highlights point at matched words', () => {
    const [hit] = lib.search('tactile feedback', { limit: 1 }).results;
    expect(hit).toBeDefined();
    expect(hit!.snippet.length).toBeLessThanOrEqual(242);
    expect(hit!.highlights.length).toBeGreaterThan(0);
    for (const { start, end } of hit!.highlights) expect(hit!.snippet.slice(start, end).toLowerCase()).toMatch(/^(tactile|feedback)/);
    expect(hit!.snippet).toMatch(/^(…\S|[A-Z])/);
  });

  test('paging with offset continues where the previous page stopped', () => {
    const first = lib.search('policy', { limit: 3 });
    const second = lib.search('policy', { limit: 3, offset: 3 });
    expect(second.total).toBe(first.total);
    expect(second.results.map((r) => r.id)).not.toContain(first.results[0]!.id);
  });

  test('papers without a known date are left out by date filters', () => {
    expect(lib.search('policy').total).toBeGreaterThan(0);
    expect(lib.search('policy', { since: '2000-01-01' }).total).toBe(0);
  });

  test('a query of stopwords alone finds nothing rather than everything', () => {
    expect(lib.search('the of and').total).toBe(0);
  });
});

describe('show, similar and suggest', () => {
  test('show resolves ids, links, exact titles and title prefixes', () => {
    expect(lib.show('2503.19267').paper?.title).toMatch(/^NeoRL-2/);
    expect(lib.show('https://arxiv.org/abs/2503.19267v2').paper?.title).toMatch(/^NeoRL-2/);
    expect(lib.show('NeoRL-2').paper?.id).toBe('2503.19267');
    expect(lib.show('ai agent behavioral science').paper?.title).toBe('AI Agent Behavioral Science');
  });

  test('show finds a paper by the name its abstract gives it, though its title does not say it', () => {
    expect(lib.show('PRDC').paper?.title).toBe('Policy Regularization with Dataset Constraint for Offline Reinforcement Learning');
    expect(lib.show('a2pr').paper?.title).toBe('Adaptive Advantage-Guided Policy Regularization for Offline Reinforcement Learning');
    expect(lib.show('ZQXV').paper).toBeNull();
  });

  test('show gives a 2-3 sentence summary of whole sentences and the paper links', () => {
    const paper = lib.show('NeoRL-2').paper!;
    expect(paper.summary.length).toBeGreaterThan(80);
    expect(paper.summary.length).toBeLessThanOrEqual(480);
    expect(paper.summary).toMatch(/[.!?]$/);
    expect(paper.links.arxiv).toBe('https://arxiv.org/abs/2503.19267');
    expect(paper.links.pdf).toBe('https://arxiv.org/pdf/2503.19267');
  });

  test('an ambiguous or unknown paper gives "did you mean" suggestions instead of a guess', () => {
    const ambiguous = lib.show('policy');
    expect(ambiguous.paper).toBeNull();
    expect(ambiguous.suggestions.length).toBeGreaterThan(1);
    const unknown = lib.show('zzzz qqqq');
    expect(unknown.paper).toBeNull();
    expect(unknown.suggestions).toEqual([]);
  });

  test('similar papers exclude the paper itself and share its subject', () => {
    const similar = lib.similar('NeoRL-2', { limit: 3 });
    expect(similar.paper.id).toBe('2503.19267');
    expect(similar.results).toHaveLength(3);
    expect(similar.results.map((r) => r.id)).not.toContain('2503.19267');
    expect(similar.results.filter((r) => /offline/i.test(r.title + r.summary)).length).toBeGreaterThanOrEqual(2);
  });

  test('similar names an unknown paper as not found', () => {
    expect(() => lib.similar('zzzz qqqq')).toThrow(/No paper matches "zzzz qqqq"/);
  });

  test('suggest completes titles: at most 25, each at most 100 characters', () => {
    expect(lib.suggest('neo')[0]?.title).toMatch(/^NeoRL-2/);
    expect(lib.suggest('diffusion pol').every((s) => /diffusion/i.test(s.title))).toBe(true);
    const all = lib.suggest('');
    expect(all).toHaveLength(25);
    for (const s of all) expect(s.title.length).toBeLessThanOrEqual(100);
    expect(lib.suggest('reinforcment')[0]).toBeDefined();
  });
});

describe('filters on a dated feed (Hugging Face daily papers fixture)', async () => {
  const feed = await Library.open({ corpus: [path.resolve(import.meta.dirname, '../fixtures/hf-daily-papers.json')], cacheDir: null });

  test('since/until keep papers published in range', () => {
    const all = feed.search('model', { limit: 10 });
    const dates = all.results.map((r) => r.published!).sort();
    const cut = dates[Math.floor(dates.length / 2)]!;
    const since = feed.search('model', { since: cut, limit: 10 });
    expect(since.total).toBeGreaterThan(0);
    expect(since.total).toBeLessThan(all.total);
    for (const hit of since.results) expect(hit.published! >= cut).toBe(true);
    for (const hit of feed.search('model', { until: cut, limit: 10 }).results) expect(hit.published! <= cut).toBe(true);
  });

  test('an author filter matches part of a name, ignoring case and accents; alone it lists their papers', () => {
    const byAuthor = feed.search('', { author: 'guo-hua wang' });
    expect(byAuthor.results.map((r) => r.title)).toContain('Ovis-U1 Technical Report');
    expect(feed.search('unified model', { author: 'WANG' }).results.every((r) => r.authors.some((a) => /wang/i.test(a)))).toBe(true);
    expect(feed.search('model', { author: 'Nobody Atall' }).total).toBe(0);
  });
});
