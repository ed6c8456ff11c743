import { describe, expect, test } from 'vitest';
import { decodeButton, decodeModal, encodeButton, encodeModal } from '../../adapters/discord/custom-id.js';
import {
  boldSpans,
  escapeLineStarts,
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
  type Rendered,
} from '../../adapters/discord/render.js';
import { PaperbotError } from '../../src/errors.js';
import type { NearPaper, PaperDetail, SearchHit } from '../../src/results.js';
import { validateMessage } from '../fakes/discord.js';
import { closestMatch } from '../support/answers.js';

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

function detail(overrides: Partial<PaperDetail> = {}): PaperDetail {
  return { ...hit(1), abstract: 'An abstract.', summary: 'A summary.', tags: [], ...overrides };
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

  test('escapes block markers where they begin a line, and nowhere else', () => {
    expect(escapeLineStarts('# Title\n## Sub\n-# small\n- item\n1. first\n12. twelfth\nA-B # 3 - 4. x')).toBe(
      '\\# Title\n\\## Sub\n\\-# small\n\\- item\n1\\. first\n12\\. twelfth\nA-B # 3 - 4. x',
    );
  });

  test('what only looks like a marker stays as it is: no space after it, or more than three #', () => {
    expect(escapeLineStarts('3.5 million\n#hashtag\n#### four\n2312.01236\n-1 degrees')).toBe(
      '3.5 million\n#hashtag\n#### four\n2312.01236\n-1 degrees',
    );
  });

  test('our own quote marker stays a quote; a marker right after it is escaped', () => {
    expect(escapeLineStarts('> 1. step one\n> # count')).toBe('> 1\\. step one\n> \\# count');
  });

  test('user text cannot start a quote or a bullet of asterisks: > and * are always escaped inline', () => {
    expect(escapeMarkdown('> not a quote * not a bullet')).toBe('\\> not a quote \\* not a bullet');
  });

  test('a fragment in the middle of a line gets no backslash (“No paper matches 2312.01236”)', () => {
    const unknown = renderPaper({ query: '2312.01236', paper: null, suggestions: [] }, { version: 'v1' });
    expect(unknown.message.content).toContain('No paper matches “2312.01236”.');
    const numbered = renderPaper({ query: '1. First', paper: null, suggestions: [] }, { version: 'v1' });
    expect(numbered.message.content).toContain('No paper matches “1. First”.');
  });

  test('a snippet that starts with a number keeps it; one that starts a numbered list is escaped', () => {
    const plainNumber = renderSearch({ query: 'million', total: 1, offset: 0, limit: 5, results: [hit(1, { snippet: '3.5 million trajectories', highlights: [] })] }, { version: 'v1' });
    expect(plainNumber.message.embeds[0]?.description).toContain('\n> 3.5 million trajectories');
    const listLike = renderSearch({ query: 'steps', total: 1, offset: 0, limit: 5, results: [hit(1, { snippet: '1. Collect data', highlights: [] })] }, { version: 'v1' });
    expect(listLike.message.embeds[0]?.description).toContain('\n> 1\\. Collect data');
  });

  test('a summary line that begins with a heading marker is escaped inside the paper card', () => {
    const card = renderPaper({ query: 'x', paper: detail({ summary: '# Results\nWe win.' }), suggestions: [] }, { version: 'v1' });
    expect(card.message.embeds[0]?.description).toBe('\\# Results\nWe win.');
  });

  test('escaping at line starts never pushes content past 2000 characters (N and N+1)', () => {
    const lines = (n: number) => Array.from({ length: n }, () => '1. x').join('\n');
    for (const text of [lines(400).slice(0, LIMITS.content), `${lines(400)}`.slice(0, LIMITS.content + 1)]) {
      const message = finalize({ content: text, embeds: [], components: [], allowed_mentions: { parse: [] } });
      expect(message.content?.length).toBeLessThanOrEqual(LIMITS.content);
      expect(message.content?.startsWith('1\\. x\n1\\. x')).toBe(true);
      expect(validateMessage(message as unknown as Record<string, unknown>)).toEqual([]);
    }
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
    expect(decodeModal('q|not-a-message')).toBeNull();
  });

  test('a search without words pages by its filters; follow-up, "Ask [n]" and the modal round-trip', () => {
    const byAuthor = { kind: 'page', version: '7443d7bd', query: '', offset: 5, limit: 5, author: 'Meng' } as const;
    expect(decodeButton(encodeButton(byAuthor))).toEqual(byAuthor);
    expect(decodeButton(encodeButton({ kind: 'page', version: 'v', query: '', offset: 5, limit: 5 }))).toBeNull();
    expect(decodeButton(encodeButton({ kind: 'follow-up' }))).toEqual({ kind: 'follow-up' });
    const ask = { kind: 'ask-paper', paperId: 'policy-regularization-with-dataset-constraint-for-offline' } as const;
    expect(decodeButton(encodeButton(ask))).toEqual(ask);
    expect(decodeModal(encodeModal('1234567890123456789'))).toBe('1234567890123456789');
  });
});

describe('answers in three outcomes', () => {
  const citation = (n: number) => ({ n, id: `paper-${n}`, title: `Paper ${n} about offline RL`, url: `https://arxiv.org/abs/2501.0000${n}` });
  const near = (n: number, overrides: Partial<NearPaper> = {}): NearPaper => ({ ...hit(n), snippet: `Paper ${n} studies a nearby question.`, ...overrides });
  const base = { question: 'q?', kind: 'quoted' as const, answerType: 'general' as const };
  const buttons = (rendered: Rendered) => rendered.message.components.flatMap((row) => row.components as Array<{ label?: string; custom_id?: string }>);
  const labels = (rendered: Rendered) => buttons(rendered).map((b) => b.label);
  const ids = (rendered: Rendered) => buttons(rendered).flatMap((b) => (b.custom_id ? [b.custom_id] : []));

  test('a list names each paper once: the linked title on its line, no Sources, no title buttons', () => {
    const sentences = [1, 2, 3].map((n) => {
      const head = `Paper ${n} about offline RL`;
      return { text: `${head} (2025-01-0${n}): what paper ${n} does`, citation: n, citations: [n], titleLength: head.length };
    });
    const rendered = renderAnswer({ ...base, answerType: 'list', outcome: 'answered', found: true, answer: '', sentences, citations: [1, 2, 3].map(citation), nearest: [] });
    const description = rendered.message.embeds[0]?.description ?? '';
    for (const n of [1, 2, 3]) {
      expect(description.split(`Paper ${n} about offline RL`)).toHaveLength(2);
      expect(description).toContain(`• **[${n}]** [Paper ${n} about offline RL](https://arxiv.org/abs/2501.0000${n}) (2025-01-0${n}): what paper ${n} does`);
    }
    expect(description).not.toContain('Sources');
    expect(labels(rendered)).toEqual([]);
  });

  test('a closest match: yellow, its hedge first, the other candidates numbered after it with their lines, "Ask [n]" and Follow-up', () => {
    const result = closestMatch(citation(1), [near(2), near(3, { id: `x${'y'.repeat(120)}` })], 'q?');
    const rendered = renderAnswer(result, { followUps: true });
    const embed = rendered.message.embeds[0]!;
    expect(embed.color).toBe(0xfee75c);
    expect(embed.description).toMatch(/^\*\*Not sure the list answers this exactly\. Closest: “Paper 1 about offline RL”\.\*\*\nA sentence\. \*\*\[1\]\*\*\n\n\*\*Sources\*\*/);
    expect(embed.description).toContain('**Other candidates**\n**2.** [Paper 2](https://arxiv.org/abs/2501.00002)');
    expect(embed.description).toContain('\n> Paper 2 studies a nearby question.');
    expect(embed.footer?.text).toBe('Closest match, not a sure answer. Quoted from the paper abstracts; [n] is the source.');
    // The third candidate's id is too long for a custom id: it gets no button rather than a rejected message.
    expect(labels(rendered)).toEqual(['[1] Paper 1 about offline RL', 'Ask [2] Paper 2', 'Follow-up']);
    expect(ids(rendered).every((id) => id.length <= LIMITS.customId)).toBe(true);
    expect(labels(renderAnswer(result))).toEqual(['[1] Paper 1 about offline RL']);
  });

  test('not covered is said once; near papers show the line that makes them near; a paper asked shows its card and links', () => {
    const result = { ...base, outcome: 'not_covered' as const, found: false, answer: "The listed papers don't seem to cover that.", sentences: [], citations: [], nearest: [near(2)] };
    const rendered = renderAnswer(result, { followUps: true });
    const description = rendered.message.embeds[0]?.description ?? '';
    expect(description).toBe("The listed papers don't seem to cover that.\n\n**Nearest papers**\n**1.** [Paper 2](https://arxiv.org/abs/2501.00002)\nAda Lovelace, Alan Turing, Grace Hopper et al. · 2025-01-31\n> Paper 2 studies a nearby question.");
    expect(labels(rendered)).toEqual(['Ask [1] Paper 2', 'Follow-up']);

    const asked = { ...hit(7), links: { arxiv: 'https://arxiv.org/abs/2501.00007', code: 'https://github.com/x/y' } };
    const scoped = renderAnswer({ ...result, answer: "Paper 7's abstract doesn't say which GPUs were used.", nearest: [] }, { paper: asked, followUps: true });
    expect(scoped.message.embeds[0]?.description).toMatch(/^Paper 7's abstract doesn't say which GPUs were used\.\n\n\*\*1\.\*\* \[Paper 7\]/);
    expect(labels(scoped)).toEqual(['arXiv', 'Code', 'Follow-up']);
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

  test('an unknown paper is private and lists suggestions; several matching papers are listed as such', () => {
    const rendered = renderPaper({ query: 'neo', paper: null, suggestions: [{ id: '1', title: 'NeoRL-2' }] }, { version: 'v' });
    expect(rendered.ephemeral).toBe(true);
    expect(rendered.message.content).toContain('Did you mean');
    const several = renderPaper({ query: 'policy', paper: null, suggestions: [{ id: '1', title: 'Policy A' }, { id: '2', title: 'Policy B' }], ambiguous: true }, { version: 'v' });
    expect(several.message.content).toBe('Several papers match “policy”:\n• Policy A\n• Policy B');
  });

  test('an answer keeps whole sentences with their citation numbers, and the sources', () => {
    const rendered = renderAnswer({
      question: 'q',
      outcome: 'answered',
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
