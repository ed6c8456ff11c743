/**
 * `paperbot shards` as an operator runs it (the built binary), with two shards against the fake
 * Discord gateway: each shard process identifies as its shard and receives only its servers'
 * interactions, both answer, a daily digest owed to a channel goes out once although both shards
 * run the scheduler, and SIGTERM stops the whole set cleanly.
 */
import { afterEach, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { openStorage } from '../../src/storage/index.js';
import { session, spawnBin } from '../cli/run-bin.js';
import { FAKE_CHANNEL_2_ID, FAKE_CHANNEL_ID, FAKE_GUILD_2_ID, FAKE_GUILD_ID, FakeDiscord, shardOf } from '../fakes/discord.js';
import { tryGet, until } from '../ops/http.js';
import { databaseEnv } from '../support/databases.js';
import { freePort } from '../support/net.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of cleanup.splice(0).reverse()) await stop();
});

/** HH:MM (UTC) a few minutes ago: a daily run that is due now, within the catch-up window. */
function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * 60_000).toISOString().slice(11, 16);
}

test('two shards: each answers its own servers, a digest goes out once, SIGTERM stops both', { timeout: 90_000 }, async () => {
  expect(shardOf(FAKE_GUILD_ID, 2)).toBe(0);
  expect(shardOf(FAKE_GUILD_2_ID, 2)).toBe(1);
  const fake = await FakeDiscord.start({
    shards: 2,
    maxConcurrency: 2,
    guilds: [
      { id: FAKE_GUILD_ID, channelId: FAKE_CHANNEL_ID },
      { id: FAKE_GUILD_2_ID, channelId: FAKE_CHANNEL_2_ID },
    ],
  });
  cleanup.push(() => fake.stop());

  // A channel on shard 1 subscribed yesterday whose post is due now.
  const database = await databaseEnv('postgres');
  const entry = { platform: 'discord' as const, channel: FAKE_CHANNEL_2_ID, time: minutesAgo(2), timezone: 'UTC', count: 2 };
  const storage = await openStorage(loadConfig(database).storage, { logger: createLogger('silent'), claimTimeoutMs: 600_000 });
  await storage.subscriptions.save({ ...entry, channelId: entry.channel, origin: 'config' }, new Date(Date.now() - 86_400_000));
  await storage.close();

  // Each shard serves /healthz, /readyz and /metrics on PORT + its shard id.
  const port = await freePort();
  const child = spawnBin(['shards'], {
    env: {
      ...database,
      PORT: String(port),
      DISCORD_TOKEN: 'fake.bot.token',
      DISCORD_API_URL: fake.apiUrl,
      HIGHLIGHTS: JSON.stringify([entry]),
      LOG_LEVEL: 'info',
    },
  });
  const shards = session(child);
  cleanup.push(async () => {
    if (child.exitCode === null) child.kill('SIGKILL');
  });

  await fake.waitFor(() => fake.identifies.length === 2, 60_000, 'two shards identifying');
  expect(fake.identifies.map((d) => d.shard).sort()).toEqual([
    [0, 2],
    [1, 2],
  ]);

  for (const shardPort of [port, port + 1]) {
    await until(async () => (await tryGet(shardPort, '/readyz'))?.status === 200, 30_000, `shard on port ${shardPort} ready`);
  }

  const inFirst = fake.sendCommand('search', { query: 'diffusion policy' }, { guildId: FAKE_GUILD_ID });
  const inSecond = fake.sendCommand('search', { query: 'reinforcement learning' }, { guildId: FAKE_GUILD_2_ID });
  await fake.waitForEdit(inFirst.token, 15_000);
  await fake.waitForEdit(inSecond.token, 15_000);

  const digests = () => fake.channelMessages(FAKE_CHANNEL_2_ID).filter((m) => m.nonce?.startsWith('pb-'));
  await fake.waitFor(() => digests().length > 0, 30_000, 'the digest');
  // Both shards ran a scheduling pass at start-up; the second found the claim.
  await new Promise((resolve) => setTimeout(resolve, 1_000));
  expect(digests()).toHaveLength(1);
  expect(fake.channelMessages(FAKE_CHANNEL_ID).filter((m) => m.nonce?.startsWith('pb-'))).toHaveLength(0);

  child.kill('SIGTERM');
  expect(await shards.exited).toBe(0);
  expect(shards.stderr).toContain('shards: all running');
  expect(shards.stderr).toContain('shards: stopped');
  expect(shards.stderr.match(/"msg":"stopped"/g)).toHaveLength(2); // each shard shut down gracefully
  expect(shards.stderr).not.toContain('starts it again');
});
