/**
 * Hostile papers and hostile users through the real pipeline (discord.js → adapter → renderer →
 * fake Discord that validates every payload): nothing may be rejected, and nothing may ping.
 */
import { afterEach, expect, test } from 'vitest';
import type { PaperCore } from '../../src/core.js';
import type { Paper } from '../../src/model/paper.js';
import type { CorpusStats, Highlight, PaperDetail, PaperRef, SearchHit } from '../../src/results.js';
import { createLogger } from '../../src/log.js';
import { openStorage, type Storage } from '../../src/storage/index.js';
import { FAKE_BOT_ID, FAKE_CHANNEL_ID, type FakeMessage } from '../fakes/discord.js';
import { tempSqlitePath } from '../support/databases.js';
import { startHarness, type Harness } from './harness.js';

/** mulberry32: a seeded PRNG, so a failure replays exactly. */
function prng(seed: number): () => number {
  let a = seed;
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const PIECES = [
  '@everyone', '@here', '<@123456789012345678>', '<@&987654321098765432>', '<#111111111111111111>', '<t:1700000000:R>',
  '**bold', '__under', '~~strike', '||spoiler||', '`code', '```js\nx\n```', '\n> quote', '\n# Heading', '\n- item', '\n1. item',
  '[click](https://evil.example/a_(b))', '\\', '\\*', '😀', '👨‍👩‍👧‍👦', '🇺🇳', 'مرحبا بالعالم', 'שלום', '\u202Eevil\u202C', '\u200B', 'e\u0301',
  '\u0000', '\t', '\r\n', 'offline', 'reinforcement', 'learning', ' ', ' ', ' ', 'word', ':emoji:', '<:x:123>', 'https://example.com/x',
];

function hostile(random: () => number, maxPieces: number): string {
  const n = random() < 0.15 ? 2000 + Math.floor(random() * 2000) : Math.floor(random() * maxPieces);
  let out = '';
  for (let i = 0; i < n; i++) out += PIECES[Math.floor(random() * PIECES.length)];
  return out;
}

function url(random: () => number): string {
  const r = random();
  if (r < 0.2) return `https://arxiv.org/abs/${'9'.repeat(600)}`;
  if (r < 0.3) return 'https://example.com/path with spaces_(and)_parens';
  if (r < 0.35) return '';
  return `https://arxiv.org/abs/2501.${String(Math.floor(random() * 99999)).padStart(5, '0')}`;
}

/** A PaperCore whose every string is hostile and every list is as long as the commands allow. */
function hostileCore(seed: number): PaperCore {
  const random = prng(seed);
  const answers = prng(seed + 1);
  const ref = (i: number): PaperRef => {
    const link = url(random);
    return {
      id: random() < 0.1 ? `id-${'x'.repeat(120)}-${i}` : `paper-${i}-${Math.floor(random() * 1e6)}`,
      title: hostile(random, 40) || 'x',
      authors: Array.from({ length: Math.floor(random() * 60) }, () => hostile(random, 6)),
      ...(random() < 0.7 ? { published: '2025-02-28' } : {}),
      ...(random() < 0.5 ? { upvotes: Math.floor(random() * 100000) } : {}),
      url: link,
      links: { ...(link ? { arxiv: link } : {}), pdf: url(random) || undefined, code: url(random) || undefined, huggingfaceSearch: url(random) || undefined },
    };
  };
  const refs = (n: number) => Array.from({ length: n }, (_, i) => ref(i));
  const detail = (): PaperDetail => ({ ...ref(0), abstract: hostile(random, 400) || 'a', summary: hostile(random, 200), tags: [hostile(random, 10)] });
  const stats: CorpusStats = { papers: 10, withArxivId: 1, withUpvotes: 1, withCode: 1, sources: [{ file: hostile(random, 20), format: 'jsonl', papers: 10 }], fromChat: 0, fromFeeds: 0, version: 'fuzz0001' };
  return {
    search(query, options = {}) {
      const limit = options.limit ?? 5;
      const results: SearchHit[] = refs(limit).map((r) => {
        const snippet = hostile(random, 120);
        const spans = Array.from({ length: Math.floor(random() * 8) }, () => {
          const start = Math.floor(random() * snippet.length);
          return { start, end: Math.min(snippet.length, start + 1 + Math.floor(random() * 30)) };
        });
        return { ...r, score: random(), snippet, highlights: spans };
      });
      return { query, total: 1000, offset: options.offset ?? 0, limit, results };
    },
    show: (query) => (random() < 0.8 ? { query, paper: detail(), suggestions: [] } : { query, paper: null, suggestions: refs(30).map((r) => ({ id: r.id, title: r.title })) }),
    similar: (_id, options = {}) => ({ paper: ref(0), results: refs(options.limit ?? 5).map((r) => ({ ...r, score: 1, summary: hostile(random, 100) })) }),
    ask(question) {
      const found = random() < 0.6;
      const citations = refs(1 + Math.floor(random() * 8)).map((r, i) => ({ n: i + 1, id: r.id, title: r.title, url: r.url }));
      const sentences = Array.from({ length: Math.floor(random() * 30) }, () => {
        const text = hostile(random, 80);
        const first = 1 + Math.floor(random() * citations.length);
        // Model answers cite several sources per sentence (their own stream, so the rest replays as before).
        const more = Array.from({ length: Math.floor(answers() * 3) }, () => 1 + Math.floor(answers() * citations.length));
        return { text, citation: first, citations: [...new Set([first, ...more])] };
      });
      // Half the answers come from a model whose name is as hostile as any paper text.
      const model = answers() < 0.5 ? { kind: 'synthesised' as const, model: hostile(answers, 60) } : { kind: 'quoted' as const };
      const answerType = answers() < 0.3 ? ('list' as const) : ('general' as const);
      // List lines say how long their title is; a hostile one may even say more than the line holds.
      const lines = answerType === 'list' ? sentences.map((s) => ({ ...s, titleLength: Math.floor(answers() * 120) })) : sentences;
      const answer = hostile(random, 100);
      const closest = found && answers() < 0.4;
      const hedge = hostile(answers, 40);
      const nearest = found && !closest ? [] : refs(closest ? 2 : 5).map((r) => ({ ...r, snippet: hostile(answers, 160) }));
      const outcome = closest ? ('closest' as const) : found ? ('answered' as const) : ('not_covered' as const);
      return { question, outcome, found, ...model, answerType, answer, ...(closest ? { hedge } : {}), sentences: found ? lines : [], citations: found ? citations : [], nearest };
    },
    passages: () => [],
    summarize: () => hostile(random, 100),
    suggest: () => refs(40).map((r) => ({ id: r.id, title: r.title })),
    highlights: (options = {}) => ({
      ...(options.topic ? { topic: options.topic } : {}),
      highlights: refs(options.limit ?? 5).map((r): Highlight => ({ ...r, summary: hostile(random, 100), reasons: ['upvotes', 'topic', 'new', 'recent'], score: 1 })),
    }),
    stats: () => stats,
    getPaper: (): Paper | undefined => undefined,
    addPapers: () => 0,
    removePapers: () => 0,
    provenance: () => undefined,
    chatPapers: () => [],
  };
}

let h: Harness;
let storage: Storage;
afterEach(async () => {
  await h.stop();
  await storage.close();
});

test('hostile titles, abstracts, queries and mentions never produce a payload Discord would reject', async () => {
  const random = prng(42);
  // With conversations kept, answers carry Follow-up and "Ask [n]" buttons too.
  storage = await openStorage({ kind: 'sqlite', path: tempSqlitePath() }, { logger: createLogger('silent'), claimTimeoutMs: 600_000 });
  h = await startHarness(hostileCore(7), { conversations: storage.conversations });
  const commands: Array<[string, () => Record<string, string | number>]> = [
    ['search', () => ({ query: hostile(random, 30).slice(0, 300) || 'q', limit: 10 })],
    ['ask', () => ({ question: hostile(random, 30).slice(0, 300) || 'q' })],
    ['show', () => ({ paper: hostile(random, 30).slice(0, 300) || 'p' })],
    ['similar', () => ({ paper: 'p', limit: 10 })],
    ['highlights', () => ({ topic: hostile(random, 20).slice(0, 300) || 't', limit: 10 })],
    ['help', () => ({})],
    ['search', () => ({ query: hostile(random, 3000) || 'q' })],
  ];
  for (let round = 0; round < 10; round++) {
    for (const [name, options] of commands) {
      const interaction = h.fake.sendCommand(name, options());
      await h.fake.waitFor(
        () => h.fake.requests.some((r) => r.path.includes(interaction.token) && (r.method === 'PATCH' || (r.method === 'POST' && !r.path.endsWith('/callback')))),
        5_000,
        `${name} round ${round}`,
      );
      const message = h.fake.original(interaction.token);
      const firstButton = (message?.components as Array<{ components: Array<{ custom_id?: string }> }> | undefined)
        ?.flatMap((row) => row.components)
        .find((b) => b.custom_id);
      if (message && firstButton?.custom_id) {
        const click = h.fake.sendButton(firstButton.custom_id, message as FakeMessage);
        await h.fake.waitFor(() => h.fake.callbacksOf(click.id).length > 0 && h.fake.requests.some((r) => r.path.includes(click.token) && r.method !== 'GET'), 5_000, `button ${round}`);
      }
    }
    const complete = h.fake.sendAutocomplete('show', 'paper', hostile(random, 10) || 'x');
    await h.fake.waitForCallback(complete.id, [8]);
    const before = h.fake.channelMessages().filter((m) => m.author.id === FAKE_BOT_ID).length;
    h.fake.sendUserMessage(hostile(random, 30) || 'x', { mentionBot: true });
    await h.fake.waitFor(() => h.fake.channelMessages().filter((m) => m.author.id === FAKE_BOT_ID).length > before, 5_000, 'mention reply');
    await h.adapter.poster!.post(FAKE_CHANNEL_ID, { date: '2026-03-30', timezone: 'Europe/Berlin', topic: hostile(random, 20), highlights: hostileCore(round).highlights({ limit: 10 }) }, `k${round}`);
  }
  await new Promise((resolve) => setTimeout(resolve, 100));
  expect(h.fake.rejected.map((r) => `${r.method} ${r.path}: ${r.problems.join('; ')}`)).toEqual([]);
  expect(h.fake.messagePayloads.length).toBeGreaterThan(100);
  for (const payload of h.fake.messagePayloads) expect(payload.allowed_mentions).toEqual({ parse: [] });
  expect(h.logs.filter((l) => Number(l.level) >= 50)).toEqual([]);
}, 60_000);
