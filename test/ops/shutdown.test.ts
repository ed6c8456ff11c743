/**
 * Graceful shutdown of a real `paperbot start` process (the built binary) serving Discord through
 * the local fake, whose acknowledgements are slowed down so that an answer is in flight when
 * SIGTERM arrives.
 */
import type { ChildProcessWithoutNullStreams } from 'node:child_process';
import { afterEach, expect, test } from 'vitest';
import { RESTARTING_TEXT } from '../../adapters/discord/interactions.js';
import { SEED, spawnBin } from '../cli/run-bin.js';
import { FakeDiscord, type RecordedRequest } from '../fakes/discord.js';
import { freePort, tryGet, until } from './http.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

interface Bot {
  child: ChildProcessWithoutNullStreams;
  port: number;
  stderr: () => string;
  exited: Promise<number | null>;
}

async function startBot(fake: FakeDiscord, env: Record<string, string> = {}): Promise<Bot> {
  const port = await freePort();
  const child = spawnBin(['start', '--corpus', SEED], {
    env: { DISCORD_TOKEN: 'fake.bot.token', DISCORD_API_URL: fake.apiUrl, PORT: String(port), LOG_LEVEL: 'info', ...env },
  });
  let stderr = '';
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdout.resume();
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  cleanup.push(async () => {
    if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    await exited;
  });
  await until(async () => (await tryGet(port, '/readyz'))?.status === 200, 20_000, `the bot to be ready (stderr: ${stderr})`);
  return { child, port, stderr: () => stderr, exited };
}

const callbackOf = (id: string) => (request: RecordedRequest) => request.method === 'POST' && request.path.startsWith(`/interactions/${id}/`);

test('SIGTERM with an answer in flight: readiness fails, new interactions are told to retry, the answer is delivered, exit 0', async () => {
  const fake = await FakeDiscord.start();
  cleanup.push(() => fake.stop());
  let slowId = '';
  fake.slowDown((request) => slowId !== '' && callbackOf(slowId)(request), 2_000);
  const bot = await startBot(fake);

  const inFlight = fake.sendCommand('ask', { question: 'what does PRDC stand for?' });
  slowId = inFlight.id;
  // The bot has acknowledged (deferred) and waits for the slow platform before it can answer.
  await fake.waitFor(() => fake.requests.some(callbackOf(inFlight.id)), 10_000, 'the deferral');
  bot.child.kill('SIGTERM');

  await until(async () => (await tryGet(bot.port, '/readyz'))?.status === 503, 5_000, '/readyz 503 while draining');
  const late = fake.sendCommand('search', { query: 'diffusion policy' });
  const turnedAway = await fake.waitForCallback(late.id, [4], 10_000);
  expect(turnedAway.data?.content).toBe(RESTARTING_TEXT);
  expect(turnedAway.data?.flags).toBe(64);

  const edit = await fake.waitForEdit(inFlight.token, 10_000);
  expect(JSON.stringify(edit.body)).toContain('Policy Regularization with Dataset Constraint');
  expect(edit.status).toBe(200);
  expect(await bot.exited).toBe(0);
  expect(bot.stderr()).toContain('shutting down');
  expect(bot.stderr()).toContain('"msg":"stopped"');
  expect(await tryGet(bot.port, '/healthz')).toBeNull();
});

test('SHUTDOWN_TIMEOUT_SECONDS bounds the wait: an answer slower than that is dropped and the process still exits 0', async () => {
  const fake = await FakeDiscord.start();
  cleanup.push(() => fake.stop());
  let slowId = '';
  fake.slowDown((request) => slowId !== '' && callbackOf(slowId)(request), 15_000);
  const bot = await startBot(fake, { SHUTDOWN_TIMEOUT_SECONDS: '1' });

  const inFlight = fake.sendCommand('ask', { question: 'what does PRDC stand for?' });
  slowId = inFlight.id;
  await fake.waitFor(() => fake.requests.some(callbackOf(inFlight.id)), 10_000, 'the deferral');
  bot.child.kill('SIGTERM');

  expect(await bot.exited).toBe(0);
  expect(bot.stderr()).toContain('the deadline passed with answers or a daily post still under way');
  expect(fake.requests.some((r) => r.method === 'PATCH' && r.path.includes(inFlight.token))).toBe(false);
});
