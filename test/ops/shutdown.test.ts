/**
 * Graceful shutdown of a real `paperbot start` process (the built binary) serving Discord or Slack
 * through the local fakes, slowed down so that an answer is in flight when SIGTERM arrives.
 */
import { afterEach, expect, test } from 'vitest';
import { RESTARTING_TEXT } from '../../adapters/discord/interactions.js';
import { FakeDiscord, type RecordedRequest } from '../fakes/discord.js';
import { eventEnvelope, mentionEvent, sendEvent, startFakeSlack, TEST_BOT_TOKEN, TEST_SIGNING_SECRET } from '../fakes/slack.js';
import { startBotProcess, type BotProcess } from './bot-process.js';
import { freePort, tryGet, until } from './http.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const step of cleanup.splice(0).reverse()) await step();
});

/** A bot on `port`, once `/readyz` says it is ready. */
async function startBot(env: Record<string, string>, port: number): Promise<BotProcess & { port: number }> {
  const bot = startBotProcess({ PORT: String(port), LOG_LEVEL: 'info', ...env }, cleanup);
  await until(async () => (await tryGet(port, '/readyz'))?.status === 200, 20_000, 'the bot to be ready').catch((error: Error) => {
    throw new Error(`${error.message}; its stderr: ${bot.stderr()}`);
  });
  return { ...bot, port };
}

const discordEnv = (fake: FakeDiscord) => ({ DISCORD_TOKEN: 'fake.bot.token', DISCORD_API_URL: fake.apiUrl });
const callbackOf = (id: string) => (request: RecordedRequest) => request.method === 'POST' && request.path.startsWith(`/interactions/${id}/`);

test('SIGTERM with an answer in flight: readiness fails, new interactions are told to retry, the answer is delivered, exit 0', async () => {
  const fake = await FakeDiscord.start();
  cleanup.push(() => fake.stop());
  let slowId = '';
  fake.slowDown((request) => slowId !== '' && callbackOf(slowId)(request), 2_000);
  const bot = await startBot(discordEnv(fake), await freePort());

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
  const bot = await startBot({ ...discordEnv(fake), SHUTDOWN_TIMEOUT_SECONDS: '1' }, await freePort());

  const inFlight = fake.sendCommand('ask', { question: 'what does PRDC stand for?' });
  slowId = inFlight.id;
  await fake.waitFor(() => fake.requests.some(callbackOf(inFlight.id)), 10_000, 'the deferral');
  bot.child.kill('SIGTERM');

  expect(await bot.exited).toBe(0);
  expect(bot.stderr()).toContain('the deadline passed with answers or a daily post still under way');
  expect(fake.requests.some((r) => r.method === 'PATCH' && r.path.includes(inFlight.token))).toBe(false);
});

test('Slack over HTTP: SIGTERM while an answer is being posted closes /slack/events, and the process waits for the post before it exits 0', async () => {
  const fake = await startFakeSlack();
  cleanup.push(() => fake.stop());
  fake.slowDown('chat.postMessage', 2_000);
  const port = await freePort();
  const bot = await startBot({ SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, HIGHLIGHTS_ENABLED: 'false' }, port);
  const answered = () => fake.posted().find((m) => m.text?.includes('Policy Regularization with Dataset Constraint'));

  const ack = await sendEvent(`http://127.0.0.1:${port}/slack/events`, eventEnvelope(mentionEvent('what does PRDC stand for?')));
  expect(ack.status).toBe(200);
  await fake.waitFor(() => fake.callsTo('chat.postMessage').length > 0, 10_000);
  bot.child.kill('SIGTERM');

  // Slack retries an event it cannot deliver; with several replicas another one takes it.
  await until(async () => (await tryGet(port, '/readyz')) === null, 10_000, '/slack/events and /readyz to close');
  // The fake stores the message only when it answers the slow call: the process outlived that answer.
  const exitedWithAnswer = bot.exited.then((code) => ({ code, answered: answered() !== undefined }));
  expect(await exitedWithAnswer).toEqual({ code: 0, answered: true });
  expect(bot.stderr()).toContain('slack: no longer receiving events');
  expect(bot.stderr()).not.toContain('the deadline passed');
});
