// The Slack adapter end to end in HTTP mode: real Bolt receiving correctly signed requests, the real
// Library on the seed listing, and a fake Web API that refuses anything Slack would refuse.
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { Library } from '../../src/library.js';
import type { PaperCore } from '../../src/core.js';
import {
  buttonClick,
  dmEvent,
  eventEnvelope,
  FAKE_BOT_ID,
  FAKE_BOT_USER_ID,
  mentionEvent,
  sendEvent,
  sendInteraction,
  sendSlashCommand,
  TEST_BOT_TOKEN,
  TEST_SIGNING_SECRET,
  type StoredMessage,
} from '../fakes/slack.js';
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

async function start(options: Parameters<typeof startSlackUnderTest>[1] = {}, core: PaperCore = library): Promise<SlackUnderTest> {
  slack = await startSlackUnderTest(core, options);
  return slack;
}

/** All visible text of a posted message: fallback, header, sections, context, button labels. */
function visibleText(message: { text?: string; blocks?: unknown[] }): string {
  return [message.text ?? '', JSON.stringify(message.blocks ?? [])].join('\n');
}

function buttons(message: StoredMessage): Array<{ text: { text: string }; url?: string; value?: string; action_id: string }> {
  const blocks = (message.blocks ?? []) as Array<{ type: string; elements?: unknown[] }>;
  return blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []) as ReturnType<typeof buttons>;
}

/** Lets any stray listener work land before asserting that nothing was posted. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

describe('mentions', () => {
  test('a question in a channel is answered in the thread of the mention, from the papers', async () => {
    const { fake, url } = await start();
    const event = mentionEvent('what does PRDC stand for?');
    const response = await sendEvent(url, eventEnvelope(event));
    expect(response.status).toBe(200);

    const [reply] = await fake.waitFor(() => fake.posted().length > 0 && fake.posted());
    expect(reply?.channel).toBe('C0GENERAL');
    expect(reply?.thread_ts).toBe(event.ts);
    expect(visibleText(reply!)).toContain('Policy Regularization with Dataset Constraint');
    const call = fake.callsTo('chat.postMessage')[0]!;
    expect(call.headers.authorization).toBe(`Bearer ${TEST_BOT_TOKEN}`);
    expect(call.args.link_names).toBeUndefined();
    expect(call.args.parse).toBeUndefined();
    expect(typeof call.args.text).toBe('string');
  });

  test('a mention inside a thread is answered in that same thread', async () => {
    const { fake, url } = await start();
    await sendEvent(url, eventEnvelope(mentionEvent('show NeoRL-2', { thread_ts: '1700000000.000100' })));
    const [reply] = await fake.waitFor(() => fake.posted().length > 0 && fake.posted());
    expect(reply?.thread_ts).toBe('1700000000.000100');
  });

  test.each([
    ['search diffusion policy', ['Search: diffusion policy', 'Diffusion Policy', 'More results']],
    ['ask how many datasets does NeoRL-2 contain?', ['NeoRL-2', 'Sources']],
    ['show NeoRL-2', ['NeoRL-2', 'arXiv']],
    ['similar NeoRL-2', ['Similar to: NeoRL-2']],
    ['highlights', ['Highlights']],
    ['help', ['paperbot commands', '/paper search', 'similar']],
    ['help search', ['Help: search', '--limit']],
    ['stats', ['50', 'papers']],
  ])('@paperbot %s', async (text, expected) => {
    const { fake, url } = await start();
    await sendEvent(url, eventEnvelope(mentionEvent(text)));
    const [reply] = await fake.waitFor(() => fake.posted().length > 0 && fake.posted());
    const shown = visibleText(reply!);
    for (const piece of expected) expect(shown).toContain(piece);
    expect(fake.calls.filter((c) => c.rejected)).toEqual([]);
  });

  test('flags after the command are options: --limit 3 gives three results', async () => {
    const { fake, url } = await start();
    await sendEvent(url, eventEnvelope(mentionEvent('search offline reinforcement learning --limit 3')));
    const [reply] = await fake.waitFor(() => fake.posted().length > 0 && fake.posted());
    expect(visibleText(reply!)).toMatch(/Results 1–3 of \d+/);
  });

  test('a bad option is explained in the thread, naming the option and the allowed range', async () => {
    const { fake, url } = await start();
    await sendEvent(url, eventEnvelope(mentionEvent('search diffusion --limit 99')));
    const [reply] = await fake.waitFor(() => fake.posted().length > 0 && fake.posted());
    expect(reply?.text).toContain('limit');
    expect(reply?.text).toContain('between 1 and 10');
    expect(visibleText(reply!)).toContain('/paper help search');
  });

  test('a slow answer shows an hourglass reaction on the question and removes it afterwards', async () => {
    const { fake, url } = await start({ progressDelayMs: 0 });
    const event = mentionEvent('search diffusion policy');
    await sendEvent(url, eventEnvelope(event));
    await fake.waitFor(() => fake.callsTo('reactions.remove').length > 0);
    const order = fake.calls.map((c) => c.method).filter((m) => m !== 'auth.test');
    expect(order).toEqual(['reactions.add', 'chat.postMessage', 'reactions.remove']);
    expect(fake.callsTo('reactions.add')[0]?.args).toMatchObject({ channel: 'C0GENERAL', timestamp: event.ts, name: 'hourglass_flowing_sand' });
  });

  test('a quick answer causes no reaction calls', async () => {
    const { fake, url } = await start();
    await sendEvent(url, eventEnvelope(mentionEvent('show NeoRL-2')));
    await fake.waitFor(() => fake.posted().length > 0);
    await settle();
    expect(fake.callsTo('reactions.add')).toEqual([]);
  });
});

describe('direct messages', () => {
  test('a DM is answered in the DM without a mention and without opening a thread', async () => {
    const { fake, url } = await start();
    await sendEvent(url, eventEnvelope(dmEvent('search offline reinforcement learning')));
    const [reply] = await fake.waitFor(() => fake.posted().length > 0 && fake.posted());
    expect(reply?.channel).toBe('D0ALICE');
    expect(reply?.thread_ts).toBeUndefined();
    expect(visibleText(reply!)).toContain('Search: offline reinforcement learning');
  });

  test('edits, other bots and messages in channels (not DMs) get no answer', async () => {
    const { fake, url } = await start();
    await sendEvent(url, eventEnvelope(dmEvent('search diffusion', { subtype: 'message_changed' })));
    await sendEvent(url, eventEnvelope(dmEvent('search diffusion', { bot_id: 'B0OTHER', user: 'U0OTHERBOT' })));
    await sendEvent(url, eventEnvelope(dmEvent('search diffusion', { channel_type: 'channel', channel: 'C0GENERAL' })));
    await settle();
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });
});

describe('no loops, no repeats', () => {
  test("the bot's own messages are ignored, in DMs and as mentions", async () => {
    const { fake, url } = await start();
    await sendEvent(url, eventEnvelope(dmEvent('search diffusion', { user: FAKE_BOT_USER_ID, bot_id: FAKE_BOT_ID })));
    await sendEvent(url, eventEnvelope(mentionEvent('search diffusion', { user: FAKE_BOT_USER_ID })));
    await settle();
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });

  test('another bot mentioning paperbot gets no answer', async () => {
    const { fake, url } = await start();
    await sendEvent(url, eventEnvelope(mentionEvent('search diffusion', { user: 'U0OTHERBOT', bot_id: 'B0OTHER' })));
    await settle();
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });

  test('a retried delivery (X-Slack-Retry-Num) of an answered event is acked but not answered again', async () => {
    const { fake, url } = await start();
    const envelope = eventEnvelope(mentionEvent('search diffusion policy'));
    expect((await sendEvent(url, envelope)).status).toBe(200);
    await fake.waitFor(() => fake.posted().length > 0);
    expect((await sendEvent(url, envelope, { retryNum: 1, retryReason: 'http_timeout' })).status).toBe(200);
    expect((await sendEvent(url, envelope, { retryNum: 2, retryReason: 'http_error' })).status).toBe(200);
    await settle();
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  test('the same event_id delivered twice, even without retry headers, is answered once', async () => {
    const { fake, url } = await start();
    const envelope = eventEnvelope(mentionEvent('show NeoRL-2'));
    await Promise.all([sendEvent(url, envelope), sendEvent(url, envelope)]);
    await fake.waitFor(() => fake.posted().length > 0);
    await settle();
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  test('a DM that also mentions the bot arrives as two events for one message and is answered once', async () => {
    const { fake, url } = await start();
    const dm = dmEvent(`<@${FAKE_BOT_USER_ID}> show NeoRL-2`);
    await sendEvent(url, eventEnvelope(dm));
    await sendEvent(url, eventEnvelope({ ...dm, type: 'app_mention', channel_type: undefined }));
    await fake.waitFor(() => fake.posted().length > 0);
    await settle();
    expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
  });
});

describe('request verification (Bolt, kept on)', () => {
  test('a bad signature is refused with 401 and nothing is answered', async () => {
    const { fake, url } = await start();
    const response = await sendEvent(url, eventEnvelope(mentionEvent('search diffusion')), { signature: 'v0=deadbeef' });
    expect(response.status).toBe(401);
    const wrongSecret = await sendEvent(url, eventEnvelope(mentionEvent('search diffusion')), { secret: 'not-the-secret' });
    expect(wrongSecret.status).toBe(401);
    await settle();
    expect(fake.calls.map((c) => c.method)).toEqual(['auth.test']);
  });

  test('a request older than five minutes is refused (replay protection) and nothing is answered', async () => {
    const { fake, url } = await start();
    const sixMinutesAgo = Math.floor(Date.now() / 1000) - 6 * 60;
    const response = await sendEvent(url, eventEnvelope(mentionEvent('search diffusion')), { timestamp: sixMinutesAgo });
    expect(response.status).toBe(401);
    const slash = await sendSlashCommand(url, { text: 'search diffusion', response_url: fake.responseUrl() }, { timestamp: sixMinutesAgo });
    expect(slash.status).toBe(401);
    await settle();
    expect(fake.calls.map((c) => c.method)).toEqual(['auth.test']);
  });

  test('Slack URL verification is answered with the challenge', async () => {
    const { url } = await start();
    const response = await sendEvent(url, { type: 'url_verification', challenge: 'c-123', token: 't' });
    expect(response.status).toBe(200);
    expect(response.body).toContain('c-123');
  });
});

describe('/paper', () => {
  test('/paper search acks at once with an empty body, then answers in the channel', async () => {
    const { fake, url } = await start();
    const started = performance.now();
    const ack = await sendSlashCommand(url, { text: 'search diffusion policy', response_url: fake.responseUrl() });
    expect(ack.status).toBe(200);
    expect(ack.body).toBe('');
    expect(performance.now() - started).toBeLessThan(3_000);
    const [response] = await fake.waitFor(() => fake.responses().length > 0 && fake.responses());
    expect(response?.args.response_type).toBe('in_channel');
    expect(visibleText(response!.args as { text?: string; blocks?: unknown[] })).toContain('Search: diffusion policy');
  });

  test.each([
    ['ask what does PRDC stand for?', 'Policy Regularization with Dataset Constraint'],
    ['show NeoRL-2', 'NeoRL-2'],
    ['similar NeoRL-2', 'Similar to'],
    ['highlights --limit 2', 'Highlights'],
    ['what does PRDC stand for?', 'Policy Regularization with Dataset Constraint'],
  ])('/paper %s answers in the channel', async (text, expected) => {
    const { fake, url } = await start();
    await sendSlashCommand(url, { text, response_url: fake.responseUrl() });
    const [response] = await fake.waitFor(() => fake.responses().length > 0 && fake.responses());
    expect(response?.args.response_type).toBe('in_channel');
    expect(visibleText(response!.args as { text?: string; blocks?: unknown[] })).toContain(expected);
  });

  test.each([
    ['help', 'paperbot commands'],
    ['', 'paperbot commands'],
    ['search diffusion --limit 0', 'between 1 and 10'],
    ['stats please', 'stats takes no text'],
    ['help nosuchcommand', 'There is no "nosuchcommand" command'],
  ])('/paper %s answers only the person who typed it (ephemeral)', async (text, expected) => {
    const { fake, url } = await start();
    await sendSlashCommand(url, { text, response_url: fake.responseUrl() });
    const [response] = await fake.waitFor(() => fake.responses().length > 0 && fake.responses());
    expect(response?.args.response_type).toBe('ephemeral');
    expect(visibleText(response!.args as { text?: string; blocks?: unknown[] })).toContain(expected);
    expect(fake.callsTo('chat.postMessage')).toEqual([]);
  });
});

describe('More results', () => {
  async function firstPage(s: SlackUnderTest): Promise<StoredMessage> {
    await sendEvent(s.url, eventEnvelope(mentionEvent('search reinforcement learning --limit 3')));
    const [page] = await s.fake.waitFor(() => s.fake.posted().length > 0 && s.fake.posted());
    return page!;
  }

  test('the button pages the search: the next results arrive in the same thread', async () => {
    const s = await start();
    const page = await firstPage(s);
    expect(visibleText(page)).toMatch(/Results 1–3 of \d+/);
    const more = buttons(page).find((b) => b.action_id === 'paperbot_more');
    expect(more).toBeDefined();

    const response = await sendInteraction(s.url, buttonClick(page, { action_id: more!.action_id, value: more!.value }, s.fake.responseUrl()));
    expect(response.status).toBe(200);
    const next = await s.fake.waitFor(() => s.fake.posted()[1]);
    expect(visibleText(next)).toMatch(/Results 4–6 of \d+/);
    expect(next.thread_ts).toBe(page.thread_ts);
    // The first page's titles are not repeated.
    const titles = (m: StoredMessage) => (m.text ?? '').split(/; /).map((t) => t.replace(/^.*?\d+\. /, ''));
    expect(titles(next).some((t) => titles(page).includes(t))).toBe(false);
  });

  test('a button made on an older corpus says so instead of paging a different list', async () => {
    const s = await start();
    const page = await firstPage(s);
    const more = buttons(page).find((b) => b.action_id === 'paperbot_more')!;
    const staleValue = more.value!.replace(/"v":"[^"]*"/, '"v":"old-corpus"');
    await sendInteraction(s.url, buttonClick(page, { action_id: more.action_id, value: staleValue }, s.fake.responseUrl()));
    const [response] = await s.fake.waitFor(() => s.fake.responses().length > 0 && s.fake.responses());
    expect(response?.args.response_type).toBe('ephemeral');
    expect(String(response?.args.text)).toContain('older version of the paper list');
    expect(s.fake.callsTo('chat.postMessage')).toHaveLength(1);
  });

  test('a garbled button value gets a friendly ephemeral note', async () => {
    const s = await start();
    const page = await firstPage(s);
    await sendInteraction(s.url, buttonClick(page, { action_id: 'paperbot_more', value: '{"nope":1}' }, s.fake.responseUrl()));
    const [response] = await s.fake.waitFor(() => s.fake.responses().length > 0 && s.fake.responses());
    expect(String(response?.args.text)).toContain('search again');
  });

  test('where the bot may not post, the next page goes through the response URL', async () => {
    const s = await start();
    const page = await firstPage(s);
    const more = buttons(page).find((b) => b.action_id === 'paperbot_more')!;
    s.fake.failChannel('C0GENERAL', 'not_in_channel');
    await sendInteraction(s.url, buttonClick(page, { action_id: more.action_id, value: more.value }, s.fake.responseUrl()));
    const [response] = await s.fake.waitFor(() => s.fake.responses().length > 0 && s.fake.responses());
    expect(response?.args.response_type).toBe('in_channel');
    expect(visibleText(response!.args as { text?: string })).toMatch(/Results 4–6/);
  });

  test('clicking a link button is acknowledged (no error shown in Slack) and posts nothing', async () => {
    const s = await start();
    const page = await firstPage(s);
    const link = buttons(page).find((b) => b.url)!;
    const response = await sendInteraction(s.url, buttonClick(page, { action_id: link.action_id }, s.fake.responseUrl()));
    expect(response.status).toBe(200);
    await settle();
    expect(s.fake.callsTo('chat.postMessage')).toHaveLength(1);
    expect(s.logs.join('')).not.toContain('unhandled');
  });
});

describe('errors and logs', () => {
  test('when Slack refuses the blocks, the answer still goes out as text, and the failure is logged', async () => {
    const { fake, url, logs } = await start();
    fake.refuseBlocks('C0GENERAL');
    await sendEvent(url, eventEnvelope(mentionEvent('show NeoRL-2')));
    const [reply] = await fake.waitFor(() => fake.posted().length > 0 && fake.posted());
    expect(reply?.blocks).toBeUndefined();
    expect(reply?.text).toContain('NeoRL-2');
    expect(logs.join('')).toContain('invalid_blocks');
  });

  test('an internal failure answers with a friendly message and logs the cause, never the token', async () => {
    const broken: PaperCore = new Proxy(library, {
      get(target, property, receiver) {
        if (property === 'search') return () => { throw new Error('index exploded'); };
        return Reflect.get(target, property, receiver) as unknown;
      },
    });
    const { fake, url, logs } = await start({}, broken);
    await sendEvent(url, eventEnvelope(mentionEvent('search diffusion')));
    const [reply] = await fake.waitFor(() => fake.posted().length > 0 && fake.posted());
    expect(reply?.text).toContain('Something went wrong on my side');
    expect(reply?.text).not.toContain('index exploded');
    const logged = logs.join('');
    expect(logged).toContain('index exploded');
    expect(logged).toContain('C0GENERAL');
    expect(logged).not.toContain(TEST_BOT_TOKEN);
    expect(logged).not.toContain(TEST_SIGNING_SECRET);
  });
});

