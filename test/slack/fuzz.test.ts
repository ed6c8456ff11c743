// Hostile and oversized input through the real adapter and the real Library: nothing paperbot posts
// may carry a live mention or a foreign link, and nothing may break a Block Kit limit (the fake
// refuses such payloads on the wire, like Slack).
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { Library } from '../../src/library.js';
import type { Paper } from '../../src/model/paper.js';
import {
  dmEvent,
  eventEnvelope,
  mentionEvent,
  sendEvent,
  sendSlashCommand,
  type FakeSlack,
} from '../fakes/slack.js';
import { startSlackUnderTest, type SlackUnderTest } from './harness.js';

const HOSTILE = [
  '<!channel>',
  '<!here>',
  '<!everyone>',
  '<@U123>',
  '<@U123|admin>',
  '<#C123|general>',
  '<!subteam^S123|team>',
  '<http://evil.example|click>',
  '<https://evil.example/login>',
  '&amp;',
  '&lt;!channel&gt;',
  '&lt;http://evil.example|x&gt;',
  '<!date^1392734382^{date}|Feb 18>',
  '>>> quoted *bold* `code` ~strike~',
  'a < b & c > d',
];

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function prng(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state * 1_664_525 + 1_013_904_223) >>> 0;
    return state / 2 ** 32;
  };
}

function paper(id: string, fields: Partial<Paper>): Paper {
  return {
    id,
    title: `Paper ${id}`,
    abstract: 'An abstract.',
    authors: [],
    tags: [],
    links: {},
    source: `test:${id}`,
    ...fields,
  };
}

/** Every string Slack would parse as mrkdwn: the fallback text and every mrkdwn text object. */
function mrkdwnStrings(payload: { text?: unknown; blocks?: unknown }): string[] {
  const found: string[] = typeof payload.text === 'string' ? [payload.text] : [];
  const walk = (node: unknown): void => {
    if (Array.isArray(node)) return node.forEach(walk);
    if (typeof node !== 'object' || node === null) return;
    const record = node as Record<string, unknown>;
    if (record.type === 'mrkdwn' && typeof record.text === 'string') found.push(record.text);
    Object.values(record).forEach(walk);
  };
  walk(payload.blocks);
  return found;
}

const BOT_BUILT_HOSTS = new Set(['arxiv.org', 'huggingface.co', 'github.com', 'papers.example.org']);

/** Live Slack syntax in a mrkdwn string: mentions, channel/date tokens, links not built by the bot. */
function liveTokens(text: string): string[] {
  const problems: string[] = [];
  for (const [, inner = ''] of text.matchAll(/<([^>]*)>/g)) {
    const url = inner.split('|')[0] ?? '';
    let host = '';
    try {
      host = new URL(url).hostname;
    } catch {
      // not a URL: a mention or a special token
    }
    if (!BOT_BUILT_HOSTS.has(host)) problems.push(`<${inner}>`);
  }
  return problems;
}

function answersOf(fake: FakeSlack): Array<{ text?: unknown; blocks?: unknown }> {
  return [...fake.callsTo('chat.postMessage').map((c) => c.args), ...fake.responses().map((c) => c.args)];
}

async function ask(s: SlackUnderTest, text: string, via: 'mention' | 'dm' | 'slash'): Promise<void> {
  const before = answersOf(s.fake).length + s.fake.calls.filter((c) => c.rejected).length;
  if (via === 'slash') await sendSlashCommand(s.url, { text, response_url: s.fake.responseUrl() });
  else await sendEvent(s.url, eventEnvelope(via === 'dm' ? dmEvent(text) : mentionEvent(text)));
  await s.fake.waitFor(() => answersOf(s.fake).length + s.fake.calls.filter((c) => c.rejected).length > before);
}

describe('escaping', () => {
  let slack: SlackUnderTest;

  beforeAll(async () => {
    const library = await Library.open({ corpus: ['data/papers-listing.txt'], cacheDir: null });
    library.addPapers(
      HOSTILE.map((h, i) =>
        paper(`hostile-${i}`, {
          title: `Hostile ${i} ${h} offline policy`,
          abstract: `We study offline policy learning ${h}. The method ${h} beats baselines on offline benchmarks. Contact ${h} for code.`,
          authors: [h, 'Eve <@U999>', 'Mallory &amp; Co', 'Trent'],
          published: '2025-06-01',
          upvotes: 10 + i,
          tags: [h],
          links: { arxiv: `https://arxiv.org/abs/2506.0${1000 + i}`, code: `https://github.com/x/hostile-${i}` },
        }),
      ),
    );
    slack = await startSlackUnderTest(library);
  });

  afterAll(async () => {
    await slack.stop();
  });

  test('hostile paper text and hostile queries never produce a live mention or a foreign link', async () => {
    const requests: Array<[string, 'mention' | 'dm' | 'slash']> = [
      ['search hostile offline policy --limit 10', 'mention'],
      ['highlights offline policy --limit 10', 'mention'],
      ['ask what does the method beat?', 'dm'],
      ['similar Hostile 3', 'slash'],
    ];
    HOSTILE.forEach((h, i) => {
      requests.push([`show Hostile ${i}`, 'mention']);
      requests.push([`search ${h} offline`, i % 2 ? 'slash' : 'mention']);
      requests.push([`${h} what is offline policy?`, i % 3 ? 'dm' : 'mention']);
      requests.push([`show ${h}`, 'slash']);
      requests.push([`search offline --author ${h}`, 'mention']);
    });
    for (const [text, via] of requests) await ask(slack, text, via);

    const answers = answersOf(slack.fake);
    expect(answers.length).toBe(requests.length);
    expect(slack.fake.calls.filter((c) => c.rejected)).toEqual([]);
    const live = answers.flatMap((a) => mrkdwnStrings(a).flatMap(liveTokens));
    expect(live).toEqual([]);
    for (const answer of answers) {
      expect(answer).not.toHaveProperty('link_names');
      expect(answer).not.toHaveProperty('parse');
    }
    // The hostile text is still shown, as text: escaped, not dropped.
    const shown = answers.flatMap(mrkdwnStrings).join('\n');
    expect(shown).toContain('&lt;!channel&gt;');
    expect(shown).toContain('&lt;@U123&gt;');
    expect(shown).toContain('&lt;http://evil.example|click&gt;');
    expect(shown).toContain('&amp;amp;');
  });
});

describe('Block Kit limits', () => {
  let slack: SlackUnderTest;
  const random = prng(20_260_330);
  const word = () => {
    const letters = 'abcdefghijklmnopqrstuvwxyz';
    const length = 2 + Math.floor(random() * 12);
    return Array.from({ length }, () => letters[Math.floor(random() * 26)]).join('');
  };
  const sentence = (n: number) => `${Array.from({ length: n }, word).join(' ')} giant policy offline.`;

  beforeAll(async () => {
    const library = await Library.open({ corpus: ['data/papers-listing.txt'], cacheDir: null });
    const papers: Paper[] = [];
    for (let i = 0; i < 24; i++) {
      const abstract = Array.from({ length: 40 }, () => sentence(20 + Math.floor(random() * 40))).join(' ');
      const unpunctuated = `${Array.from({ length: 1800 }, word).join(' ')} giant policy offline`;
      papers.push(
        paper(`giant-${i}`, {
          title: `Giant ${i} ${Array.from({ length: 150 + i * 10 }, word).join(' ')} policy`,
          abstract: (i % 3 === 0 ? unpunctuated : abstract).slice(0, 10_000 + i * 50),
          authors: Array.from({ length: 300 }, () => `${word()} ${word()}`),
          published: `2025-0${1 + (i % 9)}-1${i % 10}`,
          upvotes: 1000 - i,
          tags: Array.from({ length: 200 }, word),
          links: {
            arxiv: `https://arxiv.org/abs/2507.${String(10_000 + i)}`,
            pdf: `https://arxiv.org/pdf/2507.${String(10_000 + i)}`,
            code: `https://github.com/x/${'y'.repeat(i % 2 ? 2500 : 40)}`,
            huggingface: `https://huggingface.co/papers/2507.${String(10_000 + i)}`,
            project: `https://papers.example.org/${'p'.repeat(1990)}`,
          },
        }),
      );
    }
    library.addPapers(papers);
    slack = await startSlackUnderTest(library);
  });

  afterAll(async () => {
    await slack.stop();
  });

  test('10k-character abstracts, huge titles and author lists: every answer is accepted with its blocks', async () => {
    const requests: Array<[string, 'mention' | 'dm' | 'slash']> = [
      ['search giant policy offline --limit 10', 'mention'],
      ['search giant --limit 10 --offset 10', 'slash'],
      ['highlights giant --limit 10', 'mention'],
      ['ask what does giant policy offline do?', 'dm'],
      [`ask ${Array.from({ length: 40 }, word).join(' ').slice(0, 290)}`, 'mention'],
      [`search ${'giant '.repeat(50).trim()}`, 'mention'],
    ];
    for (let i = 0; i < 24; i += 3) {
      requests.push([`show Giant ${i}`, i % 2 ? 'slash' : 'mention']);
      requests.push([`similar Giant ${i} --limit 10`, 'mention']);
    }
    for (const [text, via] of requests) await ask(slack, text, via);

    expect(slack.fake.calls.filter((c) => c.rejected).map((c) => c.rejected)).toEqual([]);
    const answers = answersOf(slack.fake);
    expect(answers).toHaveLength(requests.length);
    for (const answer of answers) {
      expect(Array.isArray(answer.blocks) && answer.blocks.length).toBeTruthy();
      expect(String(answer.text).length).toBeLessThanOrEqual(4000);
    }
    // The answers are not empty husks: the big papers are actually shown.
    expect(answers.flatMap(mrkdwnStrings).join('\n')).toContain('Giant 0');
  });
});
