/**
 * `paperbot start`'s operations endpoints, through the composition root with the real discord.js and
 * Bolt against the local fakes: where they listen, what readiness reports, what the metrics count.
 */
import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { plain } from '../../adapters/console/render.js';
import { run } from '../../adapters/run.js';
import { loadConfig } from '../../src/config.js';
import { SEED } from '../core/seed.js';
import { FakeDiscord } from '../fakes/discord.js';
import { eventEnvelope, mentionEvent, sendEvent, startFakeSlack, TEST_APP_TOKEN, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../fakes/slack.js';
import { databaseEnv, setDatabaseAvailable } from '../support/databases.js';
import { freePort, get, sample, tryGet, until } from './http.js';

let dir: string;
const cleanup: Array<() => Promise<void>> = [];
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'paperbot-ops-'));
});
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
  await rm(dir, { recursive: true, force: true });
});

/** Runs `paperbot start` in this process until the returned `stop` is called. */
function start(env: Record<string, string>) {
  let signal: (name: string) => void = () => undefined;
  const stopSignal = new Promise<string>((resolve) => {
    signal = resolve;
  });
  const config = loadConfig({ PAPERBOT_CACHE_DIR: path.join(dir, 'cache'), DATABASE_PATH: path.join(dir, 'paperbot.db'), ...env }, [SEED]);
  const running = run({
    config,
    logger: pino({ level: 'silent' }),
    console: { input: new PassThrough(), output: new PassThrough(), terminal: false, style: plain },
    stopSignal,
  });
  let stopped = false;
  const stop = async () => {
    if (stopped) return;
    stopped = true;
    signal('SIGTERM');
    await running.catch(() => undefined);
  };
  cleanup.push(stop);
  return { running, stop };
}

const readyz = async (port: number) => {
  const reply = await tryGet(port, '/readyz');
  return reply ? { status: reply.status, body: JSON.parse(reply.text) as { ready: boolean; notReady: string[]; checks: Record<string, { ready: boolean; detail: string }> } } : null;
};

/** The readiness report, once /readyz answers with `status`. */
const readyzAt = (port: number, status: 200 | 503, ms: number) =>
  until(async () => {
    const reply = await readyz(port);
    return reply?.status === status ? reply.body : undefined;
  }, ms, `/readyz ${status}`);

test('Discord only: /healthz, /readyz and /metrics on PORT; commands counted by platform, command and outcome; a lost gateway is not ready', async () => {
  const fake = await FakeDiscord.start();
  cleanup.push(() => fake.stop());
  const port = await freePort();
  const bot = start({ DISCORD_TOKEN: 'fake.bot.token', DISCORD_API_URL: fake.apiUrl, PORT: String(port) });

  const ready = await readyzAt(port, 200, 15_000);
  expect(ready.notReady).toEqual([]);
  expect(Object.keys(ready.checks).sort()).toEqual(['database', 'discord', 'index']);
  expect(ready.checks.index?.detail).toBe('50 papers loaded');
  expect(ready.checks.discord?.detail).toBe('gateway connected');

  const health = await get(port, '/healthz');
  expect(health.status).toBe(200);
  expect(JSON.parse(health.text)).toMatchObject({ status: 'ok' });

  const ok = fake.sendCommand('search', { query: 'offline reinforcement learning' });
  await fake.waitForEdit(ok.token);
  // Discord's client enforces the option range; a hand-made request past it is the user's mistake, answered as such.
  const bad = fake.sendCommand('search', { query: 'offline', limit: 500 });
  await fake.waitFor(() => fake.requests.some((r) => r.path.includes(`/${bad.token}`) && r.method !== 'POST'), 10_000, 'answer to the bad request');

  const metrics = await get(port, '/metrics');
  expect(metrics.status).toBe(200);
  expect(metrics.contentType).toContain('text/plain');
  const text = metrics.text;
  expect(sample(text, 'paperbot_commands_total{platform="discord",command="search",outcome="ok"}')).toBe(1);
  expect(sample(text, 'paperbot_commands_total{platform="discord",command="search",outcome="user_error"}')).toBe(1);
  expect(sample(text, 'paperbot_command_duration_seconds_count{platform="discord",command="search"}')).toBe(2);
  expect(sample(text, 'paperbot_command_duration_seconds_bucket{le="+Inf",platform="discord",command="search"}')).toBe(2);
  expect(sample(text, 'paperbot_index_papers')).toBe(50);
  expect(sample(text, 'paperbot_digest_posts_total{outcome="posted"}')).toBe(0);
  expect(text).toContain('# TYPE paperbot_feed_fetches_total counter');
  expect(text).toContain('# TYPE nodejs_eventloop_lag_seconds gauge');
  expect(text).toContain('# TYPE process_cpu_seconds_total counter');

  expect((await get(port, '/nope')).status).toBe(404);

  fake.dropConnections();
  const lost = await readyzAt(port, 503, 10_000);
  expect(lost.notReady).toEqual(['discord']);
  expect(lost.checks.discord?.detail).toMatch(/^gateway /);

  await bot.stop();
  expect(await tryGet(port, '/healthz')).toBeNull();
});

test('Slack in HTTP mode: the endpoints are served by the same server as /slack/events', async () => {
  const fake = await startFakeSlack();
  cleanup.push(() => fake.stop());
  const port = await freePort();
  const bot = start({
    SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
    SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET,
    SLACK_API_URL: fake.apiUrl,
    PORT: String(port),
    HIGHLIGHTS_ENABLED: 'false',
  });

  const ready = await readyzAt(port, 200, 15_000);
  // Without daily highlights the database still dedupes Slack events across replicas: it counts.
  expect(Object.keys(ready.checks).sort()).toEqual(['database', 'index', 'slack']);
  expect(ready.checks.database?.detail).toMatch(/^SQLite at .*paperbot\.db answers$/);
  expect(ready.checks.slack?.detail).toBe(`listening on port ${port}`);

  const ack = await sendEvent(`http://127.0.0.1:${port}/slack/events`, eventEnvelope(mentionEvent('what does PRDC stand for?')));
  expect(ack.status).toBe(200);
  await fake.waitFor(() => fake.posted().find((m) => m.text?.includes('Policy Regularization with Dataset Constraint')), 10_000);
  const metrics = await get(port, '/metrics');
  expect(sample(metrics.text, 'paperbot_commands_total{platform="slack",command="ask",outcome="ok"}')).toBe(1);

  await bot.stop();
  expect(await tryGet(port, '/healthz')).toBeNull();
});

test('Slack in Socket Mode: a server of its own; ready while the socket is connected', async () => {
  const fake = await startFakeSlack();
  cleanup.push(() => fake.stop());
  const port = await freePort();
  const bot = start({ SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_APP_TOKEN: TEST_APP_TOKEN, SLACK_API_URL: fake.apiUrl, PORT: String(port) });
  const ready = await readyzAt(port, 200, 15_000);
  expect(ready.checks.slack).toEqual({ ready: true, detail: 'socket connected' });
  await bot.stop();
  expect(await tryGet(port, '/readyz')).toBeNull();
});

test('PostgreSQL lost while serving: /readyz names the database, answers go on, and it is ready again once the database is back', { timeout: 60_000 }, async () => {
  const fake = await FakeDiscord.start();
  cleanup.push(() => fake.stop());
  const database = await databaseEnv('postgres');
  const url = database.DATABASE_URL ?? '';
  cleanup.push(() => setDatabaseAvailable(url, true));
  const port = await freePort();
  start({ ...database, DISCORD_TOKEN: 'fake.bot.token', DISCORD_API_URL: fake.apiUrl, PORT: String(port), HIGHLIGHTS_ENABLED: 'false' });
  const ready = await readyzAt(port, 200, 30_000);
  expect(ready.checks.database?.detail).toMatch(/^PostgreSQL at 127\.0\.0\.1:\d+ \(database "paperbot_\w+"\) answers$/);

  await setDatabaseAvailable(url, false);
  const down = await readyzAt(port, 503, 20_000);
  expect(down.notReady).toEqual(['database']);
  const asked = fake.sendCommand('ask', { question: 'what does PRDC stand for?' });
  expect(JSON.stringify((await fake.waitForEdit(asked.token, 15_000)).body)).toContain('Policy Regularization with Dataset Constraint');

  await setDatabaseAvailable(url, true);
  await until(async () => (await readyz(port))?.status === 200, 20_000, '/readyz 200 again');
});

test('a port already in use is a clear start-up error naming PORT', async () => {
  const fake = await FakeDiscord.start();
  cleanup.push(() => fake.stop());
  const blocker = await import('node:net').then((net) => net.createServer());
  await new Promise<void>((resolve) => blocker.listen(0, resolve));
  cleanup.push(() => new Promise<void>((resolve) => blocker.close(() => resolve())));
  const port = (blocker.address() as { port: number }).port;
  const bot = start({ DISCORD_TOKEN: 'fake.bot.token', DISCORD_API_URL: fake.apiUrl, PORT: String(port) });
  await expect(bot.running).rejects.toThrow(`configuration: PORT: port ${port} is already in use`);
  expect(fake.identifies).toHaveLength(0);
});
