import { describe, expect, test } from 'vitest';
import { decodeButton, encodeButton } from '../../adapters/discord/custom-id.js';
import {
  boldSpans,
  escapeMarkdown,
  finalize,
  LIMITS,
  md,
  plain,
  renderAnswer,
  renderChoices,
  renderDigest,
  renderError,
  renderPaper,
  renderSearch,
  shortAuthors,
  slashExample,
  truncate,
} from '../../adapters/discord/render.js';
import { PaperbotError } from '../../src/errors.js';
import type { PaperDetail, SearchHit } from '../../src/results.js';
import { validateMessage } from '../fakes/discord.js';

const words = (n: number) => Array.from({ length: n }, (_, i) => `w${i % 10}`).join(' ');

function hit(i: number, overrides: Partial<SearchHit> = {}): SearchHit {
  return {
    id: `paper-${i}`,
    title: `Paper ${i}`,
    authors: ['Ada Lovelace', 'Alan Turing', 'Grace Hopper', 'Edsger Dijkstra'],
    published: '2025-01-31',
    url: `https://arxiv.org/abs/2501.0000${i}`,
    links: { arxiv: `https://arxiv.org/abs/2501.0000${i}` },
    score: 1,
    snippet: 'We study offline reinforcement learning from fixed datasets.',
    highlights: [{ start: 9, end: 16 }],
    ...overrides,
  };
}

describe('truncate', () => {
  test('text of exactly N characters is kept whole', () => {
    const text = 'a'.repeat(100);
    expect(truncate(text, 100)).toBe(text);
  });

  test('text of N+1 characters is cut to N, ending with an ellipsis', () => {
    const cut = truncate('a'.repeat(101), 100);
    expect(cut).toHaveLength(100);
    expect(cut.endsWith('…')).toBe(true);
  });

  test('cuts on a word boundary when one is near', () => {
    expect(truncate('offline reinforcement learning benchmark', 30)).toBe('offline reinforcement…');
  });

  test('never splits an emoji (surrogate pair)', () => {
    const text = `${'a'.repeat(98)}😀😀`;
    const cut = truncate(text, 100);
    expect(cut.length).toBeLessThanOrEqual(100);
    expect(validateMessage({ content: cut })).toEqual([]);
  });

  for (const [name, limit] of [
    ['content', LIMITS.content],
    ['embed title', LIMITS.embedTitle],
    ['embed description', LIMITS.embedDescription],
    ['field value', LIMITS.fieldValue],
    ['button label', LIMITS.buttonLabel],
    ['choice name', LIMITS.choiceName],
  ] as const) {
    test(`${name}: ${limit} characters pass unchanged, ${limit + 1} are cut to ${limit}`, () => {
      expect(plain('x'.repeat(limit), limit)).toHaveLength(limit);
      expect(plain('x'.repeat(limit + 1), limit)).toHaveLength(limit);
    });
  }
});

describe('markdown', () => {
  test('escapes emphasis, code, spoilers, masked links and mentions so they show literally', () => {
    expect(escapeMarkdown('**bold** _it_ `code` ||spoiler|| [x](http://e.vil) <@123>')).toBe(
      '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\|\\|spoiler\\|\\| \\[x\\](http://e.vil) \\<@123\\>',
    );
  });

  test('escapes block markers only at a line start', () => {
    expect(escapeMarkdown('# Title\n> quote\n- item\nA-B # 3')).toBe('\\# Title\n\\> quote\n\\- item\nA-B # 3');
  });

  test('md counts the escapes: a line of asterisks still fits the limit', () => {
    const out = md('*'.repeat(300), 256);
    expect(out.length).toBeLessThanOrEqual(256);
    expect(out.endsWith('\\*…') || out.endsWith('…')).toBe(true);
    expect(out).not.toMatch(/[^\\]\*…$/);
  });

  test('md removes bidi overrides and control characters', () => {
    expect(md('abc\u202Edef\u0007', 100)).toBe('abcdef');
  });

  test('bolds the highlighted spans of a snippet and escapes the rest', () => {
    expect(boldSpans('learning *offline* RL', [{ start: 10, end: 17 }], 100)).toBe('learning \\***offline**\\* RL');
  });

  test('a snippet cut short keeps its bold markers paired', () => {
    const snippet = `${words(50)} offline ${words(50)}`;
    const start = snippet.indexOf('offline');
    const out = boldSpans(snippet, [{ start, end: start + 7 }], 120);
    expect(out.length).toBeLessThanOrEqual(120);
    expect((out.match(/\*\*/g) ?? []).length % 2).toBe(0);
  });
});

describe('authors', () => {
  test('three authors are listed, a fourth makes it "et al."', () => {
    expect(shortAuthors(['A', 'B', 'C'])).toBe('A, B, C');
    expect(shortAuthors(['A', 'B', 'C', 'D'])).toBe('A, B, C et al.');
  });
});

describe('custom ids', () => {
  test('page state survives a round trip, free text with separators included', () => {
    const state = { kind: 'page', version: '7443d7bd', query: 'a|b c', offset: 10, limit: 5, since: '2025-01-01', author: 'O|Neil' } as const;
    expect(decodeButton(encodeButton(state))).toEqual(state);
  });

  test('a long query drops the page buttons instead of exceeding 100 characters', () => {
    const query = 'q'.repeat(120);
    const result = { query, total: 40, offset: 0, limit: 5, results: [hit(1)] };
    const rendered = renderSearch(result, { version: 'v1' });
    const ids = rendered.message.components.flatMap((row) => row.components.map((b) => ('custom_id' in b ? b.custom_id : '')));
    expect(ids.every((id) => id.length <= LIMITS.customId)).toBe(true);
    expect(ids.some((id) => id.startsWith('p|'))).toBe(false);
    expect(rendered.message.embeds[0]?.footer?.text).toContain('use the offset option');
  });

  test('ids from something else are not mistaken for ours', () => {
    expect(decodeButton('vote:yes')).toBeNull();
    expect(decodeButton('p|v|x')).toBeNull();
  });
});

describe('messages', () => {
  test('search: ten results with 4000-character titles and snippets stay under every limit', () => {
    const long = words(800);
    const results = Array.from({ length: 10 }, (_, i) => hit(i, { title: long, snippet: long, highlights: [{ start: 0, end: 2 }] }));
    const rendered = renderSearch({ query: long.slice(0, 300), total: 100, offset: 0, limit: 10, results }, { version: 'v' });
    expect(validateMessage(rendered.message as unknown as Record<string, unknown>)).toEqual([]);
    expect(rendered.message.embeds[0]?.description?.match(/\*\*\d+\.\*\*/g)).toHaveLength(10);
  });

  test('paper: a 10k-character abstract is cut on a word boundary', () => {
    const paper: PaperDetail = {
      ...hit(1),
      abstract: words(2000),
      summary: words(2000),
      tags: ['cs.LG'],
    };
    const rendered = renderPaper({ query: 'x', paper, suggestions: [] }, { version: 'v' });
    const description = rendered.message.embeds[0]?.description ?? '';
    expect(description.endsWith('…')).toBe(true);
    expect(description).toMatch(/w\d…$/);
    expect(validateMessage(rendered.message as unknown as Record<string, unknown>)).toEqual([]);
  });

  test('an unknown paper is private and lists suggestions', () => {
    const rendered = renderPaper({ query: 'neo', paper: null, suggestions: [{ id: '1', title: 'NeoRL-2' }] }, { version: 'v' });
    expect(rendered.ephemeral).toBe(true);
    expect(rendered.message.content).toContain('Did you mean');
  });

  test('an answer keeps whole sentences with their citation numbers, and the sources', () => {
    const rendered = renderAnswer({
      question: 'q',
      found: true,
      kind: 'quoted',
      answer: '',
      sentences: Array.from({ length: 200 }, (_, i) => ({ text: `Sentence ${i} ${words(20)}.`, citation: (i % 3) + 1, citations: [(i % 3) + 1] })),
      citations: [1, 2, 3].map((n) => ({ n, id: `p${n}`, title: `Paper ${n}`, url: `https://arxiv.org/abs/250${n}.00001` })),
      nearest: [],
      answerType: 'general',
    });
    const description = rendered.message.embeds[0]?.description ?? '';
    expect(description.length).toBeLessThanOrEqual(LIMITS.embedDescription);
    expect(description).toMatch(/\*\*\[1\]\*\* \[Paper 1\]\(https:\/\/arxiv\.org\/abs\/2501\.00001\)$/m);
    expect(description.split('**Sources**')[0]).toMatch(/\.\s\*\*\[\d\]\*\*\s*$/);
  });

  test('finalize enforces the 6000-character total across ten embeds', () => {
    const embed = { title: 't'.repeat(256), description: 'd'.repeat(4096) };
    const out = finalize({ embeds: Array.from({ length: 12 }, () => ({ ...embed })), components: [], allowed_mentions: { parse: [] } });
    expect(out.embeds.length).toBeLessThanOrEqual(10);
    expect(validateMessage(out as unknown as Record<string, unknown>)).toEqual([]);
  });

  test('every message says allowed_mentions parse: []', () => {
    expect(renderError(new PaperbotError('not_found', 'No paper "x"')).message.allowed_mentions).toEqual({ parse: [] });
  });

  test('internal errors do not leak details', () => {
    const rendered = renderError(new PaperbotError('internal', 'internal error: ENOENT /secret/path'), 'search');
    expect(rendered.ephemeral).toBe(true);
    expect(rendered.message.content).not.toContain('/secret/path');
    expect(rendered.message.content).toContain('/paper search');
  });

  test('a digest carries its key in the footer, for findPosted', () => {
    const digest = renderDigest(
      { date: '2026-03-30', timezone: 'Europe/Berlin', highlights: { highlights: [{ ...hit(1), summary: 'S.', reasons: ['new'], score: 1 }] } },
      'sub1-2026-03-30',
    );
    expect(digest.embeds[0]?.title).toBe('Paper highlights for 2026-03-30');
    expect(digest.embeds[0]?.footer?.text).toBe('1 paper · Europe/Berlin · ref sub1-2026-03-30');
  });
});

describe('autocomplete choices', () => {
  test('25 choices at most, names cut to 100, ids longer than 100 skipped', () => {
    const suggestions = Array.from({ length: 30 }, (_, i) => ({ id: i === 0 ? 'x'.repeat(101) : `id${i}`, title: 't'.repeat(150) }));
    const choices = renderChoices(suggestions);
    expect(choices).toHaveLength(25);
    expect(choices[0]?.value).toBe('id1');
    expect(choices.every((c) => c.name.length === 100)).toBe(true);
  });
});

test('help examples become slash syntax', () => {
  expect(
    slashExample({
      name: 'highlights',
      example: 'highlights --topic "reinforcement learning" --limit 5',
      options: [],
    }),
  ).toBe('/paper highlights topic:reinforcement learning limit:5');
});
