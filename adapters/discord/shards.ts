/**
 * `paperbot shards`: Discord sharded with discord.js's ShardingManager. This process only supervises:
 * each shard is a child process running `paperbot start` for Discord alone (discord.js hands it its
 * shard id and count), with its own index and its own connection to the shared database. Anything
 * that must happen once (a digest, a feed fetch) is settled in the database, so any shard may do it.
 * Slack runs in a separate `paperbot start` replica.
 */
import type { ChildProcess } from 'node:child_process';
import { REST, Routes, ShardingManager, type Shard } from 'discord.js';
import type { Config } from '../../src/config.js';
import { PaperbotError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import { openStorage } from '../../src/storage/index.js';

/** Loading a large index cold takes minutes; a shard is given that long to report ready. */
const SPAWN_TIMEOUT_MS = 10 * 60_000;
/** Discord allows `max_concurrency` identifies per 5 s; discord.js's default spacing for one. */
const IDENTIFY_SPACING_MS = 5_500;
/** A shard that does not exit this long after SIGTERM is killed. */
const STOP_TIMEOUT_MS = 30_000;

export interface ShardsOptions {
  config: Config;
  logger: Logger;
  /** The paperbot entry point each shard runs, and the arguments it gets before `start`. */
  entry: string;
  args: string[];
  /** Resolves when the shards should stop. */
  stopSignal: Promise<string>;
}

interface GatewayBot {
  shards: number;
  session_start_limit: { max_concurrency: number };
}

/** Discord's recommendation, from the same REST base the bot uses (DISCORD_API_URL honoured). */
async function gatewayBot(config: Config, token: string): Promise<GatewayBot> {
  const rest = new REST({ ...(config.env.DISCORD_API_URL ? { api: config.env.DISCORD_API_URL } : {}), retries: 1, timeout: 15_000 }).setToken(token);
  try {
    return (await rest.get(Routes.gatewayBot())) as GatewayBot;
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    throw new PaperbotError('config_error', `shards: Discord did not answer GET /gateway/bot (check DISCORD_TOKEN): ${reason}`, { variable: 'DISCORD_TOKEN' });
  }
}

function stopShard(shard: Shard): Promise<void> {
  const child = shard.process as ChildProcess | null;
  if (!child || child.exitCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    const timer = setTimeout(() => child.kill('SIGKILL'), STOP_TIMEOUT_MS);
    child.once('exit', () => {
      clearTimeout(timer);
      resolve();
    });
    // kill() sends SIGTERM, which the shard answers with a graceful shutdown, and tells the manager not to respawn it.
    shard.kill();
  });
}

export async function runShards(options: ShardsOptions): Promise<void> {
  const { config, logger } = options;
  const token = config.env.DISCORD_TOKEN;
  if (!token) throw new PaperbotError('config_error', 'shards: set DISCORD_TOKEN (in the environment or .env)', { variable: 'DISCORD_TOKEN' });

  // Checked once here, so a bad DATABASE_URL is one clear error instead of shards dying and respawning;
  // this also migrates the schema before any shard starts.
  const storage = await openStorage(config.storage, { logger, claimTimeoutMs: config.highlights.claimTimeoutMinutes * 60_000 });
  await storage.close();

  const gateway = await gatewayBot(config, token);
  const total = config.env.DISCORD_SHARDS === 'auto' ? Math.max(1, gateway.shards) : config.env.DISCORD_SHARDS;
  const concurrency = Math.max(1, gateway.session_start_limit.max_concurrency);
  const manager = new ShardingManager(options.entry, { totalShards: total, token, shardArgs: [...options.args, 'start'], respawn: true });
  let stopping = false;
  manager.on('shardCreate', (shard) => {
    logger.info({ shard: shard.id, of: total }, 'shards: starting a shard');
    shard.on('death', (child) => {
      if (stopping) return;
      const code = 'exitCode' in child ? child.exitCode : undefined;
      logger.warn({ shard: shard.id, code }, 'shards: a shard exited; discord.js starts it again');
    });
  });
  logger.info({ shards: total, recommended: gateway.shards, maxConcurrency: concurrency, database: storage.description }, 'shards: spawning');
  const stopped = options.stopSignal.then((signal) => {
    stopping = true;
    logger.info({ signal }, 'shards: stopping');
    return Promise.all(manager.shards.map(stopShard));
  });
  try {
    await Promise.race([manager.spawn({ amount: total, delay: total <= concurrency ? 0 : IDENTIFY_SPACING_MS, timeout: SPAWN_TIMEOUT_MS }), stopped]);
  } catch (error) {
    stopping = true;
    await Promise.all(manager.shards.map(stopShard));
    const reason = error instanceof Error ? error.message : String(error);
    throw new PaperbotError('internal', `shards: a shard did not start (${reason}); its log lines above say why`);
  }
  logger.info({ shards: manager.shards.size }, 'shards: all running');
  await stopped;
  logger.info('shards: stopped');
}
