// The daily-highlights poster: the digest goes out with its key in message metadata, findPosted finds
// it again in the channel history, and a channel the bot lost is reported as unavailable.
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { Library } from '../../src/library.js';
import { ChannelUnavailableError, type Digest } from '../../src/digest/types.js';
import { startSlackUnderTest, type SlackUnderTest } from './harness.js';

let library: Library;
let slack: SlackUnderTest | undefined;

beforeAll(async () => {
  library = await Library.open({ corpus: ['data/papers-listing.txt'], cacheDir: null });
});

afterEach(async () => {
  await slack?.stop();
  slack = undefined;
});

function digest(limit = 5): Digest {
  return { date: '2026-03-30', timezone: 'Europe/Paris', topic: 'reinforcement learning', highlights: library.highlights({ limit, topic: 'reinforcement learning' }) };
}

describe('SlackDigestPoster', () => {
  test('posts the digest with its key in message metadata and returns the message ts', async () => {
    slack = await startSlackUnderTest(library);
    const { fake, adapter } = slack;
    const posted = await adapter.poster.post('C0DIGEST', digest(), 'sub-1:2026-03-30');
    const [message] = fake.posted();
    expect(posted.messageId).toBe(message?.ts);
    expect(message?.channel).toBe('C0DIGEST');
    expect(message?.metadata).toEqual({ event_type: 'paperbot_digest', event_payload: { key: 'sub-1:2026-03-30' } });
    const shown = JSON.stringify(message?.blocks);
    expect(shown).toContain('Paper highlights for 2026-03-30');
    expect(shown).toContain('Why:');
    expect(message?.text).toContain('5 papers');
  });

  test('findPosted finds the digest by key in the recent history, and not another day', async () => {
    slack = await startSlackUnderTest(library);
    const { fake, adapter } = slack;
    const posted = await adapter.poster.post('C0DIGEST', digest(3), 'sub-1:2026-03-30');
    expect(await adapter.poster.findPosted('C0DIGEST', 'sub-1:2026-03-30')).toEqual(posted);
    expect(await adapter.poster.findPosted('C0DIGEST', 'sub-1:2026-03-31')).toBeNull();
    expect(await adapter.poster.findPosted('C0OTHER', 'sub-1:2026-03-30')).toBeNull();
    expect(fake.callsTo('conversations.history')[0]?.args).toMatchObject({ channel: 'C0DIGEST', include_all_metadata: 'true' });
  });

  test.each(['is_archived', 'channel_not_found', 'not_in_channel', 'missing_scope'])(
    'a channel failing with %s is reported as ChannelUnavailableError, when posting and when looking up',
    async (error) => {
      slack = await startSlackUnderTest(library);
      const { fake, adapter } = slack;
      fake.failChannel('C0GONE', error);
      const posting = adapter.poster.post('C0GONE', digest(2), 'k');
      await expect(posting).rejects.toBeInstanceOf(ChannelUnavailableError);
      await expect(posting).rejects.toMatchObject({ channelId: 'C0GONE', reason: error });
      await expect(adapter.poster.findPosted('C0GONE', 'k')).rejects.toBeInstanceOf(ChannelUnavailableError);
    },
  );

  test('other Slack failures are not mistaken for a lost channel', async () => {
    slack = await startSlackUnderTest(library);
    slack.fake.failChannel('C0BUSY', 'ratelimited_internal');
    const posting = slack.adapter.poster.post('C0BUSY', digest(2), 'k');
    await expect(posting).rejects.not.toBeInstanceOf(ChannelUnavailableError);
  });
});
