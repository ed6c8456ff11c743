// Daily-highlights commands from Slack, against the real highlights service (SQLite in a temp dir):
// only workspace admins and the SLACK_SUBSCRIPTION_ADMINS allow-list may subscribe; everyone may look.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { Library } from '../../src/library.js';
import { startTestHighlights, type RunningHighlights } from '../digest/helpers.js';
import { sendSlashCommand } from '../fakes/slack.js';
import { memoryLogger, startSlackUnderTest, type SlackUnderTest } from './harness.js';

let dir: string;
let highlights: RunningHighlights;
let slack: SlackUnderTest;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'paperbot-slack-'));
  const library = await Library.open({ corpus: ['data/papers-listing.txt'], cacheDir: null });
  const config = loadConfig({ DATABASE_PATH: path.join(dir, 'paperbot.db') });
  highlights = await startTestHighlights({ config, core: library, logger: memoryLogger([], 'silent') });
  slack = await startSlackUnderTest(library, { subscriptions: highlights.subscriptions, env: { SLACK_SUBSCRIPTION_ADMINS: 'U0CAROL, U0DAVE' } });
});

afterAll(async () => {
  await slack.stop();
  await highlights.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function slash(text: string, user: string, channel = 'C0PAPERS'): Promise<{ response_type?: unknown; text?: unknown; blocks?: unknown }> {
  const before = slack.fake.responses().length;
  await sendSlashCommand(slack.url, { text, user_id: user, channel_id: channel, response_url: slack.fake.responseUrl() });
  const response = await slack.fake.waitFor(() => slack.fake.responses()[before]);
  return response.args;
}

test('a member who is not a workspace admin is told, privately, that subscribing is not theirs to do', async () => {
  const answer = await slash('subscribe "reinforcement learning" --time 09:00 --timezone UTC', 'U0ALICE');
  expect(answer.response_type).toBe('ephemeral');
  expect(String(answer.text)).toContain('only members who can manage this channel');
  expect(slack.fake.callsTo('users.info').at(-1)?.args).toMatchObject({ user: 'U0ALICE' });
});

test('an admin subscribes the channel; /paper subscriptions then shows time, zone and topic to the channel', async () => {
  const subscribed = await slash('subscribe "reinforcement learning" --time 09:00 --timezone Europe/Berlin --count 3', 'U0ADMIN');
  expect(String(subscribed.text)).toContain('Subscribed: 3 paper highlights on "reinforcement learning" every day at 09:00 (Europe/Berlin)');

  const list = await slash('subscriptions', 'U0ALICE');
  expect(list.response_type).toBe('in_channel');
  const shown = JSON.stringify(list.blocks);
  expect(shown).toContain('09:00 (Europe/Berlin)');
  expect(shown).toContain('reinforcement learning');
});

test('a member on SLACK_SUBSCRIPTION_ADMINS subscribes and unsubscribes without being a workspace admin', async () => {
  const asked = slack.fake.callsTo('users.info').length;
  const subscribed = await slash('subscribe --time 08:30 --timezone America/New_York', 'U0CAROL', 'C0ROBOTS');
  expect(String(subscribed.text)).toContain('every day at 08:30 (America/New_York)');
  expect(await highlights.subscriptions.list('slack', 'C0ROBOTS')).toHaveLength(1);
  // The list decides alone: no users.info round trip for a listed member.
  expect(slack.fake.callsTo('users.info')).toHaveLength(asked);

  const refused = await slash('unsubscribe', 'U0ALICE', 'C0ROBOTS');
  expect(refused.response_type).toBe('ephemeral');
  expect(String(refused.text)).toContain('only members who can manage this channel');
  expect(await highlights.subscriptions.list('slack', 'C0ROBOTS')).toHaveLength(1);

  const unsubscribed = await slash('unsubscribe', 'U0DAVE', 'C0ROBOTS');
  expect(String(unsubscribed.text)).toContain('Unsubscribed');
  expect(await highlights.subscriptions.list('slack', 'C0ROBOTS')).toHaveLength(0);
});

test('SLACK_SUBSCRIPTION_ADMINS: ids are trimmed; a value that is not a user id is refused, naming the variable', () => {
  expect(loadConfig({ SLACK_SUBSCRIPTION_ADMINS: ' U0123ABC, W0456DEF ,' }).env.SLACK_SUBSCRIPTION_ADMINS).toEqual(['U0123ABC', 'W0456DEF']);
  expect(loadConfig({}).env.SLACK_SUBSCRIPTION_ADMINS).toEqual([]);
  expect(() => loadConfig({ SLACK_SUBSCRIPTION_ADMINS: 'U0123ABC,@alice' })).toThrow(
    /^configuration: SLACK_SUBSCRIPTION_ADMINS: "@alice" is not a Slack user id/,
  );
});
