/**
 * `paperbot doctor`: checks what a new operator most often gets wrong, one line per check with the
 * fix, without changing anything. Checks of independent things run side by side; the report keeps
 * a fixed order. A check that breaks is reported as a failure of its own, never as a crash.
 */
import fs from 'node:fs';
import path from 'node:path';
import { loadConfig, type Config } from '../../src/config.js';
import { checkDiscord } from '../discord/doctor.js';
import { configuredAdapters } from '../run.js';
import { checkSlack } from '../slack/doctor.js';
import { fail, ok, skip, warn, type CheckResult, type CheckStatus } from './check.js';
import { checkCorpus } from './corpus.js';
import { checkDatabase } from './database.js';
import { checkFeeds } from './feeds.js';
import { checkModel } from './model.js';

export interface DoctorReport {
  /** False when a check failed: something paperbot needs is broken. */
  ok: boolean;
  problems: number;
  warnings: number;
  checks: CheckResult[];
}

function summary(config: Config): CheckResult {
  const { env } = config;
  const chat = [
    ...(env.DISCORD_TOKEN ? ['Discord'] : []),
    ...(env.SLACK_BOT_TOKEN ? [`Slack (${env.SLACK_APP_TOKEN ? 'Socket Mode' : 'HTTP'})`] : []),
  ];
  const dotenv = fs.existsSync(path.resolve('.env')) ? '.env read' : 'no .env file here (environment only)';
  const highlights = config.highlights.enabled ? `daily highlights on (${config.highlights.entries.length} in HIGHLIGHTS)` : 'daily highlights off';
  return ok('config', `valid; ${dotenv}; chat: ${chat.join(', ') || 'none'}; ${highlights}; shutdown within ${env.SHUTDOWN_TIMEOUT_SECONDS} s`);
}

/** Subscriptions in HIGHLIGHTS for a platform that is not configured never post. */
function orphanSubscriptions(config: Config, adapters: string[]): CheckResult[] {
  if (!config.highlights.enabled) return [];
  const orphaned = [...new Set(config.highlights.entries.map((e) => e.platform))].filter((platform) => !adapters.includes(platform));
  return orphaned.map((platform) =>
    warn('highlights', `HIGHLIGHTS has ${platform} subscriptions, but ${platform} is not configured: they will not post`, `configure ${platform}, or remove those entries`),
  );
}

async function guarded(check: string, run: () => Promise<CheckResult[]>): Promise<CheckResult[]> {
  try {
    return await run();
  } catch (error) {
    return [fail(check, `the check itself failed: ${error instanceof Error ? error.message : String(error)}`, 'please report this; run with LOG_LEVEL=debug for details')];
  }
}

export async function runDoctor(source: NodeJS.ProcessEnv, corpusOverride: string[] = [], now = new Date()): Promise<DoctorReport> {
  let config: Config;
  try {
    config = loadConfig(source, corpusOverride);
  } catch (error) {
    return report([fail('config', error instanceof Error ? error.message : String(error), 'see .env.example for every variable and what it takes')]);
  }
  const { env, llm } = config;
  const { adapters, warnings } = configuredAdapters(env);
  const groups = await Promise.all([
    guarded('corpus', () => checkCorpus(config.corpus)),
    env.DISCORD_TOKEN ? guarded('discord', () => checkDiscord(env)) : Promise.resolve([]),
    env.SLACK_BOT_TOKEN ? guarded('slack', () => checkSlack(env)) : Promise.resolve([]),
    // The console reads the papers added from chat there too, and `add` writes them.
    guarded('database', async () => [await checkDatabase(config.storage)]),
    llm
      ? guarded('model', async () => [await checkModel(llm)])
      : Promise.resolve([skip('model', 'no model configured (LLM_*, optional): `ask` answers by quoting the papers')]),
    config.highlights.enabled ? guarded('feeds', () => checkFeeds(config.highlights.feeds, now)) : Promise.resolve([]),
  ]);
  const chat =
    adapters.length === 0 && warnings.length === 0
      ? [warn('chat', 'no chat platform is configured: `paperbot start` opens the local console', 'set DISCORD_TOKEN and/or SLACK_BOT_TOKEN (see .env.example)')]
      : [];
  return report([summary(config), ...chat, ...groups.flat(), ...orphanSubscriptions(config, adapters)]);
}

function report(checks: CheckResult[]): DoctorReport {
  const problems = checks.filter((c) => c.status === 'fail').length;
  const warnings = checks.filter((c) => c.status === 'warn').length;
  return { ok: problems === 0, problems, warnings, checks };
}

const LABELS: Record<CheckStatus, string> = { ok: 'ok', warn: 'warn', fail: 'FAIL', skip: 'skip' };

/** One line per check, then a one-line verdict. */
export function describeDoctor(doctor: DoctorReport): string {
  const width = Math.max(...doctor.checks.map((c) => c.check.length));
  const lines = doctor.checks.map((c) => `${LABELS[c.status].padEnd(4)}  ${c.check.padEnd(width)}  ${c.message}${c.fix ? `. Fix: ${c.fix}` : ''}`);
  const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? '' : 's'}`;
  lines.push(
    doctor.ok
      ? `All needed checks passed${doctor.warnings > 0 ? `, with ${plural(doctor.warnings, 'warning')}` : ''}.`
      : `${plural(doctor.problems, 'problem')} to fix${doctor.warnings > 0 ? ` and ${plural(doctor.warnings, 'warning')}` : ''}.`,
  );
  return lines.join('\n');
}
