import { appendFile, mkdtemp, readdir, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { loadCorpus } from '../../src/ingest/load.js';
import { Library } from '../../src/library.js';
import type { Paper } from '../../src/model/paper.js';
import type { ProgressPhase } from '../../src/progress.js';
import { DELTA_LIMIT } from '../../src/reload/delta.js';
import { SEED } from './seed.js';

let dir: string;
let corpus: string;
let cacheDir: string;
/** The seed listing's papers, as a JSON-lines corpus. */
let seedPapers: Paper[];

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'paperbot-delta-'));
  corpus = path.join(dir, 'papers.jsonl');
  cacheDir = path.join(dir, 'cache');
  seedPapers = (await loadCorpus([SEED])).papers;
  await writeCorpus(seedPapers);
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

function record(paper: Pick<Paper, 'id' | 'title' | 'abstract' | 'authors'>): string {
  return JSON.stringify({ id: paper.id, title: paper.title, abstract: paper.abstract, authors: paper.authors });
}

async function writeCorpus(papers: Array<Pick<Paper, 'id' | 'title' | 'abstract' | 'authors'>>): Promise<void> {
  await writeFile(corpus, `${papers.map(record).join('\n')}\n`);
}

const ZEBRAS = {
  id: 'zebra-2026',
  title: 'Stripes at Work: Zebras in Three National Parks',
  abstract: 'We study zebras across three national parks and find that their stripes help with temperature regulation and deter biting insects.',
  authors: ['Ada Okafor'],
};

/** A library on the corpus that records the phases its loads and rebuilds go through. */
async function openWatched(): Promise<{ library: Library; phases: Set<ProgressPhase> }> {
  const phases = new Set<ProgressPhase>();
  const library = await Library.open({ corpus: [corpus], cacheDir, onProgress: (event) => phases.add(event.phase) });
  return { library, phases };
}

const QUERIES = ['zebras stripes', 'NeoRL-2', 'diffusion policy', 'offline reinforcement learning benchmark', 'video generation'];

function searchIds(library: Library): string[][] {
  return QUERIES.map((query) => library.search(query, { limit: 10 }).results.map((paper) => paper.id));
}

describe('a small change to the corpus is applied to the index serving', () => {
  test('an appended paper is served without a second index being built, and search answers as after a full build', async () => {
    const { library, phases } = await openWatched();
    phases.clear();
    await appendFile(corpus, `${record(ZEBRAS)}\n`);
    const report = await library.reload();
    expect(report.changed).toBe(true);
    expect([...phases]).toEqual(['parsing', 'applying changes']);
    expect(library.show('Stripes at Work').paper?.id).toBe('zebra-2026');
    expect(library.provenance('zebra-2026')).toMatchObject({ origin: 'corpus', file: 'papers.jsonl', location: '51' });

    const fresh = await Library.open({ corpus: [corpus], cacheDir: null });
    expect(library.stats().papers).toBe(51);
    expect(searchIds(library)).toEqual(searchIds(fresh));
  });

  test('an edited paper and a removed one are served as changed, and a restart serves the same from the cache', async () => {
    const { library } = await openWatched();
    const [first, second, ...rest] = seedPapers;
    const edited = { ...second!, abstract: `${second!.abstract} We also release a wombat-tracking toolkit.` };
    await writeCorpus([edited, ...rest, ZEBRAS]);
    await library.reload();
    expect(library.show(first!.id).paper).toBeNull();
    expect(library.show(edited.id).paper?.abstract).toContain('wombat-tracking toolkit');
    expect(library.search('wombat tracking toolkit').results[0]?.id).toBe(edited.id);
    expect(library.stats().papers).toBe(50);

    const { library: restarted, phases } = await openWatched();
    expect(restarted.lastLoad.fromCache).toBe(true);
    expect([...phases]).toEqual([]);
    expect(restarted.show(first!.id).paper).toBeNull();
    expect(restarted.show(edited.id).paper?.abstract).toContain('wombat-tracking toolkit');
    expect(searchIds(restarted)).toEqual(searchIds(library));
    expect(restarted.provenance('zebra-2026')).toMatchObject({ origin: 'corpus', file: 'papers.jsonl', location: '50' });

    // Changes add up against the full build: one more reload starts from both.
    await appendFile(corpus, `${record({ ...ZEBRAS, id: 'zebra-2027', title: 'Zebra Stripes Revisited' })}\n`);
    await restarted.reload();
    const again = await Library.open({ corpus: [corpus], cacheDir });
    expect(again.lastLoad.fromCache).toBe(true);
    expect(again.show('Zebra Stripes Revisited').paper?.id).toBe('zebra-2027');
    expect(again.show(first!.id).paper).toBeNull();
  });

  test('a second replica sharing the cache takes the same change in place too, not as a second index', async () => {
    const { library: first } = await openWatched();
    const { library: second, phases } = await openWatched();
    await appendFile(corpus, `${record(ZEBRAS)}\n`);
    await first.reload();
    phases.clear();
    await second.reload();
    expect([...phases]).toEqual(['parsing', 'applying changes']);
    expect(second.show('Stripes at Work').paper?.id).toBe('zebra-2026');
    expect(searchIds(second)).toEqual(searchIds(first));
  });

  test('papers added from chat or a feed keep their say when the corpus changes in place', async () => {
    const { library } = await openWatched();
    const live = (id: string, title: string): Paper => ({ id, title, abstract: `${title}: an abstract long enough to index about capybaras.`, authors: ['Live'], tags: [], links: {}, source: 'chat' });
    library.addPapers([live('chat-1', 'Capybaras From Chat')], 'chat');
    library.addPapers([live('feed-1', 'Capybaras From A Feed')], 'feed');

    await appendFile(corpus, `${[record({ ...ZEBRAS, id: 'chat-1', title: 'Capybaras In The Corpus' }), record({ ...ZEBRAS, id: 'feed-1', title: 'Feed Paper As The Corpus Lists It' })].join('\n')}\n`);
    await library.reload();
    expect(library.show('chat-1').paper?.title).toBe('Capybaras In The Corpus');
    expect(library.show('feed-1').paper?.title).toBe('Capybaras From A Feed');

    await writeCorpus(seedPapers);
    await library.reload();
    expect(library.show('chat-1').paper?.title).toBe('Capybaras From Chat');
    expect(library.show('feed-1').paper?.title).toBe('Capybaras From A Feed');
    expect(library.stats().papers).toBe(52);
  });

  test(`more than ${DELTA_LIMIT} changed papers since the full build: the index is rebuilt in full`, { timeout: 60_000 }, async () => {
    const { library, phases } = await openWatched();
    const many = Array.from({ length: DELTA_LIMIT + 1 }, (_, i) => ({
      id: `bulk-${i}`,
      title: `Bulk Paper Number ${i} On Tidal Flats`,
      abstract: `Bulk abstract ${i} about tidal flats and the birds that feed on them at low tide.`,
      authors: ['Bulk'],
    }));
    await writeCorpus([...seedPapers, ...many]);
    phases.clear();
    await library.reload();
    expect(phases.has('indexing')).toBe(true);
    expect(phases.has('applying changes')).toBe(false);
    expect(library.stats().papers).toBe(50 + DELTA_LIMIT + 1);
    const restarted = await Library.open({ corpus: [corpus], cacheDir });
    expect(restarted.lastLoad.fromCache).toBe(true);
    expect(restarted.show('Bulk Paper Number 1999 On Tidal Flats').paper?.id).toBe('bulk-1999');
  });

  test(`a paper inserted at the top of a list of over ${DELTA_LIMIT} moves every line after it, yet is applied in place, and a restart says the new lines`, { timeout: 60_000 }, async () => {
    const many = Array.from({ length: DELTA_LIMIT }, (_, i) => ({
      id: `bulk-${i}`,
      title: `Bulk Paper Number ${i} On Tidal Flats`,
      abstract: `Bulk abstract ${i} about tidal flats and the birds that feed on them at low tide.`,
      authors: ['Bulk'],
    }));
    await writeCorpus([...seedPapers, ...many]);
    const { library, phases } = await openWatched();
    expect(library.provenance('bulk-0')).toMatchObject({ location: '51' });
    await writeCorpus([ZEBRAS, ...seedPapers, ...many]);
    phases.clear();
    await library.reload();
    expect([...phases]).toEqual(['parsing', 'applying changes']);
    expect(library.provenance('zebra-2026')).toMatchObject({ origin: 'corpus', location: '1' });
    expect(library.provenance(seedPapers[0]!.id)).toMatchObject({ location: '2' });
    expect(library.provenance('bulk-0')).toMatchObject({ location: '52' });

    const restarted = await Library.open({ corpus: [corpus], cacheDir });
    expect(restarted.lastLoad.fromCache).toBe(true);
    expect(restarted.provenance('bulk-0')).toMatchObject({ location: '52' });
    expect(restarted.provenance('zebra-2026')).toMatchObject({ location: '1' });
    expect(searchIds(restarted)).toEqual(searchIds(library));
  });

  test('a damaged change entry in the cache is rebuilt from the files, not misread', async () => {
    const { library } = await openWatched();
    await appendFile(corpus, `${record(ZEBRAS)}\n`);
    await library.reload();
    const [delta] = (await readdir(cacheDir)).filter((name) => name.startsWith('delta-'));
    expect(delta).toBeDefined();
    const text = await readFile(path.join(cacheDir, delta!), 'utf8');
    await writeFile(path.join(cacheDir, delta!), text.replace('"put":{"id"', '"put":{"ib"'));
    const { library: restarted, phases } = await openWatched();
    expect(restarted.lastLoad.fromCache).toBe(false);
    expect(phases.has('indexing')).toBe(true);
    expect(restarted.show('Stripes at Work').paper?.id).toBe('zebra-2026');
  });
});
