// The Slack renderer's limits, escaping and truncation, each at N and N+1.
import { describe, expect, test } from 'vitest';
import {
  actions,
  assemble,
  context,
  escapeMrkdwn,
  formatAuthors,
  header,
  highlighted,
  mrkdwn,
  renderAnswer,
  renderDigest,
  renderPaper,
  renderSearch,
  safeUrl,
  section,
  SLACK_LIMITS,
  truncate,
  type ButtonSpec,
  type SlackBlock,
} from '../../adapters/slack/render.js';
import { decodeAskPaper } from '../../adapters/slack/ask-paper.js';
import { decodePage } from '../../adapters/slack/paging.js';
import { blockKitViolations } from '../fakes/slack.js';
import { closestMatch } from '../support/answers.js';
import type { Highlight, NearPaper, SearchHit } from '../../src/results.js';

const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i % 10}`).join(' ');
const chars = (n: number, c = 'a') => c.repeat(n);

describe('truncate', () => {
  test('text of exactly N characters is kept; N+1 is cut to N ending in …', () => {
    expect(truncate(chars(10), 10)).toBe(chars(10));
    const cut = truncate(chars(11), 10);
    expect(cut).toHaveLength(10);
    expect(cut.endsWith('…')).toBe(true);
  });

  test('cuts on a word boundary, not inside a word', () => {
    expect(truncate('offline reinforcement learning with datasets', 30)).toBe('offline reinforcement…');
  });

  test('never splits a surrogate pair', () => {
    const cut = truncate(`${chars(8)}😀😀😀`, 10);
    expect(cut.length).toBeLessThanOrEqual(10);
    expect(cut).not.toMatch(/[\ud800-\udbff]…$/);
  });
});

describe('escaping', () => {
  test('&, < and > are escaped, & first, nothing else', () => {
    expect(escapeMrkdwn('a & b <!channel> <@U123> "q" *b*')).toBe('a &amp; b &lt;!channel&gt; &lt;@U123&gt; "q" *b*');
    expect(escapeMrkdwn('&amp;')).toBe('&amp;amp;');
  });

  test('truncating escaped text never cuts inside an entity', () => {
    for (let max = 1; max < 40; max++) {
      const out = mrkdwn(['&&&& <<<< >>>> &&&&'], max);
      expect(out.length).toBeLessThanOrEqual(max);
      expect(out.replace(/&(amp|lt|gt);/g, '')).not.toContain('&');
    }
  });

  test('only http(s) URLs become links, and a | or > in them cannot end the link early', () => {
    expect(safeUrl('javascript:alert(1)')).toBeUndefined();
    expect(safeUrl('not a url')).toBeUndefined();
    expect(safeUrl('https://x.org/a|b>c')).toBe('https://x.org/a%7Cb%3Ec');
    expect(mrkdwn([{ link: 'https://x.org/p', label: '<!here> title' }], 100)).toBe('<https://x.org/p|&lt;!here&gt; title>');
    expect(mrkdwn([{ link: 'javascript:x', label: 'title' }], 100)).toBe('title');
  });
});

describe('blocks at N and N+1', () => {
  test('header: 150 characters kept, 151 cut to 150', () => {
    expect(header(chars(150)).text.text).toHaveLength(150);
    const cut = header(chars(151)).text.text;
    expect(cut).toHaveLength(150);
    expect(cut.endsWith('…')).toBe(true);
  });

  test('section text: 3000 kept, 3001 cut to 3000 on a word boundary', () => {
    expect(section([chars(3000)])?.text?.text).toHaveLength(3000);
    const long = words(1001); // 3002 characters
    const cut = section([long.slice(0, 3001)])?.text?.text ?? '';
    expect(cut.length).toBeLessThanOrEqual(3000);
    expect(cut).toMatch(/ w\d…$/);
  });

  test('context: 10 elements kept, the 11th dropped', () => {
    const ten = Array.from({ length: 10 }, (_, i) => [`e${i}`]);
    expect(context(ten)?.elements).toHaveLength(10);
    expect(context([...ten, ['e10']])?.elements).toHaveLength(10);
  });

  test('actions: 25 buttons kept, the 26th dropped', () => {
    const specs = (n: number): ButtonSpec[] => Array.from({ length: n }, (_, i) => ({ label: `b${i}`, url: `https://x.org/${i}` }));
    expect(actions(specs(25))?.elements).toHaveLength(25);
    expect(actions(specs(26))?.elements).toHaveLength(25);
  });

  test('button text: 75 kept, 76 cut to 75', () => {
    const label = (n: number) => (actions([{ label: chars(n), url: 'https://x.org' }])?.elements[0] as { text: { text: string } }).text.text;
    expect(label(75)).toHaveLength(75);
    expect(label(76)).toHaveLength(75);
  });

  test('button value: 2000 kept, 2001 leaves the button out', () => {
    const value = (n: number) => actions([{ label: 'More', actionId: 'more', value: chars(n) }]);
    expect(value(2000)?.elements).toHaveLength(1);
    expect(value(2001)).toBeNull();
  });

  test('button URL: 2000 kept, 2001 leaves the button out (a URL cannot be shortened)', () => {
    const url = (n: number) => `https://x.org/${chars(n - 'https://x.org/'.length)}`;
    expect(actions([{ label: 'PDF', url: url(2000) }])?.elements).toHaveLength(1);
    expect(actions([{ label: 'PDF', url: url(2001) }])).toBeNull();
  });

  test('action_id: 255 kept, 256 leaves the button out', () => {
    expect(actions([{ label: 'x', actionId: chars(255), value: 'v' }])?.elements).toHaveLength(1);
    expect(actions([{ label: 'x', actionId: chars(256), value: 'v' }])).toBeNull();
  });
});

describe('assemble', () => {
  const item = (i: number): SlackBlock[] => [section([`item ${i}`])!];

  test('50 blocks are the most a message gets; what does not fit is counted in a note', () => {
    const fits = assemble({ text: 't', head: [header('h')], items: Array.from({ length: 48 }, (_, i) => item(i)) });
    expect(fits.blocks).toHaveLength(49);
    const over = assemble({ text: 't', head: [header('h')], items: Array.from({ length: 60 }, (_, i) => item(i)) });
    expect(over.blocks).toHaveLength(SLACK_LIMITS.blocks);
    expect(JSON.stringify(over.blocks.at(-1))).toContain('12 more not shown');
  });

  test('the total size stays within the budget even when every block is at its own limit', () => {
    const big = (i: number) => [section([`${i} ${words(1000)}`])];
    const message = assemble({ text: 't', head: [header('h')], items: Array.from({ length: 10 }, (_, i) => big(i)) });
    expect(JSON.stringify(message.blocks).length).toBeLessThanOrEqual(SLACK_LIMITS.blocksBudget);
    expect(blockKitViolations(message.blocks)).toEqual([]);
    expect(JSON.stringify(message.blocks)).toContain('more not shown');
  });

  test('link buttons get action ids unique within the message', () => {
    const buttons = (n: number) => actions(Array.from({ length: n }, (_, i) => ({ label: `l${i}`, url: `https://x.org/${i}` })));
    const message = assemble({ text: 't', head: [buttons(3), buttons(4)] });
    const ids = message.blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => ('action_id' in e ? e.action_id : '')) : []));
    expect(new Set(ids).size).toBe(7);
  });

  test('the fallback text is capped at 4000 characters', () => {
    expect(assemble({ text: chars(4001), head: [] }).text).toHaveLength(4000);
  });
});

describe('pieces of a paper', () => {
  test('authors: up to three named, more become "et al."', () => {
    expect(formatAuthors(['A', 'B', 'C'])).toBe('A, B, C');
    expect(formatAuthors(['A', 'B', 'C', 'D'])).toBe('A, B, C et al.');
    expect(formatAuthors([])).toBe('');
  });

  test('matched terms are bold', () => {
    const parts = highlighted('offline RL with policy regularization', [{ start: 16, end: 22 }, { start: 0, end: 7 }]);
    expect(mrkdwn(parts, 200)).toBe('*offline* RL with *policy* regularization');
  });

  const hit = (i: number): SearchHit => ({
    id: `p${i}`,
    title: `Paper ${i}`,
    authors: ['Ada', 'Bo'],
    published: '2025-01-02',
    url: `https://arxiv.org/abs/2501.0000${i}`,
    links: { arxiv: `https://arxiv.org/abs/2501.0000${i}`, pdf: `https://arxiv.org/pdf/2501.0000${i}` },
    score: 1,
    snippet: 'offline reinforcement learning',
    highlights: [{ start: 0, end: 7 }],
  });

  test('search: numbered linked titles, authors and date, link buttons, and a More button carrying the page', () => {
    const message = renderSearch(
      { query: 'offline', total: 12, offset: 0, limit: 2, results: [hit(1), hit(2)] },
      { version: 'v1', filters: { author: 'Ada' } },
    );
    const json = JSON.stringify(message.blocks);
    expect(json).toContain('<https://arxiv.org/abs/2501.00001|1. Paper 1>');
    expect(json).toContain('Ada, Bo · 2025-01-02');
    expect(json).toContain('Results 1–2 of 12');
    const more = message.blocks.flatMap((b) => (b.type === 'actions' ? b.elements : [])).find((e) => 'value' in e && e.value);
    expect(decodePage((more as { value: string }).value)).toEqual({ version: 'v1', query: 'offline', offset: 2, limit: 2, author: 'Ada' });
    expect(message.text).toContain('1. Paper 1; 2. Paper 2');
  });

  test('a search without words is headed by its filters', () => {
    const message = renderSearch({ query: '', total: 1, offset: 0, limit: 5, results: [hit(1)], author: 'Meng' }, { version: 'v1' });
    expect((message.blocks[0] as { text: { text: string } }).text.text).toBe('Papers by an author matching "Meng"');
  });

  test('the last page has no More button', () => {
    const message = renderSearch({ query: 'offline', total: 2, offset: 0, limit: 5, results: [hit(1), hit(2)] }, { version: 'v1' });
    expect(JSON.stringify(message.blocks)).not.toContain('paperbot_more');
  });

  test('digest: date in the header, a line per paper with why it was picked', () => {
    const highlight: Highlight = { ...hit(1), summary: 'It does things.', reasons: ['upvotes', 'new'], score: 3, upvotes: 42 };
    const message = renderDigest({ date: '2026-03-30', timezone: 'Europe/Paris', highlights: { highlights: [highlight] } });
    const json = JSON.stringify(message.blocks);
    expect(json).toContain('Paper highlights for 2026-03-30');
    expect(json).toContain('Why: popular (42 upvotes), new');
    expect(json).toContain('It does things.');
    expect(message.text).toContain('1 paper');
  });
});

describe('answers in three outcomes', () => {
  const citation = (n: number) => ({ n, id: `p${n}`, title: `Paper ${n} about offline RL`, url: `https://arxiv.org/abs/2501.0000${n}` });
  const near = (n: number): NearPaper => ({
    id: `p${n}`,
    title: `Paper ${n}`,
    authors: ['Ada'],
    url: `https://arxiv.org/abs/2501.0000${n}`,
    links: { arxiv: `https://arxiv.org/abs/2501.0000${n}` },
    snippet: `Paper ${n} studies a nearby <question>.`,
  });
  const base = { question: 'does it help?', kind: 'quoted' as const, answerType: 'general' as const };
  const elements = (blocks: SlackBlock[]) => blocks.flatMap((b) => (b.type === 'actions' ? b.elements : [])) as Array<{ text: { text: string }; action_id: string; value?: string }>;

  test('a list names each paper once: its title linked on its line, no Sources block', () => {
    const sentences = [1, 2].map((n) => ({ text: `Paper ${n} about offline RL (2025-01-0${n}): what it does`, citation: n, citations: [n], titleLength: `Paper ${n} about offline RL`.length }));
    const message = renderAnswer({ ...base, answerType: 'list', outcome: 'answered', found: true, answer: 'x', sentences, citations: [1, 2].map(citation), nearest: [] });
    const json = JSON.stringify(message.blocks);
    expect(json).toContain('• *<https://arxiv.org/abs/2501.00001|Paper 1 about offline RL>* (2025-01-01): what it does [1]');
    expect(json.split('Paper 2 about offline RL')).toHaveLength(2);
    expect(json).not.toContain('Sources');
    expect(blockKitViolations(message.blocks)).toEqual([]);
  });

  test('a closest match: hedge first, marked as such, the other candidates each with "Ask [n]" carrying the question', () => {
    const result = closestMatch(citation(1), [near(2), near(3)]);
    const hedge = result.hedge!;
    const message = renderAnswer(result);
    const texts = message.blocks.map((b) => JSON.stringify(b));
    expect(texts[1]).toContain(`*${hedge}*\\nA sentence. [1]`);
    expect(texts.join('')).toContain('Closest match, not a sure answer.');
    expect(texts.join('')).toContain('Paper 2 studies a nearby &lt;question&gt;.');
    const asks = elements(message.blocks).filter((e) => e.text.text.startsWith('Ask ['));
    expect(asks.map((e) => e.text.text)).toEqual(['Ask [2] Paper 2', 'Ask [3] Paper 3']);
    expect(decodeAskPaper(asks[0]?.value)).toEqual({ question: 'does it help?', paperId: 'p2' });
    expect(new Set(elements(message.blocks).map((e) => e.action_id)).size).toBe(elements(message.blocks).length);
    expect(blockKitViolations(message.blocks)).toEqual([]);
  });

  test('not covered is said once; a paper asked shows with its links, the others near it', () => {
    const answer = "Paper 7's abstract doesn't say that.";
    const paper = { ...near(7), links: { arxiv: 'https://arxiv.org/abs/2501.00007', code: 'https://github.com/x/y' } };
    const message = renderAnswer({ ...base, outcome: 'not_covered', found: false, answer, sentences: [], citations: [], nearest: [paper, near(2)] }, { paper });
    const json = JSON.stringify(message.blocks);
    expect(json.split("doesn't say")).toHaveLength(2);
    expect(json).toContain('<https://arxiv.org/abs/2501.00007|1. Paper 7>');
    expect(json).toContain('<https://arxiv.org/abs/2501.00002|2. Paper 2>');
    expect(elements(message.blocks).map((e) => e.text.text)).toEqual(['arXiv', 'Code', 'Ask [2] Paper 2', 'arXiv']);
  });

  test('several papers matching a show are listed as such', () => {
    const message = renderPaper({ query: 'policy', paper: null, suggestions: [{ id: 'a', title: 'Policy A' }], ambiguous: true });
    expect(message.text).toBe('Several papers match “policy”:');
    expect(JSON.stringify(message.blocks)).not.toContain('Did you mean');
  });
});
