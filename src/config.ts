/**
 * Every setting, validated once from the environment (and `.env`, loaded by the entry point).
 * Errors name the variable and what was expected. Secrets are read here and never logged.
 */
import path from 'node:path';
import { z } from 'zod';
import { highlightsEnvSchema, highlightsSettings, type HighlightsSettings } from './digest/settings.js';
import { PaperbotError } from './errors.js';
import { storageEnvSchema, storageSettings, type StorageSettings } from './storage/settings.js';
import { llmEnvSchema, llmSettings, type LlmSettings } from './llm/settings.js';

export const PROJECT_ROOT = path.resolve(import.meta.dirname, import.meta.dirname.includes(`${path.sep}dist${path.sep}`) ? '../..' : '..');
export const DEFAULT_CORPUS = path.join(PROJECT_ROOT, 'data', 'papers-listing.txt');

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const optionalUrl = optionalText.pipe(z.url({ error: 'expected a URL such as http://127.0.0.1:8080/api' }).optional());

/** Comma-separated Slack user ids (`U0123ABC,W0456DEF`), as a list; unset or empty is no one. */
const slackUserIds = z
  .string()
  .optional()
  .transform((value, ctx) => {
    const ids = (value ?? '').split(',').map((id) => id.trim()).filter(Boolean);
    const bad = ids.find((id) => !/^[UW][A-Z0-9]{2,}$/.test(id));
    if (bad !== undefined) {
      ctx.addIssue({ code: 'custom', message: `"${bad}" is not a Slack user id; expected ids such as U0123ABC,U0456DEF (profile → ⋮ → Copy member ID)` });
      return z.NEVER;
    }
    return ids;
  });

const envSchema = z.object({
  PAPERS_CORPUS: optionalText,
  PAPERBOT_CACHE_DIR: optionalText,
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  CORPUS_WATCH: z
    .enum(['true', 'false', '1', '0', ''], { error: 'expected true or false' })
    .optional()
    .transform((value) => value === undefined || value === '' || value === 'true' || value === '1'),

  DISCORD_TOKEN: optionalText,
  DISCORD_APPLICATION_ID: optionalText,
  DISCORD_GUILD_ID: optionalText,
  DISCORD_API_URL: optionalUrl,
  /** `paperbot shards`: how many shards; "auto" asks Discord (GET /gateway/bot). */
  DISCORD_SHARDS: z
    .union([z.literal('auto'), z.coerce.number().int().min(1).max(1000)], { error: 'expected "auto" or a number of shards from 1 to 1000' })
    .default('auto'),
  DISCORD_MESSAGE_CONTENT: z
    .enum(['true', 'false', '1', '0', ''])
    .optional()
    .transform((value) => value === 'true' || value === '1'),

  SLACK_BOT_TOKEN: optionalText,
  SLACK_APP_TOKEN: optionalText,
  SLACK_SIGNING_SECRET: optionalText,
  SLACK_API_URL: optionalUrl,
  SLACK_SUBSCRIPTION_ADMINS: slackUserIds,
  PORT: z.coerce.number({ error: 'expected a port number' }).int().min(0).max(65_535).default(3000),
  SHUTDOWN_TIMEOUT_SECONDS: z.coerce
    .number({ error: 'expected a number of seconds' })
    .min(0, { error: 'must be between 0 and 600' })
    .max(600, { error: 'must be between 0 and 600' })
    .default(10),

  ...storageEnvSchema.shape,
  ...highlightsEnvSchema.shape,
  ...llmEnvSchema.shape,
});

export type Env = z.infer<typeof envSchema>;

export interface Config {
  corpus: string[];
  cacheDir: string;
  logLevel: Env['LOG_LEVEL'];
  /** The bots rebuild the index when a corpus file changes (SIGHUP always does). */
  watchCorpus: boolean;
  /** SQLite file or PostgreSQL server: subscriptions, the post ledger, stored papers, handled events. */
  storage: StorageSettings;
  /** Daily highlights: database, static subscriptions, feeds. */
  highlights: HighlightsSettings;
  /** Model answers (LLM_*); absent when no model is configured. */
  llm?: LlmSettings;
  env: Env;
}

/** Reads the configuration; `corpusOverride` (CLI `--corpus`) wins over `PAPERS_CORPUS`. */
export function loadConfig(source: NodeJS.ProcessEnv = process.env, corpusOverride: string[] = []): Config {
  // `VAR=` (as in a copied .env.example) means "not set": the default applies.
  const set = Object.fromEntries(Object.entries(source).filter(([, value]) => value !== undefined && value.trim() !== ''));
  const parsed = envSchema.safeParse(set);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const variable = issue?.path.join('.') ?? 'environment';
    throw new PaperbotError('config_error', `configuration: ${variable}: ${issue?.message ?? 'invalid'}`, { variable });
  }
  const env = parsed.data;
  const fromEnv = env.PAPERS_CORPUS?.split(',').map((p) => p.trim()).filter(Boolean) ?? [];
  const corpus = corpusOverride.length > 0 ? corpusOverride : fromEnv.length > 0 ? fromEnv : [DEFAULT_CORPUS];
  const llm = llmSettings(env);
  return {
    corpus: corpus.map((p) => path.resolve(p)),
    cacheDir: path.resolve(env.PAPERBOT_CACHE_DIR ?? path.join(PROJECT_ROOT, 'data', 'cache')),
    logLevel: env.LOG_LEVEL,
    watchCorpus: env.CORPUS_WATCH,
    storage: storageSettings(env, PROJECT_ROOT),
    highlights: highlightsSettings(env),
    ...(llm ? { llm } : {}),
    env,
  };
}
