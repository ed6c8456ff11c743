/**
 * Highlights settings: the environment variables this feature reads (merged into the one config
 * schema in src/config.ts) and the `HIGHLIGHTS` JSON list of static subscriptions, validated with
 * errors that name the entry and the field.
 */
import { z } from 'zod';
import { PaperbotError } from '../errors.js';
import { canonicalTimeZone, normalizeTime, timeError, timeZoneError } from './schedule.js';
import type { SubscriptionSchedule } from './types.js';

export const DEFAULT_TIME = '09:00';
export const DEFAULT_TIMEZONE = 'UTC';
export const DEFAULT_COUNT = 5;
export const MAX_COUNT = 10;
export const DEFAULT_CATCHUP_HOURS = 6;
export const DEFAULT_CLAIM_TIMEOUT_MINUTES = 10;
export const DEFAULT_FEED_TIMEOUT_SECONDS = 20;
export const DEFAULT_HF_API_URL = 'https://huggingface.co/api/daily_papers';
export const DEFAULT_ARXIV_API_URL = 'https://export.arxiv.org/api/query';

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

function flag(defaultValue: boolean) {
  return z
    .enum(['true', 'false', '1', '0', ''], { error: 'expected true or false' })
    .optional()
    .transform((value) => (value === undefined || value === '' ? defaultValue : value === 'true' || value === '1'));
}

function url(defaultValue: string) {
  return optionalText.pipe(z.url({ error: 'expected a URL such as http://127.0.0.1:8080/api' }).default(defaultValue));
}

/** Its shape is spread into the config schema: each variable with its default, in one place. */
export const highlightsEnvSchema = z.object({
  HIGHLIGHTS_ENABLED: flag(true),
  HIGHLIGHTS: optionalText,
  HIGHLIGHTS_CATCHUP_HOURS: z.coerce
    .number({ error: 'expected a number of hours' })
    .min(0, { error: 'must be between 0 and 48' })
    .max(48, { error: 'must be between 0 and 48' })
    .default(DEFAULT_CATCHUP_HOURS),
  HIGHLIGHTS_EMPTY_NOTE: flag(false),
  HIGHLIGHTS_MAX_AGE_DAYS: z.preprocess(
    (value) => (typeof value === 'string' && value.trim() === '' ? undefined : value),
    z.coerce
      .number({ error: 'expected a whole number of days' })
      .int({ error: 'expected a whole number of days' })
      .min(1, { error: 'must be at least 1' })
      .optional(),
  ),
  HIGHLIGHTS_CLAIM_TIMEOUT_MINUTES: z.coerce
    .number({ error: 'expected a number of minutes' })
    .int()
    .min(1, { error: 'must be at least 1' })
    .default(DEFAULT_CLAIM_TIMEOUT_MINUTES),
  HF_DAILY_FEED: flag(false),
  ARXIV_QUERIES: optionalText,
  HF_API_URL: url(DEFAULT_HF_API_URL),
  ARXIV_API_URL: url(DEFAULT_ARXIV_API_URL),
  FEED_TIMEOUT_SECONDS: z.coerce
    .number({ error: 'expected a number of seconds' })
    .positive({ error: 'must be more than 0' })
    .default(DEFAULT_FEED_TIMEOUT_SECONDS),
});

type HighlightsEnv = z.output<typeof highlightsEnvSchema>;

export type HighlightsEntry = SubscriptionSchedule;

export interface FeedSettings {
  hfDaily: boolean;
  arxivQueries: string[];
  hfApiUrl: string;
  arxivApiUrl: string;
  timeoutMs: number;
}

export interface HighlightsSettings {
  enabled: boolean;
  /** Static subscriptions from `HIGHLIGHTS`. */
  entries: HighlightsEntry[];
  catchupHours: number;
  /** Post a short "nothing new today" note instead of skipping the day. */
  emptyNote: boolean;
  /** Only papers published within this many days of the post date; unset means any age. */
  maxAgeDays?: number;
  /** A claim older than this belongs to a process that is presumed dead. */
  claimTimeoutMinutes: number;
  feeds: FeedSettings;
}

const timeField = z.string({ error: 'expected "HH:MM"' }).transform((value, ctx) => {
  const time = normalizeTime(value);
  if (time === null) {
    ctx.addIssue({ code: 'custom', message: timeError(value) });
    return z.NEVER;
  }
  return time;
});

const timeZoneField = z.string({ error: 'expected an IANA time zone such as "Europe/Berlin"' }).transform((value, ctx) => {
  const zone = canonicalTimeZone(value);
  if (zone === null) {
    ctx.addIssue({ code: 'custom', message: timeZoneError(value) });
    return z.NEVER;
  }
  return zone;
});

const entrySchema = z.strictObject({
  platform: z.enum(['discord', 'slack'], { error: 'must be "discord" or "slack"' }),
  channel: z.string({ error: 'expected a channel id' }).trim().min(1, { error: 'must not be empty' }),
  time: timeField,
  timezone: timeZoneField,
  topic: z
    .string({ error: 'expected text' })
    .trim()
    .max(300, { error: 'must be at most 300 characters' })
    .optional()
    .transform((value) => value || undefined),
  count: z
    .number({ error: `expected a whole number from 1 to ${MAX_COUNT}` })
    .int({ error: `expected a whole number from 1 to ${MAX_COUNT}` })
    .min(1, { error: `must be between 1 and ${MAX_COUNT}` })
    .max(MAX_COUNT, { error: `must be between 1 and ${MAX_COUNT}` })
    .default(DEFAULT_COUNT),
});

function configError(where: string, problem: string, details: Record<string, unknown>): PaperbotError {
  return new PaperbotError('config_error', `configuration: ${where}: ${problem}`, { variable: 'HIGHLIGHTS', ...details });
}

/** Parses `HIGHLIGHTS`; every error names the entry (0-based, as in the JSON array) and the field. */
export function parseHighlightsEntries(raw: string | undefined): HighlightsEntry[] {
  if (!raw) return [];
  let json: unknown;
  try {
    json = JSON.parse(raw);
  } catch (error) {
    throw configError('HIGHLIGHTS', `not valid JSON (${(error as Error).message})`, {});
  }
  if (!Array.isArray(json)) throw configError('HIGHLIGHTS', 'expected a JSON array of subscriptions', {});
  const seen = new Map<string, number>();
  return json.map((item, index) => {
    const parsed = entrySchema.safeParse(item);
    if (!parsed.success) {
      const issue = parsed.error.issues[0];
      const field = issue?.code === 'unrecognized_keys' ? issue.keys[0] : issue?.path.map(String).join('.');
      const problem =
        issue?.code === 'unrecognized_keys'
          ? 'unknown field (expected platform, channel, time, timezone, topic, count)'
          : issue?.code === 'invalid_type' && field && isObject(item) && item[field] === undefined
            ? 'is required'
            : (issue?.message ?? 'invalid');
      const where = field ? `HIGHLIGHTS[${index}].${field}` : `HIGHLIGHTS[${index}]`;
      throw configError(where, problem, { entry: index, field });
    }
    const { channel, ...rest } = parsed.data;
    const key = `${rest.platform} ${channel}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      throw configError(`HIGHLIGHTS[${index}].channel`, `${key} is already subscribed by entry ${earlier}`, {
        entry: index,
        field: 'channel',
      });
    }
    seen.set(key, index);
    return { ...rest, channelId: channel };
  });
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null;
}

/** `cat:cs.LG,all:"diffusion policy"` -> two queries; commas inside quotes stay in their query. */
export function splitQueries(raw: string | undefined): string[] {
  if (!raw) return [];
  return (raw.match(/(?:"[^"]*"|[^,])+/g) ?? []).map((q) => q.trim()).filter(Boolean);
}

export function highlightsSettings(env: HighlightsEnv): HighlightsSettings {
  return {
    enabled: env.HIGHLIGHTS_ENABLED,
    entries: parseHighlightsEntries(env.HIGHLIGHTS),
    catchupHours: env.HIGHLIGHTS_CATCHUP_HOURS,
    emptyNote: env.HIGHLIGHTS_EMPTY_NOTE,
    maxAgeDays: env.HIGHLIGHTS_MAX_AGE_DAYS,
    claimTimeoutMinutes: env.HIGHLIGHTS_CLAIM_TIMEOUT_MINUTES,
    feeds: {
      hfDaily: env.HF_DAILY_FEED,
      arxivQueries: splitQueries(env.ARXIV_QUERIES),
      hfApiUrl: env.HF_API_URL,
      arxivApiUrl: env.ARXIV_API_URL,
      timeoutMs: env.FEED_TIMEOUT_SECONDS * 1000,
    },
  };
}
