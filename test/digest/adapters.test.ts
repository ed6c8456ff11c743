/**
 * End to end through the real adapters on their local fakes: a subscription made with
 * `/paper subscribe` on Discord, and one from HIGHLIGHTS on Slack, post on schedule through the
 * real discord.js and Bolt posters; a crash between posting and marking is recovered through the
 * adapter's own `findPosted`, without a second message.
 */
import { afterEach, expect, test } from 'vitest';
import { FAKE_BOT_ID, FAKE_CHANNEL_ID, PERMISSIONS } from '../fakes/discord.js';
import { startHarness, type Harness } from '../discord/harness.js';
import { startSlackUnderTest, type SlackUnderTest } from '../slack/harness.js';
import { ManualClock, seedLibrary, startTestHighlights, tempDatabase, testConfig, until, type RunningHighlights } from './helpers.js';

const cleanup: Array<() => Promise<void>> = [];
afterEach(async () => {
  for (const stop of cleanup.splice(0).reverse()) await stop();
});

async function highlightsWith(env: Record<string, string>, clock: ManualClock, track = true): Promise<RunningHighlights> {
  const highlights = await startTestHighlights({ config: testConfig(env), core: await seedLibrary(), clock });
  // A "crashed" process is never stopped; only its connection is closed after the test.
  cleanup.push(track ? () => highlights.stop() : () => highlights.storage.close());
  await highlights.runNow();
  return highlights;
}

test('Discord: /paper subscribe by a channel manager, then a digest at 09:00 Berlin through discord.js', async () => {
  const clock = new ManualClock('2026-03-29T12:00:00Z');
  const highlights = await highlightsWith({ DATABASE_PATH: tempDatabase() }, clock);
  const h: Harness = await startHarness(await seedLibrary(), { subscriptions: highlights.subscriptions });
  cleanup.push(() => h.stop());
  await highlights.addPoster(h.adapter.poster!);

  const interaction = h.fake.sendCommand(
    'subscribe',
    { time: '09:00', timezone: 'Europe/Berlin', topic: 'reinforcement learning', count: 3 },
    { permissions: PERMISSIONS.manager },
  );
  await h.fake.waitForEdit(interaction.token);
  expect(JSON.stringify(h.fake.original(interaction.token))).toContain('Next post: 2026-03-30 09:00 CEST');

  await clock.advanceTo('2026-03-30T06:59:00Z');
  const botMessages = () => h.fake.channelMessages(FAKE_CHANNEL_ID).filter((m) => m.author.id === FAKE_BOT_ID && m.embeds.length > 0 && !m.webhook_id);
  expect(botMessages()).toHaveLength(0);
  await clock.advanceTo('2026-03-31T06:00:00Z');
  const digests = botMessages();
  expect(digests).toHaveLength(1);
  expect(JSON.stringify(digests[0]?.embeds)).toContain('Paper highlights for 2026-03-30');
  expect(h.fake.rejected).toEqual([]);
  const sent = h.fake.requests.find((r) => r.method === 'POST' && r.path === `/channels/${FAKE_CHANNEL_ID}/messages`);
  expect(sent?.body).toMatchObject({ nonce: 'pb-1-20260330', enforce_nonce: true });
});

test('Slack: a HIGHLIGHTS subscription posts through Bolt; after a crash before marking, findPosted prevents a repeat', async () => {
  const database = tempDatabase();
  const env = {
    DATABASE_PATH: database,
    HIGHLIGHTS: JSON.stringify([{ platform: 'slack', channel: 'C0DIGEST', time: '09:00', timezone: 'America/New_York', count: 2 }]),
  };
  const library = await seedLibrary();
  const slack: SlackUnderTest = await startSlackUnderTest(library);
  cleanup.push(() => slack.stop());

  // Process A posts, then dies before recording the message id.
  const clockA = new ManualClock('2026-03-09T12:00:00Z');
  const a = await highlightsWith(env, clockA, false);
  const realPoster = slack.adapter.poster;
  await a.addPoster({
    platform: 'slack',
    findPosted: (channel, key) => realPoster.findPosted(channel, key),
    post: async (channel, digest, key) => {
      await realPoster.post(channel, digest, key);
      return new Promise(() => {});
    },
  });
  void clockA.advanceTo('2026-03-09T13:00:00Z');
  await until(() => slack.fake.posted().length === 1);
  expect(slack.fake.posted()[0]?.metadata).toEqual({ event_type: 'paperbot_digest', event_payload: { key: 'pb-1-20260309' } });

  // Process B starts on the same database, waits out A's claim, asks Slack, and records instead of reposting.
  const clockB = new ManualClock('2026-03-09T13:01:00Z');
  const b = await highlightsWith(env, clockB);
  await b.addPoster(realPoster);
  await clockB.advanceTo('2026-03-09T13:20:00Z');
  expect(slack.fake.posted()).toHaveLength(1);
  expect(slack.fake.callsTo('conversations.history').length).toBeGreaterThan(0);

  await clockB.advanceTo('2026-03-10T14:00:00Z');
  const posted = slack.fake.posted();
  expect(posted.map((m) => m.metadata?.event_payload.key)).toEqual(['pb-1-20260309', 'pb-1-20260310']);
  expect((await b.subscriptions.list('slack'))[0]?.nextPostLocal).toBe('2026-03-11 09:00 EDT');
});
