/** Feed fetches are counted per configured feed (never per dated URL) and outcome. */
import fs from 'node:fs';
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { PROJECT_ROOT } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import type { Metrics } from '../../src/metrics.js';
import { freshLibrary, ManualClock, startTestHighlights, tempDatabase, testConfig } from '../digest/helpers.js';

const HF_FIXTURE = fs.readFileSync(path.join(PROJECT_ROOT, 'test', 'fixtures', 'hf-daily-papers.json'), 'utf8');
let server: http.Server;
let base: string;

beforeAll(async () => {
  // Hugging Face answers; the arXiv endpoint is mistyped (404).
  server = http.createServer((req, res) => {
    if (req.url?.startsWith('/api/daily_papers')) res.writeHead(200, { 'content-type': 'application/json' }).end(HF_FIXTURE);
    else res.writeHead(404).end('not found');
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
});

test('each configured feed is counted once per fetch, by outcome', async () => {
  const fetches: string[] = [];
  const metrics: Metrics = { commandRun: () => undefined, digestPost: () => undefined, feedFetch: (feed, outcome) => void fetches.push(`${feed} ${outcome}`) };
  const highlights = await startTestHighlights({
    config: testConfig({
      DATABASE_PATH: tempDatabase(),
      HF_DAILY_FEED: 'true',
      ARXIV_QUERIES: 'cat:cs.LG',
      HF_API_URL: `${base}/api/daily_papers`,
      ARXIV_API_URL: `${base}/arxiv/qeury`,
    }),
    core: await freshLibrary(),
    logger: createLogger('silent'),
    clock: new ManualClock('2026-03-02T06:00:00Z'),
    metrics,
    feedOptions: { retries: 0, arxivSpacingMs: 0 },
  });
  try {
    await highlights.refreshFeeds();
  } finally {
    await highlights.stop();
  }
  // Today's and yesterday's Hugging Face lists are two fetches of one feed.
  expect(fetches).toEqual(['hf-daily ok', 'hf-daily ok', 'arxiv cat:cs.LG error']);
});
