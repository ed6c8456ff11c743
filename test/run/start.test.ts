import { mkdtemp, rm } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { pino } from 'pino';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { plain } from '../../adapters/console/render.js';
import { run } from '../../adapters/run.js';
import { loadConfig } from '../../src/config.js';
import { eventEnvelope, mentionEvent, startFakeSlack, TEST_APP_TOKEN, TEST_BOT_TOKEN, type FakeSlack } from '../fakes/slack.js';
import { SEED } from '../core/seed.js';

let dir: string;
let fake: FakeSlack;
beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'paperbot-start-'));
  fake = await startFakeSlack();
});
afterEach(async () => {
  await fake.stop();
  await rm(dir, { recursive: true, force: true });
});

test('start serves the configured chat adapter (not the console) until a stop signal', async () => {
  const config = loadConfig(
    {
      SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
      SLACK_APP_TOKEN: TEST_APP_TOKEN,
      SLACK_API_URL: fake.apiUrl,
      PAPERBOT_CACHE_DIR: path.join(dir, 'cache'),
      DATABASE_PATH: path.join(dir, 'paperbot.db'),
      PORT: '0',
    },
    [SEED],
  );
  const consoleOutput = new PassThrough();
  let stop: (signal: string) => void = () => undefined;
  const stopSignal = new Promise<string>((resolve) => {
    stop = resolve;
  });
  const running = run({
    config,
    logger: pino({ level: 'silent' }),
    console: { input: new PassThrough(), output: consoleOutput, terminal: false, style: plain },
    stopSignal,
  });

  await fake.socketConnected(10_000);
  await fake.pushEnvelope('events_api', eventEnvelope(mentionEvent('what does PRDC stand for?')));
  const answer = await fake.waitFor(() => fake.posted().find((m) => m.text?.includes('Policy Regularization with Dataset Constraint')));
  expect(answer.channel).toBe('C0GENERAL');
  expect(answer.thread_ts).toBeDefined();

  stop('SIGTERM');
  await running;
  expect(consoleOutput.read()).toBeNull();
});
