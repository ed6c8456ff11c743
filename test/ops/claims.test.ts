/**
 * SIGTERM while the daily post is slow to go out, through the built binary against the fake
 * Discord: the post cannot finish before SHUTDOWN_TIMEOUT_SECONDS, so the process gives its claim
 * up on the way out; the next process takes the day over at once (not after the 10-minute claim
 * timeout), finds that the slow post did go out, and records it instead of posting again.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { openStorage } from '../../src/storage/index.js';
import { FAKE_CHANNEL_ID, FakeDiscord } from '../fakes/discord.js';
import { BACKENDS, databaseEnv } from '../support/databases.js';
import { startBotProcess } from './bot-process.js';
import { freePort, sample, tryGet, until } from './http.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** HH:MM (UTC) a few minutes ago: a daily run that is due now, within the catch-up window. */
function minutesAgo(minutes: number): string {
  return new Date(Date.now() - minutes * 60_000).toISOString().slice(11, 16);
}

const start = (env: Record<string, string>) => startBotProcess(env, cleanup);

describe.each(BACKENDS)('%s', (backend) => {
  test('a digest post under way at the shutdown deadline is taken over at once and not posted twice', { timeout: 90_000 }, async () => {
    const fake = await FakeDiscord.start();
    cleanup.push(() => fake.stop());
    const isDigestPost = (r: { method: string; path: string }) => r.method === 'POST' && r.path === `/channels/${FAKE_CHANNEL_ID}/messages`;
    fake.slowDown(isDigestPost, 4_000);

    const database = await databaseEnv(backend);
    const entry = { platform: 'discord' as const, channel: FAKE_CHANNEL_ID, time: minutesAgo(2), timezone: 'UTC', count: 2 };
    const storage = await openStorage(loadConfig(database).storage, { logger: createLogger('silent'), claimTimeoutMs: 600_000 });
    await storage.subscriptions.save({ ...entry, channelId: entry.channel, origin: 'config' }, new Date(Date.now() - 86_400_000));
    const env = {
      ...database,
      DISCORD_TOKEN: 'fake.bot.token',
      DISCORD_API_URL: fake.apiUrl,
      HIGHLIGHTS: JSON.stringify([entry]),
      SHUTDOWN_TIMEOUT_SECONDS: '1',
      LOG_LEVEL: 'info',
    };
    const claim = () => storage.ledger.state(1, new Date().toISOString().slice(0, 10));

    const first = start({ ...env, PORT: String(await freePort()) });
    await fake.waitFor(() => fake.requests.some(isDigestPost), 30_000, 'the digest post');
    first.child.kill('SIGTERM');
    expect(await first.exited).toBe(0);
    expect(first.stderr()).toContain('released unfinished claims');

    // The platform did take the slow post, after the process had gone.
    const digests = () => fake.channelMessages(FAKE_CHANNEL_ID).filter((m) => m.nonce?.startsWith('pb-'));
    await fake.waitFor(() => digests().length === 1, 10_000, 'the slow post to land');
    expect(await claim()).toBe('claimed');

    const port = await freePort();
    const second = start({ ...env, PORT: String(port) });
    await until(async () => (await claim()) === 'posted', 30_000, 'the next process to record the post');
    const metrics = await tryGet(port, '/metrics');
    expect(sample(metrics?.text ?? '', 'paperbot_digest_posts_total{outcome="recovered"}')).toBe(1);
    expect(digests()).toHaveLength(1);
    expect(fake.requests.filter(isDigestPost)).toHaveLength(1);

    second.child.kill('SIGTERM');
    expect(await second.exited).toBe(0);
    await storage.close();
  });
});
