/**
 * `paperbot start`: every chat adapter whose credentials are set, sharing one Library and the daily
 * highlights, with `/healthz`, `/readyz` and `/metrics` on PORT, until SIGINT/SIGTERM; with no chat
 * credentials, the interactive console.
 *
 * Shutdown, within SHUTDOWN_TIMEOUT_SECONDS: readiness fails and no new requests are taken (sockets
 * and listeners close; Discord interactions are told to retry), the answers and the daily post under
 * way finish, claims still held are released, then the gateway, the database and the HTTP server close.
 */
import { Library } from '../src/library.js';
import type { Config } from '../src/config.js';
import type { Highlights } from '../src/digest/service.js';
import { startHighlights } from '../src/digest/service.js';
import type { Logger } from '../src/log.js';
import { runRepl, type ReplIo } from './console/repl.js';
import { startDiscord } from './discord/index.js';
import { InFlight } from './in-flight.js';
import { PrometheusMetrics } from './ops/metrics.js';
import { Readiness } from './ops/readiness.js';
import { listenOps, opsRoutes, type OpsRoute, type OpsServer } from './ops/server.js';
import { startSlack } from './slack/index.js';
import type { AdapterDeps, RunningAdapter } from './types.js';

type ChatAdapter = 'discord' | 'slack';

/** How the operations routes move onto Slack's HTTP server, when Slack runs one. */
interface OpsHandover {
  routes: OpsRoute[];
  /** Frees PORT for Bolt, which then serves the routes itself. */
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

export async function run(options: RunOptions): Promise<void> {
  const { config, logger } = options;
  const { adapters: wanted, warnings } = configuredAdapters(config.env);
  for (const warning of warnings) logger.warn(warning);
  if (wanted.length === 0) {
    const library = await Library.open({ corpus: config.corpus, cacheDir: config.cacheDir, logger });
    await runRepl(library, options.console);
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
  for (const name of wanted) readiness.pending(name, 'starting');

  // Listening before the index loads (up to a minute for a large corpus uncached) keeps /healthz
  // answering while it does.
  const routes = opsRoutes(readiness, metrics, logger);
  let ops: OpsServer | undefined = await listenOps(routes, config.env.PORT);
  logger.info({ port: ops.port }, `ops: /healthz, /readyz and /metrics on port ${ops.port}`);
  const closeOps = async () => {
    const server = ops;
    ops = undefined;
    await server?.close();
  };
  const handover: OpsHandover = { routes, beforeListen: closeOps };

  let library: Library;
  try {
    library = await Library.open({ corpus: config.corpus, cacheDir: config.cacheDir, logger });
  } catch (error) {
    await closeOps();
    throw error;
  }
  logger.info({ papers: library.lastLoad.papers, fromCache: library.lastLoad.fromCache, ms: Math.round(library.lastLoad.ms) }, 'corpus loaded');
  if (stopRequested) {
    logger.info({ signal: stopRequested }, 'stopped before serving');
    await closeOps();
    return;
  }
  const loaded = library;
  readiness.set('index', () => ({ ready: true, detail: `${loaded.lastLoad.papers} papers loaded` }));
  metrics.countPapers(() => loaded.stats().papers);

  const highlights: Highlights | undefined = config.highlights.enabled ? startHighlights({ config, core: library, logger, metrics }) : undefined;
  if (highlights) {
    readiness.set('database', async () => {
      await highlights.ping();
      return { ready: true, detail: 'answers' };
    });
  }
  const deps: AdapterDeps = { config, core: library, logger, metrics, work, ...(highlights ? { subscriptions: highlights.subscriptions } : {}) };
  const running: RunningAdapter[] = [];

  const shutdown = async (timeoutMs: number) => {
    const deadline = Date.now() + timeoutMs;
    const remaining = () => Math.max(0, deadline - Date.now());
    readiness.shuttingDown();
    work.close();
    await Promise.all(running.map((adapter) => adapter.stopReceiving().catch((error: unknown) => logger.error({ err: error, adapter: adapter.name }, 'adapter did not stop receiving cleanly'))));
    const drained = work.idle(remaining());
    await highlights?.stop({ timeoutMs: remaining(), after: drained });
    if (!(await drained)) logger.warn({ unfinished: work.count, timeoutMs }, 'shutdown: the deadline passed with answers still under way; they are dropped');
    for (const adapter of [...running].reverse()) {
      await adapter.stop().catch((error: unknown) => logger.error({ err: error, adapter: adapter.name }, 'adapter did not stop cleanly'));
    }
    await closeOps();
  };

  try {
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
  logger.info({ adapters: running.map((a) => a.name), highlights: highlights !== undefined }, `paperbot running: ${running.map((a) => a.name).join(', ')}`);

  const signal = await stopSignal;
  const timeoutMs = config.env.SHUTDOWN_TIMEOUT_SECONDS * 1000;
  logger.info({ signal, inFlight: work.count, timeoutMs }, 'shutting down: taking no new requests, finishing those under way');
  await shutdown(timeoutMs);
  logger.info('stopped');
}
