/**
 * `paperbot start`: every chat adapter whose credentials are set, sharing one Library, the storage
 * (SQLite or PostgreSQL: the list of papers added from chat, the daily highlights), with
 * `/healthz`, `/readyz` and `/metrics` on PORT, until SIGINT/SIGTERM; with no chat credentials, the
 * interactive console. While the bots serve, an edited corpus file (or SIGHUP) rebuilds the index in
 * the background.
 *
 * Shutdown, within SHUTDOWN_TIMEOUT_SECONDS: readiness fails and no new requests are taken (sockets
 * and listeners close; Discord interactions are told to retry), the answers and the daily post under
 * way finish, this process's claims and leases are released, then the gateway, the database and the
 * HTTP server close.
 */
import { Library } from '../src/library.js';
import { answererFromSettings } from '../src/llm/answerer.js';
import type { Config } from '../src/config.js';
import { toPaperbotError } from '../src/errors.js';
import { chatPaperList } from '../src/list/open.js';
import { logProgress } from '../src/progress.js';
import { watchCorpus } from '../src/reload/watch.js';
import type { Highlights } from '../src/digest/service.js';
import { startHighlights } from '../src/digest/service.js';
import type { Logger } from '../src/log.js';
import { openStorage, type Storage } from '../src/storage/index.js';
import { PaperSync } from '../src/list/sync.js';
import { withConsoleLibrary } from './console/open.js';
import { runRepl, type ReplIo } from './console/repl.js';
import { startDiscord } from './discord/index.js';
import { InFlight, withinTime } from './in-flight.js';
import { PrometheusMetrics } from './ops/metrics.js';
import { Readiness } from './ops/readiness.js';
import { listenOps, opsRoutes, type OpsRoute, type OpsServer } from './ops/server.js';
import { startSlack } from './slack/index.js';
import type { AdapterDeps, RunningAdapter } from './types.js';

export type ChatAdapter = 'discord' | 'slack';

/** How the operations routes move onto Slack's HTTP server, when Slack runs one. */
interface OpsHandover {
  routes: OpsRoute[];
  /** Frees the port for Bolt, which then serves the routes itself. */
  beforeListen: () => Promise<void>;
}

const STARTERS: Record<ChatAdapter, (deps: AdapterDeps, ops: OpsHandover) => Promise<RunningAdapter>> = {
  discord: (deps) => startDiscord(deps),
  slack: (deps, ops) => startSlack(deps, { http: ops }),
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
  /** The port of the operations endpoints when not PORT (each shard of `paperbot shards` has its own). */
  port?: number;
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
  if (wanted.length === 0) {
    // The console's user watches a progress bar; the bots log the same milestones.
    await withConsoleLibrary(config, logger, (library, services) => runRepl(library, options.console, services), { probe: true });
    return;
  }
  await serve(options, wanted);
}

async function serve(options: RunOptions, wanted: ChatAdapter[]): Promise<void> {
  const { config, logger } = options;
  // Signals are caught from the start: one that arrives while starting up is acted on between steps.
  const stopSignal = options.stopSignal ?? signals();
  let stopRequested: string | undefined;
  void stopSignal.then((signal) => {
    stopRequested = signal;
  });
  const metrics = new PrometheusMetrics();
  const readiness = new Readiness();
  const work = new InFlight();
  readiness.pending('index', 'loading the papers');
  readiness.pending('database', 'connecting');
  for (const name of wanted) readiness.pending(name, 'starting');

  // Listening before the database and the index (up to a minute for a large corpus uncached) keeps
  // /healthz answering while they load.
  const routes = opsRoutes(readiness, metrics, logger);
  let ops: OpsServer | undefined = await listenOps(routes, options.port ?? config.env.PORT);
  logger.info({ port: ops.port }, `ops: /healthz, /readyz and /metrics on port ${ops.port}`);
  const closeOps = async () => {
    const server = ops;
    ops = undefined;
    await server?.close();
  };

  // The database first: a wrong DATABASE_URL fails in a second, not after the index has loaded.
  let storage: Storage;
  try {
    storage = await openStorage(config.storage, { logger, claimTimeoutMs: config.highlights.claimTimeoutMinutes * 60_000 });
  } catch (error) {
    await closeOps();
    throw error;
  }
  const database = storage;
  readiness.set('database', async () => {
    await database.ping();
    return { ready: true, detail: `${database.description} answers` };
  });
  let library: Library;
  try {
    library = await Library.open({ corpus: config.corpus, cacheDir: config.cacheDir, logger, onProgress: logProgress(logger) });
  } catch (error) {
    await storage.close();
    await closeOps();
    throw error;
  }
  logger.info({ papers: library.lastLoad.papers, fromCache: library.lastLoad.fromCache, ms: Math.round(library.lastLoad.ms) }, 'corpus loaded');
  const loaded = library;
  readiness.set('index', () => ({ ready: true, detail: `${loaded.lastLoad.papers} papers loaded` }));
  metrics.countPapers(() => loaded.size);

  const answerer = answererFromSettings(config.llm, logger, { probe: true });
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

  const shutdown = async (timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    const remaining = () => Math.max(0, deadline - Date.now());
    readiness.shuttingDown();
    work.close();
    process.off('SIGHUP', onHangup);
    watcher.close();
    await Promise.all(running.map((adapter) => adapter.stopReceiving().catch((error: unknown) => logger.error({ err: error, adapter: adapter.name }, 'adapter did not stop receiving cleanly'))));
    const drained = work.idle(remaining());
    // Answers under way may still use the database, and a daily post may be going out: both may finish.
    if (!(await withinTime(Promise.all([drained, highlights?.stop()]), remaining())) || !(await drained)) {
      logger.warn({ unfinished: work.count, timeoutMs }, 'shutdown: the deadline passed with answers or a daily post still under way; they are dropped');
    }
    for (const adapter of [...running].reverse()) {
      await adapter.stop().catch((error: unknown) => logger.error({ err: error, adapter: adapter.name }, 'adapter did not stop cleanly'));
    }
    papers.stop();
    const released = await storage.releaseOwned().catch((error: unknown) => {
      logger.warn({ err: error }, "database: could not release this process's claims; they expire by themselves");
      return undefined;
    });
    if (released && released.claims > 0) logger.warn({ released: released.claims }, 'highlights: released unfinished claims; another process checks the channel and finishes them');
    await storage.close();
    await closeOps();
  };

  try {
    const stored = await papers.sync();
    papers.start();
    logger.info({ database: storage.description, storedPapers: stored.added + stored.updated }, 'database ready');
    if (config.highlights.enabled) highlights = await startHighlights({ config, core: library, logger, storage, papers, metrics });
    const deps: AdapterDeps = {
      config,
      core: library,
      logger,
      metrics,
      work,
      handledEvents: storage.events,
      conversations: storage.conversations,
      list: chatPaperList(config, { core: library, storage, sync: papers, logger }),
      ...(highlights ? { subscriptions: highlights.subscriptions } : {}),
      ...(answerer ? { answerer } : {}),
    };
    const handover: OpsHandover = { routes, beforeListen: closeOps };
    for (const name of wanted) {
      if (stopRequested) break;
      const adapter = await STARTERS[name](deps, handover);
      running.push(adapter);
      readiness.set(name, () => adapter.health());
      if (adapter.poster) highlights?.addPoster(adapter.poster).catch((error: unknown) => logger.error({ err: error, adapter: name }, 'highlights: could not post for this adapter'));
    }
  } catch (error) {
    await shutdown(0);
    throw error;
  }
  if (!stopRequested) logger.info({ adapters: running.map((a) => a.name), highlights: highlights !== undefined }, `paperbot running: ${running.map((a) => a.name).join(', ')}`);

  const signal = await stopSignal;
  const timeoutMs = config.env.SHUTDOWN_TIMEOUT_SECONDS * 1000;
  logger.info({ signal, inFlight: work.count, timeoutMs }, 'shutting down: taking no new requests, finishing those under way');
  await shutdown(timeoutMs);
  logger.info('stopped');
}
