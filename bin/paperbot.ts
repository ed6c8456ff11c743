#!/usr/bin/env node
/**
 * The paperbot command and composition root: loads `.env`, reads the command line and hands off to
 * the bots (`start`), a one-shot console command, batch mode, or Discord registration. Expected
 * failures print their message (or `{"error":...}` with `--json`) and exit non-zero, never a stack trace.
 */
import { config as loadDotenv } from 'dotenv';
import { commandOptions, parseArgs, type ParsedArgs } from '../adapters/console/args.js';
import { runBatch } from '../adapters/console/batch.js';
import { NO_CORE, isCorpusFree, printError, printOutcome, type CliOutput } from '../adapters/console/cli.js';
import { consoleCommand, invoke } from '../adapters/console/invoke.js';
import { withConsoleLibrary } from '../adapters/console/open.js';
import { styleFor } from '../adapters/console/render.js';
import { shortPath } from '../adapters/console/short-path.js';
import { fileURLToPath } from 'node:url';
import { loadConfig, type Config } from '../src/config.js';
import { PaperbotError, toPaperbotError } from '../src/errors.js';
import { enrichListing, type EnrichChange, type EnrichReport } from '../src/list/enrich.js';
import { arxivClient } from '../src/list/open.js';
import { createLogger, type Logger } from '../src/log.js';
import { stderrProgress } from '../src/progress.js';

const out: CliOutput = { stdout: process.stdout, stderr: process.stderr };
const EXIT_GRACE_MS = 1_000;

/** One-shot commands log only warnings and errors, so their output is the answer alone. */
function quietLevel(level: Config['logLevel']): Config['logLevel'] {
  return ['info', 'debug', 'trace'].includes(level) ? 'warn' : level;
}

/** Refuses options a CLI-only command does not take. */
function expectOnly(verb: string, args: ParsedArgs, allowed: readonly string[], words = 0): void {
  for (const name of args.options.keys()) {
    if (!allowed.includes(name)) {
      const valid = allowed.map((o) => `--${o}`).join(', ') || 'none';
      throw new PaperbotError('bad_option', `${verb}: unknown option --${name} (valid options: ${valid})`, { command: verb, option: name });
    }
  }
  if (args.words.length - 1 > words) {
    throw new PaperbotError('bad_option', `${verb}: unexpected "${args.words.slice(1 + words).join(' ')}"`, { command: verb });
  }
}

/** Console commands log only what matters on stderr; stdout stays the answer's. */
function consoleLogger(config: Config): Logger {
  return createLogger(quietLevel(config.logLevel));
}

async function oneShot(verb: string, args: ParsedArgs, corpus: string[], json: boolean): Promise<number> {
  const command = consoleCommand(verb);
  const raw = commandOptions(command, args.words.slice(1), args.options);
  if (isCorpusFree(command.name)) return printOutcome(await invoke(command, raw, NO_CORE), json, out);
  const config = loadConfig(process.env, corpus);
  return withConsoleLibrary(config, consoleLogger(config), async (library, services) => printOutcome(await invoke(command, raw, library, services), json, out));
}

/**
 * discord.js, Bolt and pg load only for the commands that use them: a one-shot answer starts in a
 * fraction of the time.
 */
const discordAdapter = () => import('../adapters/discord/index.js');

async function register(args: ParsedArgs, json: boolean): Promise<number> {
  expectOnly('register', args, ['guild']);
  const { env } = loadConfig(process.env);
  const missing = (['DISCORD_TOKEN', 'DISCORD_APPLICATION_ID'] as const).filter((name) => !env[name]);
  if (missing.length > 0) {
    throw new PaperbotError('config_error', `register: set ${missing.join(' and ')} (in the environment or .env)`, { variable: missing[0] });
  }
  const guildId = args.flags.has('global') ? undefined : (args.options.get('guild')?.at(-1) ?? env.DISCORD_GUILD_ID);
  const { describeRegistration, registerCommands } = await discordAdapter();
  let report;
  try {
    report = await registerCommands({
      token: env.DISCORD_TOKEN ?? '',
      applicationId: env.DISCORD_APPLICATION_ID ?? '',
      ...(guildId ? { guildId } : {}),
      ...(env.DISCORD_API_URL ? { apiUrl: env.DISCORD_API_URL } : {}),
    });
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PaperbotError('config_error', `register: Discord refused the registration: ${reason}`);
  }
  const { commands, ...summary } = report;
  out.stdout.write(json ? `${JSON.stringify({ ...summary, commands: commands.length })}\n` : `${describeRegistration(report)}\n`);
  return 0;
}

/** Exit status 1 when something needed is broken; warnings alone exit 0. */
async function doctor(args: ParsedArgs, corpus: string[], json: boolean): Promise<number> {
  expectOnly('doctor', args, []);
  const { describeDoctor, runDoctor } = await import('../adapters/doctor/index.js');
  const report = await runDoctor(process.env, corpus);
  out.stdout.write(json ? `${JSON.stringify(report)}\n` : `${describeDoctor(report)}\n`);
  return report.ok ? 0 : 1;
}

function describeChange(change: EnrichChange): string {
  const facts = [change.published, `${change.authors.length} author${change.authors.length === 1 ? '' : 's'}`].filter(Boolean).join(', ');
  return change.kind === 'matched' ? `matched    "${change.title}" → ${change.id} (${facts})` : `completed  "${change.title}" ${change.id}: ${facts}`;
}

function describeEnrich(report: EnrichReport): string {
  const lines = [...report.matched, ...report.completed].map(describeChange);
  for (const { title, ids } of report.ambiguous) lines.push(`ambiguous  "${title}": ${ids.join(', ')}`);
  for (const title of report.notFound) lines.push(`not found  "${title}"`);
  const counts = `matched ${report.matched.length} · completed ${report.completed.length} · not found ${report.notFound.length} · ambiguous ${report.ambiguous.length}`;
  const changed = report.matched.length + report.completed.length;
  const outcome = report.check ? `--check: would write ${changed} entr${changed === 1 ? 'y' : 'ies'} to ${shortPath(report.sidecar)}` : changed > 0 ? `wrote ${shortPath(report.sidecar)}` : 'nothing to write';
  lines.push(`${shortPath(report.file)}: ${report.papers} papers, ${report.lookedUp} looked up: ${counts}; ${outcome}`);
  if (report.stopped) lines.push(`stopped early: ${report.stopped}; run it again to carry on`);
  return lines.join('\n');
}

/** `paperbot enrich [--corpus FILE]... [--check]`: arXiv ids, dates and authors into listings' sidecars. */
async function enrich(args: ParsedArgs, corpus: string[], json: boolean): Promise<number> {
  expectOnly('enrich', args, []);
  const config = loadConfig(process.env, corpus);
  const arxiv = arxivClient(config);
  const onProgress = stderrProgress();
  const reports: EnrichReport[] = [];
  for (const file of config.corpus) {
    try {
      reports.push(await enrichListing(file, { arxiv, check: args.flags.has('check'), onProgress }));
    } catch (error) {
      // Of several configured files, the ones that are not listings have nothing to enrich.
      if (!(error instanceof PaperbotError) || error.code !== 'bad_option' || config.corpus.length === 1) throw error;
      out.stderr.write(`${error.message}; skipped\n`);
    }
    if (reports.at(-1)?.stopped) break;
  }
  if (reports.length === 0) throw new PaperbotError('bad_option', 'enrich: none of the corpus files is a papers-page listing', { command: 'enrich' });
  out.stdout.write(json ? `${JSON.stringify(reports.length === 1 ? reports[0] : { files: reports })}\n` : `${reports.map(describeEnrich).join('\n\n')}\n`);
  return reports.some((r) => r.stopped) ? 1 : 0;
}

async function invite(args: ParsedArgs, json: boolean): Promise<number> {
  expectOnly('invite', args, []);
  const applicationId = loadConfig(process.env).env.DISCORD_APPLICATION_ID;
  if (!applicationId) throw new PaperbotError('config_error', 'invite: set DISCORD_APPLICATION_ID (in the environment or .env)', { variable: 'DISCORD_APPLICATION_ID' });
  const url = (await discordAdapter()).inviteUrl(applicationId);
  out.stdout.write(json ? `${JSON.stringify({ url })}\n` : `${url}\n`);
  return 0;
}

async function main(argv: string[]): Promise<number> {
  let json = argv.includes('--json');
  try {
    const args = parseArgs(argv, { flags: new Set(['json', 'help', 'global', 'check']), aliases: { '-h': 'help' } });
    json = args.flags.has('json');
    const corpus = args.options.get('corpus') ?? [];
    args.options.delete('corpus');
    const verb = args.words[0]?.toLowerCase() ?? 'start';
    if (args.flags.has('help')) {
      const words = args.words.length > 0 ? ['help', verb] : ['help'];
      return await oneShot('help', { ...args, words, options: new Map() }, corpus, json);
    }
    switch (verb) {
      case 'start': {
        expectOnly('start', args, []);
        const config = loadConfig(process.env, corpus);
        const stdin = process.stdin;
        // discord.js starts each shard of `paperbot shards` as `paperbot start` with its shard id in SHARDS.
        const shard = process.env.SHARDING_MANAGER === 'true' ? process.env.SHARDS : undefined;
        // Ctrl-C reaches the whole process group; a shard waits for its manager's SIGTERM instead.
        if (shard !== undefined) process.on('SIGINT', () => undefined);
        const logger = createLogger(config.logLevel);
        const { run, signals } = await import('../adapters/run.js');
        await run({
          config,
          logger: shard === undefined ? logger : logger.child({ shard: Number(shard) }),
          // Each shard serves /healthz, /readyz and /metrics on PORT + its shard id.
          ...(shard === undefined
            ? {}
            : { only: ['discord'] as const, stopSignal: signals(['SIGTERM']), port: config.env.PORT === 0 ? 0 : config.env.PORT + Number(shard) }),
          console: { input: stdin, output: process.stdout, terminal: stdin.isTTY === true, style: styleFor(process.stdout.isTTY) },
        });
        // An answer dropped at the shutdown deadline may still hold a connection open; it must not
        // hold the process too. The timer itself keeps nothing alive.
        setTimeout(() => process.exit(0), EXIT_GRACE_MS).unref();
        return 0;
      }
      case 'shards': {
        expectOnly('shards', args, []);
        const config = loadConfig(process.env, corpus);
        const [{ runShards }, { signals }] = await Promise.all([import('../adapters/discord/shards.js'), import('../adapters/run.js')]);
        await runShards({
          config,
          logger: createLogger(config.logLevel),
          entry: fileURLToPath(import.meta.url),
          args: corpus.flatMap((file) => ['--corpus', file]),
          stopSignal: signals(),
        });
        return 0;
      }
      case 'batch': {
        expectOnly('batch', args, []);
        const config = loadConfig(process.env, corpus);
        await withConsoleLibrary(config, consoleLogger(config), (library, services) => runBatch(library, process.stdin, process.stdout, services));
        return 0;
      }
      case 'register':
        return await register(args, json);
      case 'invite':
        return await invite(args, json);
      case 'doctor':
        return await doctor(args, corpus, json);
      case 'enrich':
        return await enrich(args, corpus, json);
      default:
        return await oneShot(verb, args, corpus, json);
    }
  } catch (error) {
    return printError(toPaperbotError(error), json, out);
  }
}

loadDotenv({ quiet: true });
process.exitCode = await main(process.argv.slice(2));
// A shard of `paperbot shards` keeps an IPC channel to its manager, which would keep it running.
if (process.connected) process.disconnect();
