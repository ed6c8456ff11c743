/**
 * Shutdown and the daily post: a post still under way at the deadline gives its claim up, so the
 * next process takes it over at once (asking the platform first) instead of after the claim
 * timeout; and every attempt is counted for /metrics.
 */
import Database from 'better-sqlite3';
import { afterEach, expect, test } from 'vitest';
import { startHighlights, type Highlights } from '../../src/digest/service.js';
import { createLogger } from '../../src/log.js';
import type { DigestPostOutcome, Metrics } from '../../src/metrics.js';
import { FakePoster, ManualClock, seedLibrary, tempDatabase, testConfig, until } from '../digest/helpers.js';

const running: Highlights[] = [];
afterEach(async () => {
  for (const h of running.splice(0)) await h.stop({ timeoutMs: 100 });
});

function recorder(): Metrics & { digests: DigestPostOutcome[] } {
  const digests: DigestPostOutcome[] = [];
  return { digests, commandRun: () => undefined, feedFetch: () => undefined, digestPost: (outcome) => void digests.push(outcome) };
}

interface ClaimRow {
  state: string;
  claim_owner: string | null;
  attempts: number;
}

function claimRow(database: string): ClaimRow | undefined {
  const db = new Database(database, { readonly: true });
  try {
    return db.prepare<[], ClaimRow>('SELECT state, claim_owner, attempts FROM posts').get();
  } finally {
    db.close();
  }
}

test('a post under way at the shutdown deadline releases its claim; the next process finishes it at once', async () => {
  const database = tempDatabase();
  const config = testConfig({
    DATABASE_PATH: database,
    HIGHLIGHTS: JSON.stringify([{ platform: 'discord', channel: 'D1', time: '09:00', timezone: 'UTC', count: 3 }]),
  });
  const clock = new ManualClock('2026-03-30T08:00:00Z');
  const stuck = new FakePoster('discord', clock);
  stuck.hangBeforeDelivery = true;
  const first = startHighlights({ config, core: await seedLibrary(), logger: createLogger('silent'), clock, posters: new Map([['discord', stuck]]) });
  await first.runNow();

  // 09:00: the post starts and never returns (a platform that stopped answering).
  void clock.advanceTo('2026-03-30T09:00:00Z');
  await until(() => claimRow(database)?.claim_owner != null);
  await first.stop({ timeoutMs: 50 });
  expect(claimRow(database)).toMatchObject({ state: 'claimed', claim_owner: null });

  // A minute later, well inside the 10-minute claim timeout, the next process takes it over.
  const later = new ManualClock('2026-03-30T09:01:00Z');
  const poster = new FakePoster('discord', later);
  const metrics = recorder();
  const second = startHighlights({ config, core: await seedLibrary(), logger: createLogger('silent'), clock: later, posters: new Map([['discord', poster]]), metrics });
  running.push(second);
  await second.runNow();
  expect(poster.findCalls).toBe(1);
  expect(poster.postsIn('D1')).toHaveLength(1);
  expect(claimRow(database)).toMatchObject({ state: 'posted', claim_owner: null, attempts: 2 });
  expect(metrics.digests).toEqual(['posted']);
});

test('a post that finished before the stop leaves no claim behind', async () => {
  const database = tempDatabase();
  const config = testConfig({
    DATABASE_PATH: database,
    HIGHLIGHTS: JSON.stringify([{ platform: 'discord', channel: 'D1', time: '09:00', timezone: 'UTC', count: 3 }]),
  });
  const clock = new ManualClock('2026-03-30T08:59:00Z');
  const poster = new FakePoster('discord', clock);
  const metrics = recorder();
  const highlights = startHighlights({ config, core: await seedLibrary(), logger: createLogger('silent'), clock, posters: new Map([['discord', poster]]), metrics });
  await highlights.runNow();
  await clock.advanceTo('2026-03-30T09:00:00Z');
  await highlights.stop({ timeoutMs: 10_000 });
  expect(claimRow(database)).toMatchObject({ state: 'posted', claim_owner: null });
  expect(metrics.digests).toEqual(['posted']);
});
