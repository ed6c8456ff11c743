import { afterEach, describe, expect, test } from 'vitest';
import { localLabel, nextOccurrence } from '../../src/digest/schedule.js';
import { FakePoster, ManualClock, seedLibrary, startTestHighlights, tempDatabase, testConfig, wallTime, type RunningHighlights } from './helpers.js';

const running: RunningHighlights[] = [];
afterEach(async () => {
  for (const h of running.splice(0)) await h.stop();
});

async function simulate(options: { timezone: string; time: string; from: string; to: string }) {
  const clock = new ManualClock(options.from);
  const discord = new FakePoster('discord', clock);
  const slack = new FakePoster('slack', clock);
  const config = testConfig({
    DATABASE_PATH: tempDatabase(),
    HIGHLIGHTS: JSON.stringify([
      { platform: 'discord', channel: 'D1', time: options.time, timezone: options.timezone, count: 3 },
      { platform: 'slack', channel: 'C1', time: options.time, timezone: options.timezone, topic: 'robot learning', count: 2 },
    ]),
  });
  const highlights = await startTestHighlights({
    config,
    core: await seedLibrary(),
    posters: new Map([
      ['discord', discord],
      ['slack', slack],
    ]),
    clock,
  });
  running.push(highlights);
  await highlights.runNow();
  await clock.advanceTo(options.to);
  return { discord, slack };
}

describe('a simulated week across the March DST change', () => {
  test.each([
    // Berlin moves from CET to CEST on Sunday 2026-03-29.
    { timezone: 'Europe/Berlin', from: '2026-03-25T22:00:00Z', to: '2026-04-01T21:00:00Z', first: '2026-03-26' },
    // New York moves from EST to EDT on Sunday 2026-03-08.
    { timezone: 'America/New_York', from: '2026-03-05T05:00:00Z', to: '2026-03-12T03:00:00Z', first: '2026-03-05' },
  ])('$timezone: exactly 7 posts per channel, each at 09:00 local, one per day', async ({ timezone, from, to, first }) => {
    const { discord, slack } = await simulate({ timezone, time: '09:00', from, to });
    for (const posts of [discord.postsIn('D1'), slack.postsIn('C1')]) {
      expect(posts).toHaveLength(7);
      expect(posts.map((p) => wallTime(p.at, timezone))).toEqual(Array(7).fill('09:00'));
      const dates = posts.map((p) => p.digest.date);
      expect(new Set(dates).size).toBe(7);
      expect(dates[0]).toBe(first);
      // The UTC hour of "09:00 local" changes once, on the DST day: the schedule followed the zone.
      expect(new Set(posts.map((p) => p.at.getUTCHours())).size).toBe(2);
    }
    expect(discord.postsIn('D1').every((p) => p.digest.highlights.highlights.length === 3)).toBe(true);
    expect(slack.postsIn('C1').every((p) => p.digest.topic === 'robot learning' && p.digest.timezone === timezone)).toBe(true);
  });

  test('a time inside the skipped hour posts once that day, at the first valid minute', async () => {
    const { discord } = await simulate({
      timezone: 'Europe/Berlin',
      time: '02:30',
      from: '2026-03-26T00:00:00Z',
      to: '2026-03-31T00:00:00Z',
    });
    const posts = discord.postsIn('D1');
    expect(posts.map((p) => p.digest.date)).toEqual(['2026-03-26', '2026-03-27', '2026-03-28', '2026-03-29', '2026-03-30']);
    expect(posts.map((p) => wallTime(p.at, 'Europe/Berlin'))).toEqual(['02:30', '02:30', '02:30', '03:00', '02:30']);
  });

  test('a time in the repeated autumn hour posts once that day', async () => {
    const { discord } = await simulate({
      timezone: 'Europe/Berlin',
      time: '02:30',
      from: '2026-10-23T12:00:00Z',
      to: '2026-10-27T12:00:00Z',
    });
    expect(discord.postsIn('D1').map((p) => p.digest.date)).toEqual(['2026-10-24', '2026-10-25', '2026-10-26', '2026-10-27']);
  });
});

test('papers are never repeated in a channel from one day to the next', async () => {
  const { discord } = await simulate({ timezone: 'UTC', time: '09:00', from: '2026-03-01T00:00:00Z', to: '2026-03-08T00:00:00Z' });
  const ids = discord.postsIn('D1').flatMap((p) => p.digest.highlights.highlights.map((h) => h.id));
  expect(ids).toHaveLength(21);
  expect(new Set(ids).size).toBe(21);
});

test('next post times are shown in the subscription zone, with its abbreviation', () => {
  const after = new Date('2026-03-28T12:00:00Z');
  const next = nextOccurrence({ time: '09:00', timezone: 'Europe/Berlin' }, after);
  expect(next.toISOString()).toBe('2026-03-29T07:00:00.000Z');
  expect(localLabel(next, 'Europe/Berlin')).toBe('2026-03-29 09:00 CEST');
  expect(localLabel(new Date('2026-03-06T14:00:00Z'), 'America/New_York')).toBe('2026-03-06 09:00 EST');
});
