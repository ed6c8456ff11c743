/**
 * `paperbot start`: every chat adapter whose credentials are set, sharing one Library, the storage
 * (SQLite or PostgreSQL: the list of papers added from chat, the daily highlights), until
 * SIGINT/SIGTERM; with no chat credentials, the interactive console. While the bots serve, an edited
 * corpus file (or SIGHUP) rebuilds the index in the background. Shutdown stops highlights first (a
 * post in progress finishes while the adapters can still deliver it), then the adapters, then gives
 * up this process's claims and closes the database.
 */
import { Library } from '../src/library.js';
import { answererFromSettings } from '../src/llm/answerer.js';
import type { Config } from '../src/config.js';
import { toPaperbotError } from '../src/errors.js';
import { chatPaperList, storedPaperList } from '../src/list/open.js';
import { logProgress, stderrProgress } from '../src/progress.js';
import { watchCorpus } from '../src/reload/watch.js';
import type { Highlights } from '../src/digest/service.js';
import { startHighlights } from '../src/digest/service.js';
import type { Logger } from '../src/log.js';
import { openStorage } from '../src/storage/index.js';
import { PaperSync } from '../src/storage/paper-sync.js';
import { runRepl, type ReplIo } from './console/repl.js';
import { startDiscord } from './discord/index.js';
import { startSlack } from './slack/index.js';
import type { AdapterDeps, RunningAdapter } from './types.js';

export type ChatAdapter = 'discord' | 'slack';
const STARTERS: Record<ChatAdapter, (deps: AdapterDeps) => Promise<RunningAdapter>> = {
  discord: (deps) => startDiscord(deps),
  slack: (deps) => startSlack(deps),
};

/** The chat adapters whose credentials are set, and a note for each that is half-configured. */
export function configuredAdapters(env: Config['env']): { adapters: ChatAdapter[]; warnings: string[] } {
  const adapters: ChatAdapter[] = [];
  const warnings: string[] = [];
  if (env.DISCORD_TOKEN) adapters.push('discord');
  if (env.SLACK_BOT_TOKEN && (env.SLACK_APP_TOKEN || env.SLACK_SIGNING_SECRET)) adapters.push('slack');
  else if (env.SLACK_BOT_TOKEN) warnings.push('SLACK_BOT_TOKEN is set but neither SLACK_APP_TOKEN nor SLACK_SIGNING_SECRET; Slack is not started');
  return { adapters, warnings };
}

export interface RunOptions {
  config: Config;
  logger: Logger;
  /** Where the console runs when no chat adapter is configured. */
  console: ReplIo;
  /** Resolves when the process should stop; SIGINT/SIGTERM by default. */
  stopSignal?: Promise<string>;
  /** Starts only these adapters (a Discord shard under `paperbot shards` runs Discord alone). */
  only?: readonly ChatAdapter[];
}

/** Resolves with the first of these signals; a second one exits at once. */
export function signals(names: readonly NodeJS.Signals[] = ['SIGINT', 'SIGTERM']): Promise<string> {
  return new Promise((resolve) => {
    const handler = (signal: string) => {
      // A second signal while shutting down means "now".
      process.once(signal, () => process.exit(1));
      resolve(signal);
    };
    for (const name of names) process.once(name, handler);
  });
}

export async function run(options: RunOptions): Promise<void> {
  const { config, logger } = options;
  const configured = configuredAdapters(config.env);
  for (const warning of configured.warnings) logger.warn(warning);
  const wanted = configured.adapters.filter((name) => !options.only || options.only.includes(name));
  const answerer = answererFromSettings(config.llm, logger, { probe: true });
  // The console's user watches a progress bar; the bots log the same milestones.
  const onProgress = wanted.length === 0 ? stderrProgress() : logProgress(logger);
  if (wanted.length === 0) {
    const library = await Library.open({ corpus: config.corpus, cacheDir: config.cacheDir, logger, onProgress });
    const list = await storedPaperList(config, library, logger);
    try {
      await runRepl(library, options.console, { list, ...(answerer ? { answerer } : {}) });
    } finally {
      await list.close();
    }
    return;
  }
  // The database first: a wrong DATABASE_URL fails in a second, not after the index has loaded.
  const storage = await openStorage(config.storage, { logger, claimTimeoutMs: config.highlights.claimTimeoutMinutes * 60_000 });
  let library: Library;
  try {
    library = await Library.open({ corpus: config.corpus, cacheDir: config.cacheDir, logger, onProgress });
  } catch (error) {
    await storage.close();
    throw error;
  }
  logger.info({ papers: library.lastLoad.papers, fromCache: library.lastLoad.fromCache, ms: Math.round(library.lastLoad.ms) }, 'corpus loaded');

  const papers = new PaperSync(storage.papers, library, logger);
  const watcher = watchCorpus({ files: config.corpus, reload: () => library.reload(), logger, watch: config.watchCorpus });
  const onHangup = () => {
    watcher.trigger('SIGHUP');
    papers.sync().then(
      (changed) => logger.info({ ...changed, why: 'SIGHUP' }, 'papers: stored papers re-read'),
      (error: unknown) => logger.warn({ err: toPaperbotError(error).message }, 'papers: could not read the stored papers; keeping the current list'),
    );
  };
  process.on('SIGHUP', onHangup);
  const running: RunningAdapter[] = [];
  let highlights: Highlights | undefined;
  const stopAll = async () => {
    process.off('SIGHUP', onHangup);
    watcher.close();
    await highlights?.stop();
    for (const adapter of running.reverse()) {
      await adapter.stop().catch((error: unknown) => logger.error({ err: error, adapter: adapter.name }, 'adapter did not stop cleanly'));
    }
    papers.stop();
    await storage.releaseOwned().catch((error: unknown) => logger.warn({ err: error }, 'database: could not release this process\'s claims; they expire by themselves'));
    await storage.close();
  };
  try {
    const stored = await papers.sync();
    papers.start();
    logger.info({ database: storage.description, storedPapers: stored.added + stored.updated }, 'database ready');
    if (config.highlights.enabled) highlights = await startHighlights({ config, core: library, logger, storage, papers });
    const deps: AdapterDeps = {
      config,
      core: library,
      logger,
      handledEvents: storage.events,
      list: chatPaperList(config, { core: library, storage, sync: papers, logger }),
      ...(highlights ? { subscriptions: highlights.subscriptions } : {}),
      ...(answerer ? { answerer } : {}),
    };
    for (const name of wanted) {
      const adapter = await STARTERS[name](deps);
      running.push(adapter);
      if (adapter.poster) highlights?.addPoster(adapter.poster).catch((error: unknown) => logger.error({ err: error, adapter: name }, 'highlights: could not post for this adapter'));
    }
  } catch (error) {
    await stopAll();
    throw error;
  }
  logger.info({ adapters: running.map((a) => a.name), highlights: highlights !== undefined }, `paperbot running: ${running.map((a) => a.name).join(', ')}`);

  const signal = await (options.stopSignal ?? signals());
  logger.info({ signal }, 'shutting down');
  await stopAll();
  logger.info('stopped');
}
