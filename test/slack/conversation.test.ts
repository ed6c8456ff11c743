/**
 * Conversations on Slack, through real Bolt against the local fake, on the seed listing: a mention in
 * a thread where paperbot answered is a follow-up; in a DM, the previous answer is the context; "Ask
 * [n]" under a closest match asks the same question of that paper; `/paper ask … --paper`. The turns
 * live in a real database, so another replica, or a restarted process, answers a follow-up.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { Library } from '../../src/library.js';
import type { Storage } from '../../src/storage/index.js';
import {
  buttonClick,
  dmEvent,
  eventEnvelope,
  mentionEvent,
  sendEvent,
  sendInteraction,
  sendSlashCommand,
  startFakeSlack,
  type FakeSlack,
  type StoredMessage,
} from '../fakes/slack.js';
import { openTestStorage, type Backend } from '../support/databases.js';
import { startSlackUnderTest, type SlackUnderTest } from './harness.js';

const NEORL2 = 'NeoRL-2: Near Real-World Benchmarks for Offline Reinforcement Learning with Extended Realistic Scenarios';

let library: Library;
const cleanup: Array<() => Promise<void>> = [];

beforeAll(async () => {
  library = await Library.open({ corpus: ['data/papers-listing.txt'], cacheDir: null });
});

afterEach(async () => {
  for (const stop of cleanup.splice(0).reverse()) await stop();
});

async function storageOn(backend: Backend, env?: Record<string, string>): Promise<{ storage: Storage; env: Record<string, string> }> {
  const opened = await openTestStorage(backend, env);
  cleanup.push(() => opened.storage.close());
  return opened;
}

/** A replica on `storage`, sharing the fake Slack with the others. */
async function replica(storage: Storage, fake: FakeSlack): Promise<SlackUnderTest> {
  const app = await startSlackUnderTest(library, { fake, conversations: storage.conversations, handledEvents: storage.events });
  cleanup.push(() => app.adapter.stop());
  return app;
}

async function fakeSlack(): Promise<FakeSlack> {
  const fake = await startFakeSlack();
  cleanup.push(() => fake.stop());
  return fake;
}

/** All visible text of a posted message: fallback, blocks and button labels. */
const visible = (message: StoredMessage) => `${message.text ?? ''}\n${JSON.stringify(message.blocks ?? [])}`;

function buttons(message: StoredMessage): Array<{ text: { text: string }; url?: string; value?: string; action_id: string }> {
  const blocks = (message.blocks ?? []) as Array<{ type: string; elements?: unknown[] }>;
  return blocks.filter((b) => b.type === 'actions').flatMap((b) => b.elements ?? []) as ReturnType<typeof buttons>;
}

/** Sends an event to `app` and waits for the message paperbot posts for it. */
async function said(app: SlackUnderTest, event: Record<string, unknown>): Promise<StoredMessage> {
  const before = app.fake.posted().length;
  await sendEvent(app.url, eventEnvelope(event));
  return app.fake.waitFor(() => app.fake.posted()[before]);
}

describe('follow-ups on SQLite', () => {
  test('a mention in the thread of an answer is asked of its paper; one naming another paper is a new question', async () => {
    const { storage } = await storageOn('sqlite');
    const app = await replica(storage, await fakeSlack());
    const question = mentionEvent('how many datasets does NeoRL-2 contain?');
    const first = await said(app, question);
    expect(first.thread_ts).toBe(question.ts);
    expect(visible(first)).toContain('7 datasets');
    expect(visible(first)).toContain('Mention me in this thread');

    const who = await said(app, mentionEvent('who wrote it?', { thread_ts: question.ts }));
    expect(who.thread_ts).toBe(question.ts);
    expect(visible(who)).toContain('Songyi Gao');
    expect(visible(who)).toContain(NEORL2);

    const other = await said(app, mentionEvent('what does PRDC stand for?', { thread_ts: question.ts }));
    expect(visible(other)).toContain('Policy Regularization with Dataset Constraint (PRDC)');

    // A question in another thread knows nothing of this one.
    const elsewhere = await said(app, mentionEvent('who wrote it?', { thread_ts: '1700000000.000001' }));
    expect(visible(elsewhere)).not.toContain('Songyi Gao');
  });

  test('in a DM, a follow-up is asked of the previous answer\'s paper', async () => {
    const { storage } = await storageOn('sqlite');
    const app = await replica(storage, await fakeSlack());
    await said(app, dmEvent('how many datasets does NeoRL-2 contain?'));
    const code = await said(app, dmEvent('where is the code?'));
    expect(code.channel).toBe('D0ALICE');
    expect(visible(code)).toContain('https://github.com/polixir/NeoRL2');
  });

  test('a closest match leads with its hedge; "Ask [2]" asks the same question of the second candidate, in the thread', async () => {
    const { storage } = await storageOn('sqlite');
    const app = await replica(storage, await fakeSlack());
    const asked = 'does regularization help offline agents?';
    // Which papers are the candidates is the answer engine's business; the adapter shows them in its order.
    const expected = library.ask(asked);
    expect(expected.outcome).toBe('closest');
    const [first, second] = [expected.citations[0]!.title, expected.nearest[0]!.title];
    const question = mentionEvent(asked);
    const closest = await said(app, question);
    const section = (closest.blocks as Array<{ type: string; text?: { text: string } }>).find((b) => b.type === 'section');
    expect(section?.text?.text).toMatch(/^\*Not sure the list answers this exactly\. Closest: /);
    expect(visible(closest)).toContain('Closest match, not a sure answer.');
    expect(visible(closest)).toContain('Other candidates');
    const askTwo = buttons(closest).find((b) => b.text.text.startsWith('Ask [2] '));
    expect(askTwo?.text.text.startsWith(`Ask [2] ${second.slice(0, 20)}`)).toBe(true);

    await sendInteraction(app.url, buttonClick(closest, { action_id: askTwo!.action_id, value: askTwo!.value }, app.fake.responseUrl()));
    const again = await app.fake.waitFor(() => app.fake.posted()[1]);
    expect(again.thread_ts).toBe(question.ts);
    expect(visible(again)).toContain(second.slice(0, 40));
    expect(visible(again)).not.toContain(first.slice(0, 40));
  });

  test('/paper ask --paper answers from that paper; when its abstract does not say, says so with the paper and its links', async () => {
    const { storage } = await storageOn('sqlite');
    const app = await replica(storage, await fakeSlack());
    const responses = () => app.fake.responses();
    await sendSlashCommand(app.url, { text: 'ask how many GPUs did they use? --paper NeoRL-2', response_url: app.fake.responseUrl() });
    const [response] = await app.fake.waitFor(() => responses().length > 0 && responses());
    expect(response?.args.response_type).toBe('in_channel');
    const text = JSON.stringify(response?.args);
    expect(String(response?.args.text)).toMatch(/^NeoRL-2's abstract doesn.t say/);
    expect(text).toContain(NEORL2);
    expect(text).toContain('https://github.com/polixir/NeoRL2');
  });
});

test('on PostgreSQL, another replica and a restarted process answer a follow-up to an answer they never gave', async () => {
  const fake = await fakeSlack();
  const { storage: first, env } = await storageOn('postgres');
  const { storage: second } = await storageOn('postgres', env);
  const a = await replica(first, fake);
  const b = await replica(second, fake);
  const question = mentionEvent('how many datasets does NeoRL-2 contain?');
  await said(a, question);

  const who = await said(b, mentionEvent('who wrote it?', { thread_ts: question.ts }));
  expect(visible(who)).toContain('Songyi Gao');

  await a.adapter.stop();
  await b.adapter.stop();
  const { storage: third } = await storageOn('postgres', env);
  const restarted = await replica(third, fake);
  const code = await said(restarted, mentionEvent('is there code?', { thread_ts: question.ts }));
  expect(visible(code)).toContain('https://github.com/polixir/NeoRL2');
});
