import { describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { PaperbotError } from '../../src/errors.js';

function configError(env: Record<string, string>): PaperbotError {
  try {
    loadConfig(env);
  } catch (error) {
    expect(error).toBeInstanceOf(PaperbotError);
    return error as PaperbotError;
  }
  throw new Error('expected a configuration error');
}

const entry = { platform: 'slack', channel: 'C0123', time: '09:00', timezone: 'Europe/Berlin' };

test('HIGHLIGHTS: a JSON array of subscriptions, topic and count optional', () => {
  const config = loadConfig({
    HIGHLIGHTS: JSON.stringify([
      { ...entry, topic: 'robotics', count: 5 },
      { platform: 'discord', channel: '123456', time: '7:30', timezone: 'america/new_york' },
    ]),
  });
  expect(config.highlights.entries).toEqual([
    { platform: 'slack', channelId: 'C0123', time: '09:00', timezone: 'Europe/Berlin', topic: 'robotics', count: 5 },
    { platform: 'discord', channelId: '123456', time: '07:30', timezone: 'America/New_York', count: 5 },
  ]);
});

describe('HIGHLIGHTS errors name the entry and the field', () => {
  test.each([
    [[entry, { ...entry, channel: 'C2', timezone: 'Europe/Berln' }], 'HIGHLIGHTS[1].timezone: must be an IANA time zone such as Europe/Berlin: unknown time zone "Europe/Berln"', 1, 'timezone'],
    [[{ ...entry, time: '25:00' }], 'HIGHLIGHTS[0].time: must be HH:MM between 00:00 and 23:59, got "25:00"', 0, 'time'],
    [[{ ...entry, count: 11 }], 'HIGHLIGHTS[0].count: must be between 1 and 10', 0, 'count'],
    [[{ ...entry, count: '5' }], 'HIGHLIGHTS[0].count: expected a whole number from 1 to 10', 0, 'count'],
    [[{ ...entry, platform: 'teams' }], 'HIGHLIGHTS[0].platform: must be "discord" or "slack"', 0, 'platform'],
    [[{ platform: 'slack', time: '09:00', timezone: 'UTC' }], 'HIGHLIGHTS[0].channel: is required', 0, 'channel'],
    [[{ ...entry, channel: 'C1', chanel: 'C1' }], 'HIGHLIGHTS[0].chanel: unknown field (expected platform, channel, time, timezone, topic, count)', 0, 'chanel'],
    [[entry, { ...entry, time: '10:00' }], 'HIGHLIGHTS[1].channel: slack C0123 is already subscribed by entry 0', 1, 'channel'],
  ])('%j', (value, message, index, field) => {
    const error = configError({ HIGHLIGHTS: JSON.stringify(value) });
    expect(error.code).toBe('config_error');
    expect(error.message).toBe(`configuration: ${message}`);
    expect(error.details).toMatchObject({ variable: 'HIGHLIGHTS', entry: index, field });
  });

  test('not JSON, or not an array', () => {
    expect(configError({ HIGHLIGHTS: '[{"platform": "slack",' }).message).toMatch(/^configuration: HIGHLIGHTS: not valid JSON \(/);
    expect(configError({ HIGHLIGHTS: JSON.stringify(entry) }).message).toBe(
      'configuration: HIGHLIGHTS: expected a JSON array of subscriptions',
    );
  });
});

test('defaults for every highlights variable', () => {
  const { highlights } = loadConfig({});
  expect(highlights).toEqual({
    enabled: true,
    entries: [],
    catchupHours: 6,
    emptyNote: false,
    maxAgeDays: undefined,
    claimTimeoutMinutes: 10,
    feeds: {
      hfDaily: false,
      arxivQueries: [],
      hfApiUrl: 'https://huggingface.co/api/daily_papers',
      arxivApiUrl: 'https://export.arxiv.org/api/query',
      timeoutMs: 20_000,
    },
  });
});

test('feed and schedule variables are read and checked', () => {
  const { highlights } = loadConfig({
    HIGHLIGHTS_CATCHUP_HOURS: '2.5',
    HIGHLIGHTS_EMPTY_NOTE: 'true',
    HIGHLIGHTS_MAX_AGE_DAYS: '3',
    HF_DAILY_FEED: '1',
    ARXIV_QUERIES: 'cat:cs.LG, all:"diffusion policy" ,ti:"a, b"',
  });
  expect(highlights).toMatchObject({
    catchupHours: 2.5,
    emptyNote: true,
    maxAgeDays: 3,
    feeds: { hfDaily: true, arxivQueries: ['cat:cs.LG', 'all:"diffusion policy"', 'ti:"a, b"'] },
  });
  expect(configError({ HIGHLIGHTS_CATCHUP_HOURS: '72' }).message).toBe('configuration: HIGHLIGHTS_CATCHUP_HOURS: must be between 0 and 48');
  expect(configError({ HF_DAILY_FEED: 'yes' }).message).toBe('configuration: HF_DAILY_FEED: expected true or false');
  expect(configError({ ARXIV_API_URL: 'not a url' }).message).toMatch(/^configuration: ARXIV_API_URL: expected a URL/);
});
