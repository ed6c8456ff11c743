/**
 * Two Slack replicas (real Bolt, HTTP mode) behind a load balancer, sharing one database: a
 * redelivered event that lands on the other replica is answered once. With the database gone,
 * questions are still answered (the database is not needed to answer), and the dedupe resumes when
 * it is back.
 */
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { Library } from '../../src/library.js';
import { createLogger } from '../../src/log.js';
import { openStorage, type Storage } from '../../src/storage/index.js';
import { eventEnvelope, mentionEvent, sendEvent, startFakeSlack, type FakeSlack } from '../fakes/slack.js';
import { BACKENDS, databaseEnv, setDatabaseAvailable, type Backend } from '../support/databases.js';
import { startSlackUnderTest, type SlackUnderTest } from './harness.js';

let library: Library;
const cleanup: Array<() => Promise<void>> = [];

beforeAll(async () => {
  library = await Library.open({ corpus: ['data/papers-listing.txt'], cacheDir: null });
});

afterEach(async () => {
  for (const stop of cleanup.splice(0).reverse()) await stop();
});

/** Lets in-flight listeners finish before counting what they posted. */
const settle = () => new Promise((resolve) => setTimeout(resolve, 150));

async function replicas(env: Record<string, string>): Promise<{ fake: FakeSlack; storages: Storage[]; apps: SlackUnderTest[] }> {
  const fake = await startFakeSlack();
  cleanup.push(() => fake.stop());
  const storages: Storage[] = [];
  const apps: SlackUnderTest[] = [];
  for (let i = 0; i < 2; i++) {
    const storage = await openStorage(loadConfig(env).storage, { logger: createLogger('silent'), claimTimeoutMs: 600_000 });
    cleanup.push(() => storage.close());
    const app = await startSlackUnderTest(library, { fake, handledEvents: storage.events });
    cleanup.push(() => app.adapter.stop());
    storages.push(storage);
    apps.push(app);
  }
  return { fake, storages, apps };
}

describe.each(BACKENDS)('two Slack replicas on one %s database', (backend: Backend) => {
  test('an event delivered to both replicas, at once or as a retry, is answered once', async () => {
    const { fake, apps } = await replicas(await databaseEnv(backend));
    const [a, b] = apps as [SlackUnderTest, SlackUnderTest];

    const together = eventEnvelope(mentionEvent('search diffusion policy'));
    const acks = await Promise.all([sendEvent(a.url, together), sendEvent(b.url, together)]);
    expect(acks.map((r) => r.status)).toEqual([200, 200]);
    await fake.waitFor(() => fake.posted().length > 0);

    const retried = eventEnvelope(mentionEvent('show NeoRL-2'));
    await sendEvent(a.url, retried);
    await fake.waitFor(() => fake.posted().length > 1);
    expect((await sendEvent(b.url, retried, { retryNum: 1, retryReason: 'http_timeout' })).status).toBe(200);
    await settle();

    expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
    expect(fake.posted().map((m) => m.thread_ts)).toEqual([
      (together.event as { ts: string }).ts,
      (retried.event as { ts: string }).ts,
    ]);
  });
});

test('with the database gone, replicas still answer; when it is back, duplicates are caught across replicas again', async () => {
  const env = await databaseEnv('postgres');
  const { fake, storages, apps } = await replicas(env);
  const [a, b] = apps as [SlackUnderTest, SlackUnderTest];
  const setAvailable = (available: boolean) => setDatabaseAvailable(env.DATABASE_URL!, available);

  await setAvailable(false);
  await expect(storages[0]!.ping()).rejects.toThrow();
  await sendEvent(a.url, eventEnvelope(mentionEvent('what is PRDC?')));
  await fake.waitFor(() => fake.posted().length > 0);
  expect(a.logs.join('')).toContain('cannot reach the database; catching duplicate deliveries in this process only');

  await setAvailable(true);
  await storages[0]!.ping();
  const envelope = eventEnvelope(mentionEvent('search diffusion policy'));
  await Promise.all([sendEvent(a.url, envelope), sendEvent(b.url, envelope)]);
  await fake.waitFor(() => fake.posted().length > 1);
  await settle();
  expect(fake.callsTo('chat.postMessage')).toHaveLength(2);
  expect(a.logs.join('')).toContain('the database answers again');
});
