// Daily-highlights commands from Slack, against the real highlights service (SQLite in a temp dir):
// only workspace admins may subscribe; everyone may look.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { startHighlights, type Highlights } from '../../src/digest/service.js';
import { Library } from '../../src/library.js';
import { sendSlashCommand } from '../fakes/slack.js';
import { memoryLogger, startSlackUnderTest, type SlackUnderTest } from './harness.js';

let dir: string;
let highlights: Highlights;
let slack: SlackUnderTest;

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'paperbot-slack-'));
  const library = await Library.open({ corpus: ['data/papers-listing.txt'], cacheDir: null });
  const config = loadConfig({ DATABASE_PATH: path.join(dir, 'paperbot.db') });
  highlights = startHighlights({ config, core: library, logger: memoryLogger([], 'silent') });
  slack = await startSlackUnderTest(library, { subscriptions: highlights.subscriptions });
});

afterAll(async () => {
  await slack.stop();
  await highlights.stop();
  rmSync(dir, { recursive: true, force: true });
});

async function slash(text: string, user: string): Promise<{ response_type?: unknown; text?: unknown; blocks?: unknown }> {
  const before = slack.fake.responses().length;
  await sendSlashCommand(slack.url, { text, user_id: user, channel_id: 'C0PAPERS', response_url: slack.fake.responseUrl() });
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
