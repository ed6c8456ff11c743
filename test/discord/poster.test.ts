/** The daily-highlights poster: nonce + enforce_nonce on the wire, recovery through findPosted, lost channels. */
import { afterEach, beforeAll, expect, test } from 'vitest';
import { ChannelUnavailableError, type Digest } from '../../src/digest/types.js';
import type { Library } from '../../src/library.js';
import { FAKE_BOT_ID, FAKE_CHANNEL_ID } from '../fakes/discord.js';
import { seedLibrary, startHarness, type Harness } from './harness.js';

let library: Library;
let h: Harness;
beforeAll(async () => {
  library = await seedLibrary();
});
afterEach(async () => {
  expect(h.fake.rejected).toEqual([]);
  await h.stop();
});

function digest(): Digest {
  return { date: '2026-03-30', timezone: 'Europe/Berlin', topic: 'offline reinforcement learning', highlights: library.highlights({ limit: 5, topic: 'offline reinforcement learning' }) };
}

test('post sends the digest with nonce = key and enforce_nonce, pinging nobody', async () => {
  h = await startHarness(library);
  const poster = h.adapter.poster!;
  const posted = await poster.post(FAKE_CHANNEL_ID, digest(), 'sub1-2026-03-30');
  const request = h.fake.requests.find((r) => r.method === 'POST' && r.path === `/channels/${FAKE_CHANNEL_ID}/messages`);
  const body = request?.body as { nonce: string; enforce_nonce: boolean; allowed_mentions: unknown; embeds: Array<{ title: string; description: string }>; components: unknown[] };
  expect(body.nonce).toBe('sub1-2026-03-30');
  expect(body.enforce_nonce).toBe(true);
  expect(body.allowed_mentions).toEqual({ parse: [] });
  expect(body.embeds[0]?.title).toBe('Paper highlights for 2026-03-30 on “offline reinforcement learning”');
  expect(body.embeds[0]?.description.match(/^\*\*\d\.\*\* /gm)).toHaveLength(5);
  expect(posted.messageId).toBe(h.fake.channelMessages().at(-1)?.id);
});

test('posting the same key twice yields one message (Discord dedupes on the enforced nonce)', async () => {
  h = await startHarness(library);
  const first = await h.adapter.poster!.post(FAKE_CHANNEL_ID, digest(), 'sub1-2026-03-30');
  const second = await h.adapter.poster!.post(FAKE_CHANNEL_ID, digest(), 'sub1-2026-03-30');
  expect(second.messageId).toBe(first.messageId);
  expect(h.fake.channelMessages().filter((m) => m.author.id === FAKE_BOT_ID)).toHaveLength(1);
});

test('findPosted recognises its own digest in recent history, though Discord returns no nonces', async () => {
  h = await startHarness(library);
  const poster = h.adapter.poster!;
  expect(await poster.findPosted(FAKE_CHANNEL_ID, 'sub1-2026-03-30')).toBeNull();
  const posted = await poster.post(FAKE_CHANNEL_ID, digest(), 'sub1-2026-03-30');
  // Someone quoting the footer must not count: only the bot's own message does.
  h.fake.seedMessage(FAKE_CHANNEL_ID, { embeds: [{ title: 'x', footer: { text: '5 papers · Europe/Berlin · ref sub1-2026-03-31' } }] });
  for (let i = 0; i < 10; i++) h.fake.seedMessage(FAKE_CHANNEL_ID, { content: `chatter ${i}` });
  expect(await poster.findPosted(FAKE_CHANNEL_ID, 'sub1-2026-03-30')).toEqual({ messageId: posted.messageId });
  expect(await poster.findPosted(FAKE_CHANNEL_ID, 'sub1-2026-03-31')).toBeNull();
  const get = h.fake.requests.find((r) => r.method === 'GET' && r.path.endsWith('/messages'));
  expect(get?.query.get('limit')).toBe('50');
});

test('a channel the bot lost (403 Missing Access, 404 Unknown Channel) becomes ChannelUnavailableError', async () => {
  h = await startHarness(library);
  const poster = h.adapter.poster!;
  h.fake.makeChannelUnavailable('555', 403);
  h.fake.makeChannelUnavailable('556', 404);
  await expect(poster.post('555', digest(), 'k1')).rejects.toThrow(ChannelUnavailableError);
  await expect(poster.post('556', digest(), 'k1')).rejects.toThrow(/channel 556 is unavailable: Unknown Channel/);
  await expect(poster.findPosted('555', 'k1')).rejects.toThrow(/Missing Access \(Discord code 50001\)/);
});
