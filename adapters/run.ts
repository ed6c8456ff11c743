/**
 * `paperbot start`: every chat adapter whose credentials are set, sharing one Library, the list of
 * papers added from chat and the daily highlights, until SIGINT/SIGTERM; with no chat credentials,
 * the interactive console. While the bots serve, an edited corpus file (or SIGHUP) rebuilds the index
 * in the background. Shutdown stops highlights first (a post in progress finishes while the adapters
 * can still deliver it), then the adapters.
 */
import { Library } from '../src/library.js';
import type { Config } from '../src/config.js';
import { toPaperbotError } from '../src/errors.js';
import { addStoredPapers, lazyPaperList, LIST_SYNC_MS, openPaperList, type OpenList } from '../src/list/open.js';
import { logProgress, stderrProgress } from '../src/progress.js';
import { watchCorpus } from '../src/reload/watch.js';
import type { Highlights } from '../src/digest/service.js';
import { startHighlights } from '../src/digest/service.js';
import type { Logger } from '../src/log.js';
import { runRepl, type ReplIo } from './console/repl.js';
import { startDiscord } from './discord/index.js';
import { startSlack } from './slack/index.js';
import type { AdapterDeps, RunningAdapter } from './types.js';

type ChatAdapter = 'discord' | 'slack';
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
}

function signals(): Promise<string> {
  return new Promise((resolve) => {
    const handler = (signal: string) => {
      // A second signal while shutting down means "now".
      process.once(signal, () => process.exit(1));
      resolve(signal);
    };
    process.once('SIGINT', handler);
    process.once('SIGTERM', handler);
  });
}

/** The papers added from chat: the database is opened for them even when highlights are off. */
function openList(config: Config, library: Library, logger: Logger): OpenList | undefined {
  try {
    return openPaperList(config, library, logger);
  } catch (error) {
    logger.warn({ err: toPaperbotError(error).message }, 'list: adding and removing papers from chat is off');
    return undefined;
  }
}

export async function run(options: RunOptions): Promise<void> {
  const { config, logger } = options;
  const { adapters: wanted, warnings } = configuredAdapters(config.env);
  for (const warning of warnings) logger.warn(warning);
  // The console's user watches a progress bar; the bots log the same milestones.
  const onProgress = wanted.length === 0 ? stderrProgress() : logProgress(logger);
  const library = await Library.open({ corpus: config.corpus, cacheDir: config.cacheDir, logger, onProgress });
  if (wanted.length === 0) {
    addStoredPapers(config, library, logger);
    const list = lazyPaperList(() => openPaperList(config, library, logger));
    try {
      await runRepl(library, options.console, list);
    } finally {
      list.close();
    }
    return;
  }
  logger.info({ papers: library.lastLoad.papers, fromCache: library.lastLoad.fromCache, ms: Math.round(library.lastLoad.ms) }, 'corpus loaded');

  const list = openList(config, library, logger);
  const highlights: Highlights | undefined = config.highlights.enabled ? startHighlights({ config, core: library, logger }) : undefined;
  const deps: AdapterDeps = {
    config,
    core: library,
    logger,
    ...(highlights ? { subscriptions: highlights.subscriptions } : {}),
    ...(list ? { list: list.list } : {}),
  };
  const syncList = (why: string) => {
    try {
      const changed = list?.list.sync();
      if (changed && changed.added + changed.removed > 0) logger.info({ ...changed, why }, 'list: picked up papers added or removed elsewhere');
    } catch (error) {
      logger.warn({ err: toPaperbotError(error).message }, 'list: could not read the stored papers; keeping the current list');
    }
  };
  const listSync = setInterval(() => syncList('periodic'), LIST_SYNC_MS).unref();
  const watcher = watchCorpus({ files: config.corpus, reload: () => library.reload(), logger, watch: config.watchCorpus });
  const onHangup = () => {
    watcher.trigger('SIGHUP');
    syncList('SIGHUP');
  };
  process.on('SIGHUP', onHangup);
  const running: RunningAdapter[] = [];
  const stopAll = async () => {
    process.off('SIGHUP', onHangup);
    watcher.close();
    clearInterval(listSync);
    await highlights?.stop();
    for (const adapter of running.reverse()) {
      await adapter.stop().catch((error: unknown) => logger.error({ err: error, adapter: adapter.name }, 'adapter did not stop cleanly'));
    }
    list?.close();
  };
  try {
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
