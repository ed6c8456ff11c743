// `paperbot enrich` against the local fake arXiv serving real Atom entries: exact-title matches only,
// ambiguous and unknown titles reported, known ids completed, --check writes nothing, and a run that
// stops halfway is carried on by the next one.
import { mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, expect, test } from 'vitest';
import { ArxivClient } from '../../src/arxiv/client.js';
import { ARXIV_SPACING_MS } from '../../src/digest/feeds.js';
import { PaperbotError } from '../../src/errors.js';
import { loadCorpus } from '../../src/ingest/load.js';
import { enrichListing } from '../../src/list/enrich.js';
import { startFakeArxiv, type FakeArxiv } from '../fakes/arxiv.js';

const SPACING_MS = 60;
const ABSTRACT = (topic: string) =>
  `This listing entry stands in for the abstract of a paper about ${topic}, long enough to read as an abstract paragraph in a papers-page listing, which is all the parser needs to tell it from a title line.`;

const LISTING = [
  'Trending papers',
  '',
  'Defining Data Science',
  '',
  ABSTRACT('what data science is'),
  '',
  'Comment: The 2005 Neyman Lecture: Dynamic Indeterminism in Science',
  '',
  ABSTRACT('a comment on a lecture (arXiv holds two comments with this very title)'),
  '',
  'Quantum Information Science and Complex Quantum Systems',
  '',
  ABSTRACT('quantum information science, listed in the sidecar already'),
  '',
  'Data Science',
  '',
  ABSTRACT('a title that only part of an arXiv title agrees with'),
  '',
  'A Paper That arXiv Does Not Have',
  '',
  ABSTRACT('nothing arXiv knows'),
  '',
].join('\n');

let arxiv: FakeArxiv;
let dir: string;
let listing: string;
let sidecar: string;

beforeAll(async () => {
  arxiv = await startFakeArxiv();
});
afterAll(async () => {
  await arxiv.stop();
});
beforeEach(() => {
  arxiv.mode = 'ok';
  arxiv.requests.length = 0;
  dir = mkdtempSync(path.join(os.tmpdir(), 'paperbot-enrich-'));
  listing = path.join(dir, 'papers.txt');
  sidecar = path.join(dir, 'papers.ids.json');
  writeFileSync(listing, LISTING);
  writeFileSync(sidecar, `${JSON.stringify({ 'Quantum information science and complex quantum systems': 'quant-ph/0210005' }, null, 2)}\n`);
});
afterEach(() => {
  rmSync(dir, { recursive: true, force: true });
});

const client = () => new ArxivClient({ apiUrl: arxiv.url, timeoutMs: 10_000, retries: 0, spacingMs: SPACING_MS });

test('exact titles are matched, near titles and shared titles are not, known ids gain their date and authors', async () => {
  // The waits the client asks for between requests, recorded instead of slept: a 10 s spacing is kept
  // (for the test, instantly) before each request after the first.
  const waits: number[] = [];
  const spaced = new ArxivClient({ apiUrl: arxiv.url, timeoutMs: 10_000, retries: 0, spacingMs: 10_000, sleep: async (ms) => void waits.push(ms) });
  const report = await enrichListing(listing, { arxiv: spaced });
  expect(report.matched).toEqual([
    { title: 'Defining Data Science', id: '1501.05039', published: '2015-01-21', authors: ['Yangyong Zhu', 'Yun Xiong'], kind: 'matched' },
  ]);
  expect(report.completed).toEqual([
    {
      title: 'Quantum Information Science and Complex Quantum Systems',
      id: 'quant-ph/0210005',
      published: '2002-10-01',
      authors: ['Michael A. Nielsen'],
      kind: 'completed',
    },
  ]);
  expect(report.ambiguous).toEqual([{ title: 'Comment: The 2005 Neyman Lecture: Dynamic Indeterminism in Science', ids: ['0808.0631', '0808.0638'] }]);
  expect(report.notFound).toEqual(['Data Science', 'A Paper That arXiv Does Not Have']);
  expect(report).toMatchObject({ papers: 5, lookedUp: 5, check: false });
  expect(report.stopped).toBeUndefined();

  // One id_list request for the known id, then one exact-title search per title, politely spaced.
  expect(arxiv.requests.map((r) => r.query.get('id_list') ?? r.query.get('search_query'))).toEqual([
    'quant-ph/0210005',
    'ti:"Defining Data Science"',
    'ti:"Comment: The 2005 Neyman Lecture: Dynamic Indeterminism in Science"',
    'ti:"Data Science"',
    'ti:"A Paper That arXiv Does Not Have"',
  ]);
  expect(waits).toHaveLength(arxiv.requests.length - 1);
  expect(waits.every((ms) => ms > 0 && ms <= 10_000)).toBe(true);
  expect(ARXIV_SPACING_MS).toBe(3_000);

  // The sidecar keeps its keys and old entries; a plain id became an entry with date and authors.
  expect(JSON.parse(readFileSync(sidecar, 'utf8'))).toEqual({
    'Quantum information science and complex quantum systems': { id: 'quant-ph/0210005', published: '2002-10-01', authors: ['Michael A. Nielsen'] },
    'Defining Data Science': { id: '1501.05039', published: '2015-01-21', authors: ['Yangyong Zhu', 'Yun Xiong'] },
  });
  // And the listing now loads with real ids, dates and authors.
  const papers = (await loadCorpus([listing])).papers;
  expect(papers.find((p) => p.title === 'Defining Data Science')).toMatchObject({
    id: '1501.05039',
    published: '2015-01-21',
    authors: ['Yangyong Zhu', 'Yun Xiong'],
    links: { arxiv: 'https://arxiv.org/abs/1501.05039' },
  });
});

test('--check reports the same changes and writes nothing', async () => {
  const before = readFileSync(sidecar, 'utf8');
  const report = await enrichListing(listing, { arxiv: client(), check: true });
  expect(report.matched.map((m) => m.id)).toEqual(['1501.05039']);
  expect(report.completed.map((m) => m.id)).toEqual(['quant-ph/0210005']);
  expect(readFileSync(sidecar, 'utf8')).toBe(before);
});

test('a listing without a sidecar gets one', async () => {
  rmSync(sidecar);
  await enrichListing(listing, { arxiv: client() });
  expect(Object.keys(JSON.parse(readFileSync(sidecar, 'utf8')))).toEqual(['Defining Data Science', 'Quantum Information Science and Complex Quantum Systems']);
});

test('a run stopped by arXiv failing keeps what it found; the next run carries on with the rest only', async () => {
  let answered = 0;
  const flaky = client();
  const byTitle = flaky.byTitle.bind(flaky);
  flaky.byTitle = async (title) => {
    if (++answered === 2) arxiv.mode = '500';
    return byTitle(title);
  };
  const first = await enrichListing(listing, { arxiv: flaky });
  expect(first.stopped).toMatch(/^arXiv did not answer \(HTTP 500/);
  expect(first.matched.map((m) => m.id)).toEqual(['1501.05039']);
  expect(JSON.parse(readFileSync(sidecar, 'utf8'))['Defining Data Science']).toMatchObject({ id: '1501.05039' });
  expect(readdirTemporaries()).toEqual([]);

  arxiv.mode = 'ok';
  arxiv.requests.length = 0;
  const second = await enrichListing(listing, { arxiv: client() });
  expect(arxiv.requests.map((r) => r.query.get('search_query'))).toEqual([
    'ti:"Comment: The 2005 Neyman Lecture: Dynamic Indeterminism in Science"',
    'ti:"Data Science"',
    'ti:"A Paper That arXiv Does Not Have"',
  ]);
  expect(second.matched).toEqual([]);
  expect(second.stopped).toBeUndefined();
});

test('a file that is not a listing is refused: its records carry their own ids', async () => {
  const jsonl = path.join(dir, 'papers.jsonl');
  writeFileSync(jsonl, `${JSON.stringify({ id: '1501.05039', title: 'Defining Data Science', abstract: 'Data science.' })}\n`);
  const error = await enrichListing(jsonl, { arxiv: client() }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(PaperbotError);
  expect((error as PaperbotError).message).toContain('is jsonl (its records carry their own ids)');
  expect(arxiv.requests).toEqual([]);
});

function readdirTemporaries(): string[] {
  return readdirSync(dir).filter((name) => name.endsWith('.tmp'));
}
