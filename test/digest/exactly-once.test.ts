import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { PROJECT_ROOT, type Config } from '../../src/config.js';
import type { Clock } from '../../src/digest/clock.js';
import type { DigestPlatform, DigestPoster } from '../../src/digest/types.js';
import { parsePapers } from '../../src/ingest/load.js';
import { createLogger, type Logger } from '../../src/log.js';
import type { Storage } from '../../src/storage/index.js';
import { BACKENDS, databaseEnv, setDatabaseAvailable, type Backend } from '../support/databases.js';
import {
  FakePoster,
  freshLibrary,
  ManualClock,
  memoryLogger,
  openTestStorage,
  seedLibrary,
  startTestHighlights,
  testConfig,
  until,
  type RunningHighlights,
} from './helpers.js';

const running: RunningHighlights[] = [];
/** Processes that "crashed": never stopped, only their connections closed after the test. */
const abandoned: Storage[] = [];
afterEach(async () => {
  for (const h of running.splice(0)) await h.stop();
  for (const storage of abandoned.splice(0)) await storage.close();
});

interface LedgerRow {
  local_date: string;
  state: string;
  note: string | null;
  message_id: string | null;
}

describe.each(BACKENDS)('exactly once on %s', (backend: Backend) => {
  /** One "process": its own database connection, scheduler and clock (a crashed one is simply abandoned). */
  async function boot(options: {
    config: Config;
    clock: Clock;
    posters: DigestPoster[];
    logger?: Logger;
    track?: boolean;
  }): Promise<RunningHighlights> {
    const highlights = await startTestHighlights({
      config: options.config,
      core: await seedLibrary(),
      logger: options.logger ?? createLogger('silent'),
      posters: new Map<DigestPlatform, DigestPoster>(options.posters.map((p) => [p.platform, p])),
      clock: options.clock,
    });
    if (options.track !== false) running.push(highlights);
    else abandoned.push(highlights.storage);
    await highlights.runNow();
    return highlights;
  }

  async function freshConfig(env: Record<string, string> = {}): Promise<Config> {
    return testConfig({ ...(await databaseEnv(backend)), ...env });
  }

  async function dailyAt9(extra: Record<string, string> = {}): Promise<Config> {
    return freshConfig({
      HIGHLIGHTS: JSON.stringify([{ platform: 'discord', channel: 'D1', time: '09:00', timezone: 'UTC', count: 3 }]),
      ...extra,
    });
  }

  /** The ledger as a third connection sees it. */
  async function ledgerRows(config: Config): Promise<LedgerRow[]> {
    const storage = await openTestStorage(config);
    try {
      return await storage.ledger.rows();
    } finally {
      await storage.close();
    }
  }

  function postedIds(poster: FakePoster): string[] {
    return poster.posts.flatMap((p) => p.digest.highlights.highlights.map((h) => h.id));
  }

  test('a restart mid-week (same database) loses and duplicates nothing', async () => {
    const config = await dailyAt9();
    const clock = new ManualClock('2026-03-02T00:00:00Z');
    const discord = new FakePoster('discord', clock);
    const first = await boot({ config, clock, posters: [discord], track: false });
    await clock.advanceTo('2026-03-04T12:00:00Z');
    await first.stop();
    expect(discord.posts).toHaveLength(3);

    const second = await boot({ config, clock, posters: [discord] });
    await clock.advanceTo('2026-03-08T12:00:00Z');
    await second.stop();
    running.splice(0);

    expect(discord.posts.map((p) => p.digest.date)).toEqual([
      '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08',
    ]);
    expect(new Set(postedIds(discord)).size).toBe(21);
    expect((await ledgerRows(config)).every((r) => r.state === 'posted' && r.message_id)).toBe(true);
  });

  test('a digest missed while the bot was down is posted late within the catch-up window', async () => {
    const config = await dailyAt9();
    const clock = new ManualClock('2026-03-02T00:00:00Z');
    const discord = new FakePoster('discord', clock);
    const first = await boot({ config, clock, posters: [discord], track: false });
    await clock.advanceTo('2026-03-03T08:00:00Z');
    await first.stop();

    await clock.advanceTo('2026-03-03T14:30:00Z'); // down at 09:00, back 5.5 hours later
    await boot({ config, clock, posters: [discord] });
    expect(discord.posts.map((p) => [p.digest.date, p.at.toISOString()])).toEqual([
      ['2026-03-02', '2026-03-02T09:00:00.000Z'],
      ['2026-03-03', '2026-03-03T14:30:00.000Z'],
    ]);
  });

  test('beyond the catch-up window a missed digest is skipped and logged, and the next day posts normally', async () => {
    const config = await dailyAt9({ HIGHLIGHTS_CATCHUP_HOURS: '2' });
    const clock = new ManualClock('2026-03-02T00:00:00Z');
    const discord = new FakePoster('discord', clock);
    const first = await boot({ config, clock, posters: [discord], track: false });
    await clock.advanceTo('2026-03-02T10:00:00Z');
    await first.stop();

    await clock.advanceTo('2026-03-03T11:30:00Z');
    const { logger, lines } = memoryLogger();
    await boot({ config, clock, posters: [discord], logger });
    await clock.advanceTo('2026-03-04T10:00:00Z');

    expect(discord.posts.map((p) => p.digest.date)).toEqual(['2026-03-02', '2026-03-04']);
    expect((await ledgerRows(config)).map((r) => [r.local_date, r.state])).toEqual([
      ['2026-03-02', 'posted'],
      ['2026-03-03', 'skipped'],
      ['2026-03-04', 'posted'],
    ]);
    const skipped = lines().filter((l) => String(l.msg).includes('catch-up window'));
    expect(skipped).toHaveLength(1);
    expect(skipped[0]).toMatchObject({ channel: 'D1', date: '2026-03-03' });
  });

  test('a crash between posting and marking: the next process finds the post and records it, no repeat', async () => {
    const config = await dailyAt9();
    const discord = new FakePoster('discord', new ManualClock('2026-03-02T00:00:00Z'));
    const clockA = new ManualClock('2026-03-02T00:00:00Z');
    await boot({ config, clock: clockA, posters: [discord], track: false });
    await clockA.advanceTo('2026-03-02T10:00:00Z');
    discord.hangAfterDelivery = true;
    // Delivered, then the process "dies" before marking: its pass never finishes.
    void clockA.advanceTo('2026-03-03T09:00:00Z');
    await until(() => discord.posts.length === 2);

    discord.hangAfterDelivery = false;
    const clockB = new ManualClock('2026-03-03T09:02:00Z');
    await boot({ config, clock: clockB, posters: [discord] });
    expect(discord.posts).toHaveLength(2); // the dead process's claim is still fresh: wait, do not post
    await clockB.advanceTo('2026-03-03T09:15:00Z'); // past the 10-minute claim timeout
    expect(discord.posts).toHaveLength(2);
    expect((await ledgerRows(config))[1]).toMatchObject({ local_date: '2026-03-03', state: 'posted', message_id: 'discord-msg-2' });

    await clockB.advanceTo('2026-03-04T10:00:00Z');
    expect(discord.posts.map((p) => p.digest.date)).toEqual(['2026-03-02', '2026-03-03', '2026-03-04']);
    // The papers recorded at claim time count as posted: the day after does not repeat them.
    expect(new Set(postedIds(discord)).size).toBe(9);
  });

  test('a crash after claiming but before posting: the next process posts once the claim expires', async () => {
    const config = await dailyAt9();
    const discord = new FakePoster('discord', new ManualClock('2026-03-02T00:00:00Z'));
    const clockA = new ManualClock('2026-03-02T08:00:00Z');
    await boot({ config, clock: clockA, posters: [discord], track: false });
    discord.hangBeforeDelivery = true;
    void clockA.advanceTo('2026-03-02T09:00:00Z');
    // Wait for the call itself to hang: the ledger row alone appears before the process reaches the platform.
    await until(() => discord.hung === 1, 5_000);
    expect(await ledgerRows(config)).toHaveLength(1);
    expect(discord.posts).toHaveLength(0);

    discord.hangBeforeDelivery = false;
    const clockB = new ManualClock('2026-03-02T09:05:00Z');
    discord.clock = clockB;
    await boot({ config, clock: clockB, posters: [discord] });
    await clockB.advanceTo('2026-03-02T09:20:00Z');
    expect(discord.posts).toHaveLength(1);
    expect(discord.posts[0]?.at.toISOString()).toBe('2026-03-02T09:10:00.000Z');
    expect(discord.findCalls).toBe(1);
  });

  test('a failed post that did go out is recorded on retry, one that did not is posted again', async () => {
    const config = await dailyAt9();
    const clock = new ManualClock('2026-03-02T08:00:00Z');
    const discord = new FakePoster('discord', clock);
    await boot({ config, clock, posters: [discord] });

    discord.failAfterDeliveryOnce = true;
    await clock.advanceTo('2026-03-02T12:00:00Z');
    expect(discord.posts).toHaveLength(1);
    expect((await ledgerRows(config))[0]).toMatchObject({ state: 'posted', message_id: 'discord-msg-1' });

    discord.failOnce = true;
    await clock.advanceTo('2026-03-03T12:00:00Z');
    expect(discord.posts.map((p) => [p.digest.date, p.at.toISOString()])).toEqual([
      ['2026-03-02', '2026-03-02T09:00:00.000Z'],
      ['2026-03-03', '2026-03-03T09:05:00.000Z'],
    ]);
  });

  test('two processes on one database, woken by the same clock for a week, post each digest once', async () => {
    const config = await dailyAt9();
    const clock = new ManualClock('2026-03-02T00:00:00Z');
    const discord = new FakePoster('discord', clock);
    await boot({ config, clock, posters: [discord] });
    await boot({ config, clock, posters: [discord] });
    await clock.advanceTo('2026-03-09T00:00:00Z');
    expect(discord.posts.map((p) => p.digest.date)).toEqual([
      '2026-03-02', '2026-03-03', '2026-03-04', '2026-03-05', '2026-03-06', '2026-03-07', '2026-03-08',
    ]);
  });

  test('concurrent passes of two processes at the due time post once', async () => {
    const config = await dailyAt9();
    const clockA = new ManualClock('2026-03-02T09:00:00Z');
    const clockB = new ManualClock('2026-03-02T09:00:00Z');
    const discord = new FakePoster('discord', clockA);
    const highlights = await seedLibrary();
    const start = (clock: Clock) =>
      startTestHighlights({ config, core: highlights, posters: new Map([['discord', discord]]), clock });
    const [a, b] = await Promise.all([start(clockA), start(clockB)]);
    running.push(a, b);
    // Both passes interleave: one claims and awaits the platform while the other finds the claim.
    await Promise.all([a.runNow(), b.runNow(), a.runNow(), b.runNow()]);
    expect(discord.posts).toHaveLength(1);
    expect(await ledgerRows(config)).toMatchObject([{ state: 'posted', message_id: 'discord-msg-1' }]);
  });

  test('a channel the bot can no longer post to pauses its subscription with the reason', async () => {
    const config = await dailyAt9();
    const clock = new ManualClock('2026-03-02T08:00:00Z');
    const discord = new FakePoster('discord', clock);
    discord.unavailable.set('D1', 'Missing Access');
    const { logger, lines } = memoryLogger();
    const highlights = await boot({ config, clock, posters: [discord], logger });
    await clock.advanceTo('2026-03-05T12:00:00Z');

    expect(discord.posts).toHaveLength(0);
    expect((await highlights.subscriptions.list('discord', 'D1'))[0]).toMatchObject({ pausedReason: 'Missing Access' });
    expect((await highlights.subscriptions.list('discord', 'D1'))[0]?.nextPostAt).toBeUndefined();
    expect(lines().filter((l) => l.reason === 'Missing Access')).toHaveLength(1);
  });

  test('a day with nothing new gets no post by default, or a short note when configured', async () => {
    const nothing = JSON.stringify([{ platform: 'discord', channel: 'D1', time: '09:00', timezone: 'UTC', topic: 'qwxzzyv' }]);
    const clock = new ManualClock('2026-03-02T08:00:00Z');
    const quiet = new FakePoster('discord', clock);
    const quietConfig = await freshConfig({ HIGHLIGHTS: nothing });
    await boot({ config: quietConfig, clock, posters: [quiet] });
    await clock.advanceTo('2026-03-02T10:00:00Z');
    expect(quiet.posts).toHaveLength(0);
    expect(await ledgerRows(quietConfig)).toMatchObject([{ state: 'skipped', note: 'nothing new to post' }]);

    const clock2 = new ManualClock('2026-03-02T08:00:00Z');
    const noted = new FakePoster('discord', clock2);
    const notedConfig = await freshConfig({ HIGHLIGHTS: nothing, HIGHLIGHTS_EMPTY_NOTE: 'true' });
    await boot({ config: notedConfig, clock: clock2, posters: [noted] });
    await clock2.advanceTo('2026-03-02T10:00:00Z');
    expect(noted.posts).toHaveLength(1);
    expect(noted.posts[0]?.digest.highlights.highlights).toEqual([]);
  });

  test('digests wait for their adapter and go out when its poster arrives', async () => {
    const config = await freshConfig({
      HIGHLIGHTS: JSON.stringify([{ platform: 'slack', channel: 'C1', time: '09:00', timezone: 'UTC' }]),
    });
    const clock = new ManualClock('2026-03-02T08:00:00Z');
    const highlights = await boot({ config, clock, posters: [] });
    await clock.advanceTo('2026-03-02T09:30:00Z');
    const slack = new FakePoster('slack', clock);
    await highlights.addPoster(slack);
    expect(slack.posts.map((p) => p.key)).toEqual(['pb-1-20260302']);
    expect(slack.posts[0]?.key.length).toBeLessThanOrEqual(25);
  });

  test('a channel that unsubscribes and subscribes again still gets no repeats', async () => {
    const config = await freshConfig();
    const clock = new ManualClock('2026-03-02T08:00:00Z');
    const discord = new FakePoster('discord', clock);
    const highlights = await boot({ config, clock, posters: [discord] });
    const input = { platform: 'discord' as const, channelId: 'D1', time: '09:00', timezone: 'UTC', count: 4 };
    await highlights.subscriptions.subscribe(input);
    await clock.advanceTo('2026-03-02T10:00:00Z');
    expect(await highlights.subscriptions.unsubscribe('discord', 'D1')).toBe(true);
    await clock.advanceTo('2026-03-03T10:00:00Z');
    expect(discord.posts).toHaveLength(1);
    await highlights.subscriptions.subscribe(input);
    await clock.advanceTo('2026-03-04T10:00:00Z');
    expect(discord.posts.map((p) => p.digest.date)).toEqual(['2026-03-02', '2026-03-04']);
    expect(new Set(postedIds(discord)).size).toBe(8);
  });

  test('HIGHLIGHTS_MAX_AGE_DAYS keeps old papers out of the daily post', async () => {
    // The seed listing has no dates; the Hugging Face fixture does.
    const core = await freshLibrary();
    core.addPapers(parsePapers(fs.readFileSync(path.join(PROJECT_ROOT, 'test/fixtures/hf-daily-papers.json'), 'utf8'), 'hf', 'hf-daily'));
    const latest = core.stats().latest ?? '';
    const day = new Date(Date.parse(`${latest}T00:00:00Z`) + 86_400_000);
    const since = new Date(day.getTime() - 3 * 86_400_000).toISOString().slice(0, 10);
    const clock = new ManualClock(new Date(day.getTime() + 8 * 3_600_000));
    const discord = new FakePoster('discord', clock);
    const highlights = await startTestHighlights({
      config: await dailyAt9({ HIGHLIGHTS_MAX_AGE_DAYS: '3' }),
      core,
      posters: new Map([['discord', discord]]),
      clock,
    });
    running.push(highlights);
    await highlights.runNow();
    await clock.advanceTo(new Date(day.getTime() + 10 * 3_600_000));
    const papers = discord.posts.flatMap((p) => p.digest.highlights.highlights);
    expect(papers).toHaveLength(3);
    expect(papers.every((p) => p.published !== undefined && p.published >= since)).toBe(true);

    // Over the following weeks posts stop once nothing recent is left, rather than going back in time.
    await clock.advanceTo(new Date(day.getTime() + 40 * 86_400_000));
    for (const post of discord.posts) {
      const cutoff = new Date(Date.parse(`${post.digest.date}T00:00:00Z`) - 3 * 86_400_000).toISOString().slice(0, 10);
      expect(post.digest.highlights.highlights.every((p) => (p.published ?? '') >= cutoff)).toBe(true);
    }
    expect(discord.posts.length).toBeLessThanOrEqual(3);
  });
});

test('PostgreSQL lost at the due time: the pass fails, is retried, and the digest goes out once when it is back', async () => {
  const env = await databaseEnv('postgres');
  const config = testConfig({ ...env, HIGHLIGHTS: JSON.stringify([{ platform: 'discord', channel: 'D1', time: '09:00', timezone: 'UTC', count: 3 }]) });
  const clock = new ManualClock('2026-03-02T08:00:00Z');
  const discord = new FakePoster('discord', clock);
  const { logger, lines } = memoryLogger();
  const highlights = await startTestHighlights({ config, core: await seedLibrary(), logger, posters: new Map([['discord', discord]]), clock });
  running.push(highlights);
  await highlights.runNow();

  await setDatabaseAvailable(env.DATABASE_URL!, false);
  await clock.advanceTo('2026-03-02T09:00:30Z');
  expect(discord.posts).toHaveLength(0);
  expect(lines().some((l) => String(l.msg).includes('trying again in 60 s'))).toBe(true);

  await setDatabaseAvailable(env.DATABASE_URL!, true);
  await clock.advanceTo('2026-03-02T09:05:00Z');
  expect(discord.posts.map((p) => [p.digest.date, p.at.toISOString()])).toEqual([['2026-03-02', '2026-03-02T09:01:00.000Z']]);
  await clock.advanceTo('2026-03-03T10:00:00Z');
  expect(discord.posts).toHaveLength(2);
});
