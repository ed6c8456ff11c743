import { copyFile, mkdir, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { Library } from '../../src/library.js';
import type { Paper } from '../../src/model/paper.js';
import { openImage, writeImage } from '../../src/search/image.js';
import { SEED, seedLibrary } from './seed.js';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'paperbot-library-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

async function copySeed(): Promise<string> {
  const corpus = path.join(dir, 'papers.txt');
  await copyFile(SEED, corpus);
  return corpus;
}

describe('index cache', () => {
  test('a restart on an unchanged corpus loads the cached index; a changed corpus rebuilds', async () => {
    const corpus = await copySeed();
    const cacheDir = path.join(dir, 'cache');
    const first = await Library.open({ corpus: [corpus], cacheDir });
    expect(first.lastLoad.fromCache).toBe(false);
    const second = await Library.open({ corpus: [corpus], cacheDir });
    expect(second.lastLoad.fromCache).toBe(true);
    expect(second.search('NeoRL-2').results[0]?.id).toBe(first.search('NeoRL-2').results[0]?.id);
    expect(second.ask('what does PRDC stand for?').answer).toBe(first.ask('what does PRDC stand for?').answer);

    await writeFile(corpus, `${await readFile(corpus, 'utf8')}\n\nA Brand New Paper On Zebras\n\nWe study zebras in detail across three national parks and find that their stripes help with temperature regulation, insect deterrence and social recognition in every herd we measured over two years.\n`);
    const third = await Library.open({ corpus: [corpus], cacheDir });
    expect(third.lastLoad.fromCache).toBe(false);
    expect(third.search('zebras').results[0]?.title).toBe('A Brand New Paper On Zebras');
  });

  test('a corrupt cache entry is rebuilt instead of served', async () => {
    const corpus = await copySeed();
    const cacheDir = path.join(dir, 'cache');
    await Library.open({ corpus: [corpus], cacheDir });
    const [entry] = await readdir(cacheDir);
    await writeFile(path.join(cacheDir, entry!), '{"format":"paperbot-index","version":1,"key":"x","sour');
    const reopened = await Library.open({ corpus: [corpus], cacheDir });
    expect(reopened.lastLoad.fromCache).toBe(false);
    expect(reopened.stats().papers).toBe(50);
    expect((await Library.open({ corpus: [corpus], cacheDir })).lastLoad.fromCache).toBe(true);
  });

  test('a cache entry cut short is rebuilt, and answers stay right', async () => {
    const corpus = await copySeed();
    const cacheDir = path.join(dir, 'cache');
    await Library.open({ corpus: [corpus], cacheDir });
    const [entry] = await readdir(cacheDir);
    const bytes = await readFile(path.join(cacheDir, entry!));
    await writeFile(path.join(cacheDir, entry!), bytes.subarray(0, Math.floor(bytes.length * 0.8)));
    const reopened = await Library.open({ corpus: [corpus], cacheDir });
    expect(reopened.lastLoad.fromCache).toBe(false);
    expect(reopened.show('NeoRL-2').paper?.title).toMatch(/^NeoRL-2:/);
  });

  test('a cache entry with bytes changed anywhere (papers, postings or abstracts) is rebuilt, never misread', async () => {
    const corpus = await copySeed();
    const cacheDir = path.join(dir, 'cache');
    const built = await Library.open({ corpus: [corpus], cacheDir });
    const expected = built.show('NeoRL-2').paper;
    const [entry] = await readdir(cacheDir);
    const original = await readFile(path.join(cacheDir, entry!));
    for (const share of [0.1, 0.5, 0.9]) {
      const damaged = Buffer.from(original);
      const at = Math.floor(damaged.length * share);
      damaged[at] = damaged[at]! ^ 0x20;
      await writeFile(path.join(cacheDir, entry!), damaged);
      const reopened = await Library.open({ corpus: [corpus], cacheDir });
      expect(reopened.lastLoad.fromCache).toBe(false);
      expect(reopened.show('NeoRL-2').paper).toEqual(expected);
    }
  });

  test('a cache written in the previous format (JSON lines) is rebuilt cleanly, never read, and removed', async () => {
    const corpus = await copySeed();
    const cacheDir = path.join(dir, 'cache');
    const reference = await Library.open({ corpus: [corpus], cacheDir: null });
    // What version 2 wrote: a header line, one line per paper, one per index term.
    const papers = [...Array(reference.stats().papers).keys()].map((i) => JSON.stringify({ id: `old-${i}`, title: `Old ${i}`, abstract: 'Stale.', authors: [], tags: [], links: {}, source: 'x:1' }));
    const header = JSON.stringify({ format: 'paperbot-index', version: 2, key: 'a'.repeat(24), sources: [{ file: corpus, format: 'listing', papers: 50 }], papers: 50, terms: 1, meta: { documentCount: 50, nextId: 50 } });
    const oldEntry = [header, ...papers, JSON.stringify(['stale', { 0: { 0: 1 } }, 1])].join('\n');
    await mkdir(cacheDir, { recursive: true });
    await writeFile(path.join(cacheDir, `index-${'a'.repeat(24)}.jsonl`), oldEntry);
    const first = await Library.open({ corpus: [corpus], cacheDir });
    expect(first.lastLoad.fromCache).toBe(false);
    expect(first.search('offline reinforcement learning')).toEqual(reference.search('offline reinforcement learning'));
    expect((await readdir(cacheDir)).filter((n) => n.endsWith('.jsonl'))).toEqual([]);
    // Even under the name the new format uses, old content is refused.
    const [current] = await readdir(cacheDir);
    await writeFile(path.join(cacheDir, current!), oldEntry);
    const reopened = await Library.open({ corpus: [corpus], cacheDir });
    expect(reopened.lastLoad.fromCache).toBe(false);
    expect(reopened.search('offline reinforcement learning')).toEqual(reference.search('offline reinforcement learning'));
    expect((await Library.open({ corpus: [corpus], cacheDir })).lastLoad.fromCache).toBe(true);
  });

  test('a cache written by the previous index (format 3: typed-array postings) is rebuilt cleanly, never misread', async () => {
    const corpus = await copySeed();
    const cacheDir = path.join(dir, 'cache');
    const reference = await Library.open({ corpus: [corpus], cacheDir: null });
    await Library.open({ corpus: [corpus], cacheDir });
    const [current] = await readdir(cacheDir);
    const file = path.join(cacheDir, current!);
    // What version 3 wrote under the same kind of name: its papers and titles as now, its index as postings arrays.
    const { meta, sections } = openImage(file);
    const old = [...sections].filter(([name]) => !name.startsWith('minisearch.')).map(([name, bytes]) => ({ name, bytes }));
    const postings = ['terms', 'postings.offsets', 'postings.docs', 'postings.freqs', 'terms.df', 'fields.length'].map((name) => ({ name, bytes: new Uint8Array(8) }));
    const { index } = meta as { index: { papers: number } };
    writeImage(file, { ...(meta as object), version: 3, index: { ...index, terms: { documentCount: index.papers, averageFieldLength: [1, 1, 1], freqBytes: 2 } } }, [...old, ...postings]);
    const reopened = await Library.open({ corpus: [corpus], cacheDir });
    expect(reopened.lastLoad.fromCache).toBe(false);
    expect(reopened.search('offline reinforcement learning')).toEqual(reference.search('offline reinforcement learning'));
    expect((await Library.open({ corpus: [corpus], cacheDir })).lastLoad.fromCache).toBe(true);
  });

  test('the same corpus reached by another path loads the same cache entry, and names the path it was read from', async () => {
    const corpus = await copySeed();
    const cacheDir = path.join(dir, 'cache');
    await Library.open({ corpus: [corpus], cacheDir });
    const elsewhere = path.join(dir, 'moved', 'listing.txt');
    await mkdir(path.dirname(elsewhere));
    await copyFile(corpus, elsewhere);
    const moved = await Library.open({ corpus: [elsewhere], cacheDir });
    expect(moved.lastLoad.fromCache).toBe(true);
    expect((await readdir(cacheDir)).length).toBe(1);
    expect(moved.stats().sources.map((s) => s.file)).toEqual([elsewhere]);
    const id = moved.search('NeoRL-2').results[0]!.id;
    expect(moved.getPaper(id)?.source).toMatch(new RegExp(`^${elsewhere.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+$`));
    expect(moved.provenance(id)).toMatchObject({ origin: 'corpus', file: 'listing.txt' });
  });

  test('abstracts stay readable after the cache entry they are read from is deleted', async () => {
    const corpus = await copySeed();
    const cacheDir = path.join(dir, 'cache');
    const built = await Library.open({ corpus: [corpus], cacheDir: null });
    await Library.open({ corpus: [corpus], cacheDir });
    const loaded = await Library.open({ corpus: [corpus], cacheDir });
    expect(loaded.lastLoad.fromCache).toBe(true);
    await rm(cacheDir, { recursive: true });
    for (const query of ['NeoRL-2', 'PRDC', 'SORRY-Bench']) expect(loaded.show(query)).toEqual(built.show(query));
    expect(loaded.ask('what does PRDC stand for?')).toEqual(built.ask('what does PRDC stand for?'));
  });

  test('an entry rewritten in place under a running index is refused when read, never misread', async () => {
    const corpus = await copySeed();
    const cacheDir = path.join(dir, 'cache');
    await Library.open({ corpus: [corpus], cacheDir });
    const loaded = await Library.open({ corpus: [corpus], cacheDir });
    const [entry] = await readdir(cacheDir);
    const bytes = await readFile(path.join(cacheDir, entry!));
    for (let i = 0; i < bytes.length; i++) bytes[i] = bytes[i]! ^ 0x01;
    await writeFile(path.join(cacheDir, entry!), bytes);
    expect(() => loaded.show('NeoRL-2')).toThrow(/index cache file .* changed while in use/);
  });
});

describe('reload', () => {
  test('a corpus that fails to parse never replaces the index that is serving', async () => {
    const corpus = await copySeed();
    const library = await Library.open({ corpus: [corpus], cacheDir: null });
    const lines = (await readFile(corpus, 'utf8')).split('\n').length;
    await writeFile(corpus, `${await readFile(corpus, 'utf8')}\n\nA Title Without Abstract\n`);
    await expect(library.reload()).rejects.toThrow(new RegExp(`papers\\.txt:${lines + 2}: title "A Title Without Abstract" has no abstract`));
    expect(library.stats().papers).toBe(50);
    expect(library.show('NeoRL-2').paper?.title).toMatch(/^NeoRL-2:/);
  });

  test('a good change is swapped in', async () => {
    const corpus = await copySeed();
    const library = await Library.open({ corpus: [corpus], cacheDir: null });
    const version = library.stats().version;
    await writeFile(corpus, `${await readFile(corpus, 'utf8')}\n\nGiraffe Necks Explained\n\nWe explain giraffe necks with a new model of browsing height, sexual selection and heat loss, and find that it fits field measurements from four savanna populations better than any earlier account.\n`);
    expect((await library.reload()).papers).toBe(51);
    expect(library.stats().version).not.toBe(version);
    expect(library.search('giraffe').total).toBe(1);
  });
});

describe('live additions (feeds)', () => {
  test('added papers are searchable at once; re-adding replaces instead of duplicating', async () => {
    const library = await Library.open({ corpus: [SEED], cacheDir: null });
    const paper: Paper = {
      id: '2607.00001',
      arxivId: '2607.00001',
      title: 'Octopus Arms as Soft Robot Controllers',
      abstract: 'We model octopus arms as distributed controllers for soft robots. The controller transfers to three robot arms.',
      authors: ['Ada Lovelace'],
      published: '2026-07-01',
      tags: [],
      links: { arxiv: 'https://arxiv.org/abs/2607.00001' },
      source: 'feed',
    };
    expect(library.addPapers([paper])).toBe(1);
    expect(library.search('octopus').results[0]?.id).toBe('2607.00001');
    expect(library.addPapers([{ ...paper, title: 'Octopus Arms as Soft Robot Controllers (v2)' }])).toBe(0);
    expect(library.search('octopus').total).toBe(1);
    expect(library.stats().papers).toBe(51);
    expect(library.suggest('octopus')[0]?.title).toBe('Octopus Arms as Soft Robot Controllers (v2)');
  });
});

describe('highlights', () => {
  test('a varied pick: the asked number, no excluded paper, no two on the same idea', async () => {
    const library = await seedLibrary();
    const picked = library.highlights({ limit: 5 }).highlights;
    expect(picked).toHaveLength(5);
    expect(new Set(picked.map((p) => p.id)).size).toBe(5);
    const again = library.highlights({ limit: 5, exclude: picked.map((p) => p.id) }).highlights;
    expect(again.some((p) => picked.some((q) => q.id === p.id))).toBe(false);
    for (const p of picked) expect(p.summary).toMatch(/[.!?…]$/);
  });

  test('a topic favours matching papers and says so', async () => {
    const library = await seedLibrary();
    const picked = library.highlights({ limit: 3, topic: 'diffusion' }).highlights;
    expect(picked.every((p) => p.reasons.includes('topic'))).toBe(true);
    expect(picked.filter((p) => /diffusion/i.test(p.title)).length).toBeGreaterThanOrEqual(2);
  });

  test('on a dated feed, upvotes and recency drive the pick', async () => {
    const feed = await Library.open({ corpus: [path.resolve(import.meta.dirname, '../fixtures/hf-daily-papers.json')], cacheDir: null });
    const picked = feed.highlights({ limit: 3 });
    expect(picked.since).toBeDefined();
    expect(picked.highlights[0]!.reasons).toContain('upvotes');
    const top = Math.max(...feed.search('', { since: '2000-01-01', limit: 10 }).results.map((r) => r.upvotes ?? 0));
    expect(picked.highlights.some((h) => h.upvotes === top)).toBe(true);
  });
});
