import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { ARXIV_SPACING_MS } from '../../src/digest/feeds.js';
import type { Library } from '../../src/library.js';
import { createLogger, type Logger } from '../../src/log.js';
import { BACKENDS, databaseEnv } from '../support/databases.js';
import { FakePoster, freshLibrary, ManualClock, memoryLogger, startTestHighlights, tempDatabase, testConfig, type RunningHighlights } from './helpers.js';

const HF_FIXTURE = fs.readFileSync(path.join(PROJECT_ROOT, 'test', 'fixtures', 'hf-daily-papers.json'), 'utf8');
const ARXIV_FIXTURE = fs.readFileSync(path.join(PROJECT_ROOT, 'test', 'fixtures', 'arxiv-atom.xml'), 'utf8');
const HF_FIRST = JSON.parse(HF_FIXTURE)[0].paper as { id: string; title: string };

type Mode = 'ok' | '500' | 'malformed' | 'slow';
interface Hit {
  path: string;
  query: URLSearchParams;
  userAgent: string | undefined;
  at: number;
}

let server: http.Server;
let base: string;
let mode: Mode = 'ok';
const hits: Hit[] = [];

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    hits.push({ path: url.pathname, query: url.searchParams, userAgent: req.headers['user-agent'], at: Date.now() });
    const isHf = url.pathname === '/api/daily_papers';
    if (mode === '500') {
      res.writeHead(500, { 'content-type': 'text/plain' }).end('upstream exploded');
    } else if (mode === 'malformed') {
      res.writeHead(200, { 'content-type': 'application/json' }).end(isHf ? '[{"paper": {"id": "2506.2' : '<feed><entry><title>cut');
    } else if (mode === 'slow') {
      setTimeout(() => res.writeHead(200).end(isHf ? HF_FIXTURE : ARXIV_FIXTURE), 1_500).unref();
    } else {
      res.writeHead(200, { 'content-type': isHf ? 'application/json' : 'application/atom+xml' }).end(isHf ? HF_FIXTURE : ARXIV_FIXTURE);
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

const running: RunningHighlights[] = [];
afterEach(async () => {
  for (const h of running.splice(0)) await h.stop();
  hits.length = 0;
  mode = 'ok';
});

function feedConfig(database: string | Record<string, string> = tempDatabase(), extra: Record<string, string> = {}) {
  return testConfig({
    ...(typeof database === 'string' ? { DATABASE_PATH: database } : database),
    HF_DAILY_FEED: 'true',
    ARXIV_QUERIES: 'cat:cs.LG,all:"diffusion policy"',
    HF_API_URL: `${base}/api/daily_papers`,
    ARXIV_API_URL: `${base}/api/query`,
    FEED_TIMEOUT_SECONDS: '0.3',
    ...extra,
  });
}

async function start(core: Library, options: { database?: string | Record<string, string>; logger?: Logger; extra?: Record<string, string>; clock?: ManualClock; posters?: FakePoster[] } = {}) {
  const highlights = await startTestHighlights({
    config: feedConfig(options.database, options.extra),
    core,
    logger: options.logger ?? createLogger('silent'),
    clock: options.clock ?? new ManualClock('2026-03-02T06:00:00Z'),
    posters: new Map((options.posters ?? []).map((p) => [p.platform, p])),
    feedOptions: { retries: 2, backoffMs: 20, arxivSpacingMs: 150 },
  });
  running.push(highlights);
  return highlights;
}

test('a refresh adds the feeds\' papers to the live index and the database, and they survive a restart', async () => {
  const core = await freshLibrary();
  const before = core.stats().papers;
  expect(core.getPaper(HF_FIRST.id)).toBeUndefined();
  const database = tempDatabase();
  const report = await (await start(core, { database })).refreshFeeds();

  expect(report.failed).toEqual([]);
  expect(report.added).toBeGreaterThan(10);
  expect(core.getPaper(HF_FIRST.id)?.title).toBe(HF_FIRST.title);
  expect(core.search('Defining Data Science').results[0]?.title).toBe('Defining Data Science');
  expect(core.stats().papers).toBe(before + report.added);

  // HF by date (today and yesterday, UTC), then each arXiv query, newest first, 50 at most.
  expect(hits.map((h) => [h.path, h.query.get('date') ?? h.query.get('search_query')])).toEqual([
    ['/api/daily_papers', '2026-03-02'],
    ['/api/daily_papers', '2026-03-01'],
    ['/api/query', 'cat:cs.LG'],
    ['/api/query', 'all:"diffusion policy"'],
  ]);
  expect(hits[2]?.query.get('sortBy')).toBe('submittedDate');
  expect(hits[2]?.query.get('sortOrder')).toBe('descending');
  expect(hits[2]?.query.get('max_results')).toBe('50');
  expect(hits.every((h) => /^paperbot\/\d+\.\d+\.\d+ \(\+.+\)$/.test(h.userAgent ?? ''))).toBe(true);
  // Measured at the server, so allow for delivery jitter; without the spacing the gap is a few ms.
  expect(hits[3]!.at - hits[2]!.at).toBeGreaterThanOrEqual(100);
  expect(ARXIV_SPACING_MS).toBe(3_000);

  await running.splice(0)[0]?.stop();
  const restarted = await freshLibrary();
  server.closeAllConnections();
  await start(restarted, { database, extra: { HF_DAILY_FEED: 'false', ARXIV_QUERIES: '' } });
  expect(restarted.getPaper(HF_FIRST.id)?.title).toBe(HF_FIRST.title);
  expect(restarted.stats().papers).toBe(before + report.added);
});

test.each([
  { failure: '500' as const, error: /HTTP 500.*gave up after 3 attempts/, requestsPerSource: 3 },
  { failure: 'malformed' as const, error: /.+/, requestsPerSource: 1 },
  { failure: 'slow' as const, error: /no complete response within 300 ms.*gave up after 3 attempts/, requestsPerSource: 3 },
])('a $failure response is logged with its source and leaves the known papers as they were', async ({ failure, error, requestsPerSource }) => {
  mode = failure;
  const core = await freshLibrary();
  const before = core.stats().papers;
  const { logger, lines } = memoryLogger();
  const report = await (await start(core, { logger })).refreshFeeds();

  expect(report.added).toBe(0);
  expect(report.failed.map((f) => f.source)).toEqual([
    'hf-daily 2026-03-02',
    'hf-daily 2026-03-01',
    'arxiv cat:cs.LG',
    'arxiv all:"diffusion policy"',
  ]);
  for (const f of report.failed) expect(f.error).toMatch(error);
  expect(hits).toHaveLength(4 * requestsPerSource);
  expect(core.stats().papers).toBe(before);
  expect(core.search('Defining Data Science').results.some((r) => r.title === 'Defining Data Science')).toBe(false);
  const warnings = lines().filter((l) => l.msg === 'feed refresh failed; keeping the papers already known');
  expect(warnings.map((w) => w.source)).toEqual(report.failed.map((f) => f.source));
});

test('the feeds are refreshed ten minutes before a digest, once', async () => {
  const clock = new ManualClock('2026-03-02T08:00:00Z');
  const discord = new FakePoster('discord', clock);
  const core = await freshLibrary();
  const highlights = await start(core, {
    clock,
    posters: [discord],
    extra: { HIGHLIGHTS: JSON.stringify([{ platform: 'discord', channel: 'D1', time: '09:00', timezone: 'UTC' }]) },
  });
  await highlights.runNow();
  expect(hits).toHaveLength(0);
  await clock.advanceTo('2026-03-02T08:50:00Z');
  expect(hits).toHaveLength(4);
  expect(discord.posts).toHaveLength(0);
  await clock.advanceTo('2026-03-02T09:00:00Z');
  expect(hits).toHaveLength(4);
  expect(discord.posts).toHaveLength(1);
});

test.each(BACKENDS)('two replicas on one %s database: one fetches the feeds, both index the papers', async (backend) => {
  const database = await databaseEnv(backend);
  const [coreA, coreB] = [await freshLibrary(), await freshLibrary()];
  const [a, b] = [await start(coreA, { database }), await start(coreB, { database })];
  const reports = await Promise.all([a.refreshFeeds(), b.refreshFeeds()]);

  // Each source was fetched once, by whichever replica took the lease.
  expect(hits).toHaveLength(4);
  const fetcher = reports.findIndex((r) => r.fetchedBy === undefined);
  const waiter = 1 - fetcher;
  expect(reports[fetcher]?.added).toBeGreaterThan(10);
  expect(reports[waiter]).toEqual({ fetched: 0, added: 0, failed: [], fetchedBy: [a, b][fetcher]?.storage.owner });

  // The other replica's index catches up on its next poll.
  await Promise.all([a.papers.sync(), b.papers.sync()]);
  expect(coreA.getPaper(HF_FIRST.id)?.title).toBe(HF_FIRST.title);
  expect(coreB.getPaper(HF_FIRST.id)?.title).toBe(HF_FIRST.title);
  expect(coreA.stats().papers).toBe(coreB.stats().papers);

  // The lease was released: the next refresh may be anyone's.
  hits.length = 0;
  const again = await b.refreshFeeds();
  expect(again.fetchedBy).toBeUndefined();
  expect(again.added).toBe(0);
  expect(hits).toHaveLength(4);
});
