/**
 * The storage interface on both backends, each test on a fresh database, with two "replicas" as two
 * connections (two Storage objects with their own owners), as two processes would have.
 */
import { afterEach, describe, expect, test } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import type { Paper } from '../../src/model/paper.js';
import { CONVERSATION_TTL_MS } from '../../src/storage/conversations.js';
import { HANDLED_EVENT_TTL_MS } from '../../src/storage/events.js';
import { openStorage, type Storage } from '../../src/storage/index.js';
import { SCHEMA_VERSION } from '../../src/storage/migrations.js';
import { PaperSync } from '../../src/list/sync.js';
import { freshLibrary } from '../digest/helpers.js';
import { BACKENDS, databaseEnv, type Backend } from '../support/databases.js';

const opened: Storage[] = [];
afterEach(async () => {
  for (const storage of opened.splice(0)) await storage.close();
});

function paper(id: string, title: string, extra: Partial<Paper> = {}): Paper {
  return {
    id,
    title,
    abstract: `${title}. We study this problem and report results on standard benchmarks.`,
    authors: ['Ada Lovelace'],
    tags: [],
    links: { arxiv: `https://arxiv.org/abs/${id}` },
    source: 'test',
    ...extra,
  };
}

describe.each(BACKENDS)('storage on %s', (backend: Backend) => {
  /** Two processes on one database, or one when `count` is 1. */
  async function replicas(count = 2, env?: Record<string, string>): Promise<Storage[]> {
    const config = loadConfig(env ?? (await databaseEnv(backend)));
    const list: Storage[] = [];
    // Started together, as two replicas rolled out at once: both migrate, each migration runs once.
    const started = await Promise.all(
      Array.from({ length: count }, (_, i) =>
        openStorage(config.storage, { logger: createLogger('silent'), claimTimeoutMs: 600_000, owner: `replica-${i + 1}` }),
      ),
    );
    list.push(...started);
    opened.push(...started);
    return list;
  }

  test('two replicas starting together migrate once; a restart finds nothing to do', async () => {
    const env = await databaseEnv(backend);
    const [a, b] = await replicas(2, env);
    expect(await a!.schema()).toEqual({ version: SCHEMA_VERSION, expected: SCHEMA_VERSION });
    expect(await b!.schema()).toEqual({ version: SCHEMA_VERSION, expected: SCHEMA_VERSION });
    const [again] = await replicas(1, env);
    expect(await again!.schema()).toEqual({ version: SCHEMA_VERSION, expected: SCHEMA_VERSION });
    await again!.ping();
    expect(a!.kind).toBe(backend);
    expect(a!.description).not.toContain('password');
  });

  test('the same chat event claimed by two replicas is handled by one; an expired key can be claimed again', async () => {
    const [a, b] = await replicas();
    const now = new Date('2026-03-02T09:00:00Z');
    const results = await Promise.all([a!.events.claim('event:Ev1', now), b!.events.claim('event:Ev1', now)]);
    expect(results.filter(Boolean)).toHaveLength(1);
    expect(await a!.events.claim('event:Ev1', new Date(now.getTime() + HANDLED_EVENT_TTL_MS - 1))).toBe(false);
    expect(await b!.events.claim('event:Ev2', now)).toBe(true);
    // Kept at least an hour: Slack's last retry comes about five minutes after the first delivery.
    expect(HANDLED_EVENT_TTL_MS).toBeGreaterThanOrEqual(3_600_000);
    expect(await b!.events.claim('event:Ev1', new Date(now.getTime() + HANDLED_EVENT_TTL_MS))).toBe(true);
  });

  test('a lease is held by one replica until released or expired', async () => {
    const [a, b] = await replicas();
    const now = new Date('2026-03-02T09:00:00Z');
    const later = (ms: number) => new Date(now.getTime() + ms);
    const both = await Promise.all([a!.leases.acquire('feeds', 60_000, now), b!.leases.acquire('feeds', 60_000, now)]);
    expect(both.filter(Boolean)).toHaveLength(1);
    const [holder, other] = both[0] ? [a!, b!] : [b!, a!];
    expect(await other.leases.holder('feeds', now)).toBe(holder.owner);
    expect(await holder.leases.acquire('feeds', 60_000, later(30_000))).toBe(true); // renewal
    expect(await other.leases.acquire('feeds', 60_000, later(60_000))).toBe(false); // renewed until +90 s
    expect(await other.leases.acquire('feeds', 60_000, later(90_000))).toBe(true); // the holder died
    await other.leases.release('feeds');
    expect(await holder.leases.acquire('feeds', 60_000, later(91_000))).toBe(true);
    expect(await holder.releaseOwned()).toEqual({ claims: 0, leases: 1 });
    expect(await other.leases.holder('feeds', later(91_000))).toBeUndefined();
  });

  test('papers keep their source and who added them; changes reach another replica in order, removals too', async () => {
    const [a, b] = await replicas();
    const now = new Date('2026-03-02T09:00:00Z');
    const x = paper('2401.00001', 'Octopus Arms as Soft Robot Controllers');
    const y = paper('2401.00002', 'Sparse Attention for Long Protein Sequences');
    expect((await a!.papers.save([x, y], 'hf-daily 2026-03-02', now)).map((p) => p.id)).toEqual([x.id, y.id]);
    expect(await a!.papers.save([x], 'hf-daily 2026-03-02', now)).toEqual([]);

    const first = await b!.papers.changesSince(0);
    expect(first.papers.map((p) => [p.paper.id, p.source])).toEqual([
      [x.id, 'hf-daily 2026-03-02'],
      [y.id, 'hf-daily 2026-03-02'],
    ]);
    expect(first.removed).toEqual([]);
    expect(await b!.papers.changesSince(first.revision)).toMatchObject({ papers: [], removed: [], revision: first.revision });

    // An unchanged paper saved again is no change; a changed one (upvotes grew) is.
    await a!.papers.save([x, { ...y, upvotes: 12 }], 'hf-daily 2026-03-02', now);
    const second = await b!.papers.changesSince(first.revision);
    expect(second.papers.map((p) => p.paper)).toEqual([{ ...y, upvotes: 12 }]);

    const z = paper('2401.00003', 'Chat-added Paper on Tokenizers');
    expect(await b!.papers.save([z], 'chat', now, 'discord:100000000000000005')).toEqual([z]);
    expect(await a!.papers.get(z.id)).toMatchObject({ source: 'chat', addedBy: 'discord:100000000000000005' });
    expect(await a!.papers.remove(z.id, now)).toBe(true);
    expect(await a!.papers.remove(z.id, now)).toBe(false);
    expect(await a!.papers.get(z.id)).toBeUndefined();
    // Added and removed since B last looked: B only needs to know it is gone.
    const third = await b!.papers.changesSince(second.revision);
    expect(third).toMatchObject({ papers: [], removed: [z.id] });

    const { papers, invalid } = await b!.papers.list();
    expect(invalid).toBe(0);
    expect(papers.map((p) => [p.paper.id, p.source, p.addedBy])).toEqual([
      [x.id, 'hf-daily 2026-03-02', undefined],
      [y.id, 'hf-daily 2026-03-02', undefined],
    ]);
    // Added again after removal: listed again, as new.
    expect(await a!.papers.save([z], 'chat', now, 'slack:U0ALICE')).toEqual([z]);
    expect(await b!.papers.get(z.id)).toMatchObject({ addedBy: 'slack:U0ALICE' });

    // A listed paper is not taken over: a feed refreshes a chat paper but it stays chat's; chat adding a feed paper changes nothing.
    await b!.papers.save([{ ...z, upvotes: 3 }], 'hf-daily 2026-03-03', now);
    expect(await a!.papers.get(z.id)).toMatchObject({ paper: { upvotes: 3 }, source: 'chat', addedBy: 'slack:U0ALICE' });
    const fourth = await a!.papers.changesSince(third.revision);
    expect(fourth.papers.at(-1)).toMatchObject({ paper: { id: z.id, upvotes: 3 }, source: 'chat' });
    expect(await b!.papers.save([x], 'chat', now, 'discord:100000000000000005')).toEqual([]);
    expect(await a!.papers.get(x.id)).toMatchObject({ source: 'hf-daily 2026-03-02' });
  });

  test('each replica\'s index follows the stored papers: added, changed and removed', async () => {
    const [a, b] = await replicas();
    const coreA = await freshLibrary();
    const coreB = await freshLibrary();
    const syncA = new PaperSync(a!.papers, coreA, createLogger('silent'));
    const syncB = new PaperSync(b!.papers, coreB, createLogger('silent'));
    await Promise.all([syncA.sync(), syncB.sync()]);
    const base = coreB.stats().papers;

    const x = paper('2401.00011', 'Quokka: Retrieval for Marsupial Genomics');
    await a!.papers.save([x], 'arxiv cat:q-bio', new Date());
    expect(coreB.getPaper(x.id)).toBeUndefined();
    expect(await syncB.sync()).toEqual({ added: 1, updated: 0, removed: 0, invalid: 0 });
    expect(coreB.search('marsupial genomics').results[0]?.id).toBe(x.id);

    await a!.papers.save([{ ...x, title: 'Quokka: Retrieval for Marsupial Genomes' }], 'arxiv cat:q-bio', new Date());
    expect(await syncB.sync()).toMatchObject({ added: 0, updated: 1 });
    expect(coreB.getPaper(x.id)?.title).toBe('Quokka: Retrieval for Marsupial Genomes');

    await a!.papers.remove(x.id, new Date());
    expect(await syncB.sync()).toMatchObject({ removed: 1 });
    expect(coreB.getPaper(x.id)).toBeUndefined();
    expect(coreB.search('marsupial genomics').results.some((r) => r.id === x.id)).toBe(false);
    expect(coreB.stats().papers).toBe(base);
    expect(await syncA.sync()).toMatchObject({ added: 0, removed: 0 }); // A never had it in its index
  });

  test('releaseOwned gives up this replica\'s unfinished claims so another takes over at once', async () => {
    const [a, b] = await replicas();
    const sub = await a!.subscriptions.save(
      { platform: 'discord', channelId: 'D1', time: '09:00', timezone: 'UTC', count: 3, origin: 'command' },
      new Date('2026-03-01T00:00:00Z'),
    );
    const due = { subscriptionId: sub.id, localDate: '2026-03-02', key: 'pb-1-20260302', scheduledFor: new Date('2026-03-02T09:00:00Z') };
    const now = new Date('2026-03-02T09:00:00Z');
    expect(await a!.ledger.claim(due, now)).toEqual({ kind: 'new' });
    expect((await b!.ledger.claim(due, now)).kind).toBe('busy');
    expect(await a!.releaseOwned()).toEqual({ claims: 1, leases: 0 });
    // Outcome unknown, so the next one asks the platform before posting.
    expect(await b!.ledger.claim(due, now)).toEqual({ kind: 'takeover', paperIds: [], attempts: 2 });
  });
  test('a conversation written by one replica is read by another: latest answer first, each paper once, kept a week', async () => {
    const [a, b] = await replicas();
    const t0 = new Date('2026-03-02T09:00:00Z');
    const at = (ms: number) => new Date(t0.getTime() + ms);
    await a!.conversations.remember('slack:C1:1700000000.000100', { question: 'what does PRDC stand for?', papers: ['prdc', 'neorl-2'] }, t0);
    await b!.conversations.remember('slack:C1:1700000000.000100', { question: 'who wrote it?', papers: ['neorl-2', 'tdmpc'] }, at(1_000));
    await a!.conversations.remember('slack:C1:other-thread', { question: 'unrelated', papers: ['x'] }, at(2_000));
    // An answer that cited nothing leaves the papers as they were, but its question is the latest.
    await a!.conversations.remember('slack:C1:1700000000.000100', { question: 'how do penguins keep warm?', papers: [] }, at(2_500));
    expect(await b!.conversations.context('slack:C1:1700000000.000100', {}, at(3_000))).toEqual({ papers: ['neorl-2', 'tdmpc', 'prdc'], question: 'how do penguins keep warm?' });
    expect(await a!.conversations.context('slack:C1:1700000000.000100', { turns: 1 }, at(3_000))).toEqual({ papers: ['neorl-2', 'tdmpc'], question: 'how do penguins keep warm?' });
    expect(await a!.conversations.context('slack:C9:never', {}, at(3_000))).toEqual({ papers: [] });
    // A week later the first turn is gone, the second a second later.
    expect((await a!.conversations.context('slack:C1:1700000000.000100', {}, at(CONVERSATION_TTL_MS))).papers).toEqual(['neorl-2', 'tdmpc']);
    expect((await a!.conversations.context('slack:C1:1700000000.000100', {}, at(CONVERSATION_TTL_MS + 1_000))).papers).toEqual([]);
    expect(CONVERSATION_TTL_MS).toBe(7 * 24 * 3_600_000);
  });
});
