// Socket Mode end to end: real Bolt opens apps.connections.open on the fake Web API (with the app
// token), connects to the fake's WebSocket on 127.0.0.1, receives envelopes and acks them.
import { afterEach, beforeAll, expect, test } from 'vitest';
import { Library } from '../../src/library.js';
import { eventEnvelope, mentionEvent, TEST_APP_TOKEN } from '../fakes/slack.js';
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

test('SLACK_APP_TOKEN starts Socket Mode through SLACK_API_URL, and a mention is acked and answered in its thread', async () => {
  slack = await startSlackUnderTest(library, { socketMode: true });
  const { fake, adapter } = slack;
  expect(adapter.mode).toBe('socket');
  expect(adapter.port).toBeUndefined();
  await fake.socketConnected();
  const open = fake.callsTo('apps.connections.open');
  expect(open).toHaveLength(1);
  expect(open[0]?.headers.authorization).toBe(`Bearer ${TEST_APP_TOKEN}`);

  const event = mentionEvent('what does PRDC stand for?');
  const ack = await fake.pushEnvelope('events_api', eventEnvelope(event));
  expect(ack.envelope_id).toBeDefined();
  const [reply] = await fake.waitFor(() => fake.posted().length > 0 && fake.posted());
  expect(reply?.thread_ts).toBe(event.ts);
  expect(JSON.stringify(reply?.blocks)).toContain('Policy Regularization with Dataset Constraint');
});

test('in Socket Mode a redelivered envelope with the same event_id is answered once', async () => {
  slack = await startSlackUnderTest(library, { socketMode: true });
  const { fake } = slack;
  await fake.socketConnected();
  const envelope = eventEnvelope(mentionEvent('show NeoRL-2'));
  await fake.pushEnvelope('events_api', envelope);
  await fake.pushEnvelope('events_api', envelope);
  await fake.waitFor(() => fake.posted().length > 0);
  await new Promise((resolve) => setTimeout(resolve, 150));
  expect(fake.callsTo('chat.postMessage')).toHaveLength(1);
});

test('/paper over Socket Mode: the envelope is acked, then the answer goes to the response URL', async () => {
  slack = await startSlackUnderTest(library, { socketMode: true });
  const { fake } = slack;
  await fake.socketConnected();
  const ack = await fake.pushEnvelope('slash_commands', {
    command: '/paper',
    text: 'search diffusion policy',
    channel_id: 'C0GENERAL',
    user_id: 'U0ALICE',
    team_id: 'T0TEAM',
    response_url: fake.responseUrl(),
    trigger_id: '1.2.3',
    api_app_id: 'A0PAPERBOT',
  });
  expect(ack.envelope_id).toBeDefined();
  const [response] = await fake.waitFor(() => fake.responses().length > 0 && fake.responses());
  expect(response?.args.response_type).toBe('in_channel');
  expect(JSON.stringify(response?.args.blocks)).toContain('Search: diffusion policy');
});
