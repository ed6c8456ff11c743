// Start-up: which mode the credentials select, and clear errors when they are missing or wrong.
import { afterEach, expect, test } from 'vitest';
import { startSlack } from '../../adapters/slack/index.js';
import { loadConfig } from '../../src/config.js';
import type { PaperCore } from '../../src/core.js';
import { startFakeSlack, TEST_BOT_TOKEN, TEST_SIGNING_SECRET, type FakeSlack } from '../fakes/slack.js';
import { memoryLogger } from './harness.js';

// Start-up fails before the core is used, so no corpus is needed here.
const core = {} as PaperCore;
let fake: FakeSlack | undefined;

afterEach(async () => {
  await fake?.stop();
  fake = undefined;
});

test('without SLACK_APP_TOKEN or SLACK_SIGNING_SECRET the adapter refuses to start and says what to set', async () => {
  const config = loadConfig({ SLACK_BOT_TOKEN: TEST_BOT_TOKEN });
  await expect(startSlack({ config, core, logger: memoryLogger([]) })).rejects.toThrow(
    'slack: set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode on PORT) besides SLACK_BOT_TOKEN',
  );
});

test('a token Slack rejects is a start-up error naming the variable, and the token is not logged', async () => {
  fake = await startFakeSlack({ authError: 'invalid_auth' });
  const logs: string[] = [];
  const config = loadConfig({ SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: fake.apiUrl, PORT: '0' });
  const starting = startSlack({ config, core, logger: memoryLogger(logs) }, { retries: 0 });
  await expect(starting).rejects.toMatchObject({ code: 'config_error' });
  await expect(starting).rejects.toThrow('Slack rejected SLACK_BOT_TOKEN (invalid_auth)');
  expect(logs.join('')).not.toContain(TEST_BOT_TOKEN);
});

test('an unreachable Slack API is a start-up error naming the URL', async () => {
  fake = await startFakeSlack();
  const apiUrl = fake.apiUrl;
  await fake.stop();
  fake = undefined;
  const config = loadConfig({ SLACK_BOT_TOKEN: TEST_BOT_TOKEN, SLACK_SIGNING_SECRET: TEST_SIGNING_SECRET, SLACK_API_URL: apiUrl, PORT: '0' });
  await expect(startSlack({ config, core, logger: memoryLogger([]) }, { retries: 0 })).rejects.toThrow(`could not reach the Slack API at ${apiUrl}`);
});
