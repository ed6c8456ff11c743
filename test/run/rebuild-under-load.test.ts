// A corpus file changes while both bots serve: the rebuild runs in a worker thread, and meanwhile
// slash commands are acknowledged and answered from the index that was serving, mentions are
// acknowledged and gateway heartbeats keep flowing. Nothing here depends on how fast the machine is:
// it asserts that acks, answers and heartbeats happened while the rebuild was still running.
import { appendFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { rebuildUnderLoad } from '../../bench/rebuild.js';
import { loadCorpus } from '../../src/ingest/load.js';
import { Library } from '../../src/library.js';
import { DELTA_LIMIT } from '../../src/reload/delta.js';
import { startHarness, type Harness } from '../discord/harness.js';
import { startSlackUnderTest, type SlackUnderTest } from '../slack/harness.js';

const COPIES = 40;
const PROBE = 'Quokka Navigation Benchmarks for Rebuild Probing';

let dir: string;
let corpus: string;
let discord: Harness;
let slack: SlackUnderTest;
let library: Library;
/** The phases the library's loads and rebuilds went through. */
const phases = new Set<string>();

function record(id: string, title: string, abstract: string): string {
  return `${JSON.stringify({ id, title, abstract, authors: ['A. Author'] })}\n`;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'paperbot-rebuild-test-'));
  corpus = path.join(dir, 'papers.jsonl');
  // The seed's 50 papers, 40 times over under distinct titles: 2,000 papers, a rebuild of seconds.
  const seed = (await loadCorpus(['data/papers-listing.txt'])).papers;
  const lines: string[] = [];
  for (let copy = 0; copy < COPIES; copy++) seed.forEach((paper, i) => lines.push(record(`syn-${copy}-${i}`, `${paper.title} (copy ${copy})`, paper.abstract)));
  writeFileSync(corpus, lines.join(''));
  library = await Library.open({ corpus: [corpus], cacheDir: path.join(dir, 'cache'), onProgress: (event) => phases.add(event.phase) });
  discord = await startHarness(library, { heartbeatMs: 250 });
  slack = await startSlackUnderTest(library, { logLevel: 'warn' });
}, 120_000);

afterAll(async () => {
  await discord?.stop();
  await slack?.stop();
  rmSync(dir, { recursive: true, force: true });
});

/** More new papers than a change applied in place takes, so that the corpus is rebuilt in a worker thread. */
function manyPapers(): string {
  return Array.from({ length: DELTA_LIMIT }, (_, i) => record(`bulk-${i}`, `Bulk Paper ${i} on Tidal Flats`, `Bulk abstract ${i}: shorebirds feeding on tidal flats at low tide.`)).join('');
}

test('while a changed corpus is rebuilt, interactions are acknowledged and answered from the current index', { timeout: 180_000 }, async () => {
  const before = library.stats().version;
  phases.clear();
  const run = await rebuildUnderLoad({
    library,
    discord,
    slack,
    showId: 'syn-0-0',
    probeTitle: PROBE,
    change: () => appendFileSync(corpus, `${manyPapers()}${record('probe-added', PROBE, `${PROBE}: quokkas that navigate by landmarks, appended while the bots serve.`)}`),
    intervalMs: 100,
  });

  expect(run.report).toMatchObject({ changed: true, papers: COPIES * 50 + DELTA_LIMIT + 1 });
  expect(phases.has('indexing')).toBe(true);
  expect(library.stats().version).not.toBe(before);
  // Acknowledged while the rebuild was still running: the event loop was free to answer.
  const inWindow = run.interactions.filter((i) => i.ackAt < run.endedAt);
  expect(inWindow.length).toBeGreaterThanOrEqual(3);
  expect(run.interactions.every((i) => Number.isFinite(i.ackAt) && i.answeredAt >= i.ackAt)).toBe(true);
  expect(run.interactions.filter((i) => i.answeredAt < run.endedAt).length).toBeGreaterThanOrEqual(3);
  // Answers before the swap came from the index that was serving; the new paper is there after it.
  expect(run.interactions.filter((i) => i.probe && i.answeredAt < run.endedAt && i.foundProbe)).toEqual([]);
  expect(library.search(PROBE).results[0]?.id).toBe('probe-added');
  // The gateway kept beating and Slack kept being acknowledged during the rebuild.
  expect(run.heartbeats.length).toBeGreaterThanOrEqual(1);
  expect(run.slackAckMs.length).toBeGreaterThanOrEqual(1);
  expect(discord.fake.rejected).toEqual([]);
});

test('a broken corpus file keeps the serving index, and the error names the file and line', { timeout: 120_000 }, async () => {
  const papers = library.stats().papers;
  appendFileSync(corpus, '{"id": "broken", "title": "Half a record"\n');
  await expect(library.reload()).rejects.toThrow(new RegExp(`papers\\.jsonl:${COPIES * 50 + DELTA_LIMIT + 2}: `));
  expect(library.stats().papers).toBe(papers);
  expect(library.search(PROBE).results[0]?.id).toBe('probe-added');
});
