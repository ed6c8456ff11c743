import { describe, expect, test } from 'vitest';
import { parseJsonl } from '../../src/ingest/jsonl.js';

const record = (fields: Record<string, unknown> = {}): string =>
  JSON.stringify({
    id: '2503.19267',
    title: 'NeoRL-2: Near Real-World Benchmarks for Offline Reinforcement Learning with Extended Realistic Scenarios',
    abstract: 'Offline reinforcement learning (RL) aims to learn from historical data.',
    ...fields,
  });

describe('parseJsonl', () => {
  test('reads required and optional fields, ignores unknown ones, skips blank lines', () => {
    const text = [
      record({
        authors: ['Songyi Gao', 'Zuolin Tu'],
        published: '2025-03-25T10:00:00Z',
        upvotes: 3,
        github: 'https://github.com/polixir/NeoRL2',
        tags: ['cs.LG'],
        source: 'hf-daily',
        hfDate: '2025-03-26',
      }),
      '',
      '   ',
      record({ id: 'my-paper', title: 'Another', authors: 'Ada Lovelace, Alan Turing', github: null }),
      '',
    ].join('\n');
    const papers = parseJsonl(text, 'papers.jsonl');
    expect(papers).toEqual([
      {
        id: '2503.19267',
        title: 'NeoRL-2: Near Real-World Benchmarks for Offline Reinforcement Learning with Extended Realistic Scenarios',
        abstract: 'Offline reinforcement learning (RL) aims to learn from historical data.',
        authors: ['Songyi Gao', 'Zuolin Tu'],
        published: '2025-03-25T10:00:00Z',
        url: undefined,
        pdf: undefined,
        github: 'https://github.com/polixir/NeoRL2',
        upvotes: 3,
        tags: ['cs.LG'],
        location: 'line 1',
      },
      expect.objectContaining({ id: 'my-paper', authors: ['Ada Lovelace', 'Alan Turing'], github: undefined, location: 'line 4' }),
    ]);
  });

  test('accepts a JSON array of the same records', () => {
    const papers = parseJsonl(`[${record()},\n${record({ id: '2501.11120' })}]`, 'papers.json');
    expect(papers.map((paper) => [paper.id, paper.location])).toEqual([
      ['2503.19267', 'record 1'],
      ['2501.11120', 'record 2'],
    ]);
  });

  test('joins a URL that the source wrapped across lines', () => {
    const [paper] = parseJsonl(record({ github: 'https://github.com/\nFightingFighting/NeuroAda.git' }), 'p.jsonl');
    expect(paper?.github).toBe('https://github.com/FightingFighting/NeuroAda.git');
  });
});

describe('parseJsonl errors', () => {
  const lines = (bad: string): string => [record(), record(), bad].join('\n');

  test('invalid JSON names the line', () => {
    expect(() => parseJsonl(lines('{"id": "1", "title": '), 'papers.jsonl')).toThrow(
      /^papers\.jsonl:3: invalid JSON \(.+\)$/,
    );
  });

  test('a line that is not an object', () => {
    expect(() => parseJsonl(lines('["a"]'), 'papers.jsonl')).toThrow(
      'papers.jsonl:3: expected a JSON object (one paper record per line)',
    );
  });

  test('a missing field', () => {
    expect(() => parseJsonl(lines('{"id": "x", "abstract": "text"}'), 'papers.jsonl')).toThrow(
      'papers.jsonl:3: field "title": missing (expected a non-empty string)',
    );
  });

  test('an empty title', () => {
    expect(() => parseJsonl(lines(record({ title: '  ' })), 'papers.jsonl')).toThrow(
      'papers.jsonl:3: field "title": expected a non-empty string, got "  "',
    );
  });

  test('a wrong type', () => {
    expect(() => parseJsonl(lines(record({ authors: 42 })), 'papers.jsonl')).toThrow(
      'papers.jsonl:3: field "authors": expected an array of strings or a comma-separated string, got 42',
    );
    expect(() => parseJsonl(lines(record({ tags: ['ok', 7] })), 'papers.jsonl')).toThrow(
      'papers.jsonl:3: field "tags[1]": expected a string, got 7',
    );
  });

  test('bad upvotes', () => {
    expect(() => parseJsonl(lines(record({ upvotes: -2 })), 'papers.jsonl')).toThrow(
      'papers.jsonl:3: field "upvotes": expected an integer >= 0, got -2',
    );
    expect(() => parseJsonl(lines(record({ upvotes: '12' })), 'papers.jsonl')).toThrow(
      'papers.jsonl:3: field "upvotes": expected an integer >= 0, got "12"',
    );
  });

  test('a bad date and a bad URL', () => {
    expect(() => parseJsonl(lines(record({ published: 'March 2025' })), 'papers.jsonl')).toThrow(
      'papers.jsonl:3: field "published": expected a date (YYYY-MM-DD) or an ISO date-time, got "March 2025"',
    );
    expect(() => parseJsonl(lines(record({ github: 'github' })), 'papers.jsonl')).toThrow(
      'papers.jsonl:3: field "github": expected an http(s) URL, got "github"',
    );
  });

  test('an empty file', () => {
    expect(() => parseJsonl('\n\n', 'papers.jsonl')).toThrow(
      'papers.jsonl: file is empty (expected one JSON paper record per line)',
    );
  });

  test('a bad record in an array names the record', () => {
    expect(() => parseJsonl(`[${record()}, {"id": "2"}]`, 'papers.json')).toThrow(
      'papers.json:record 2: field "title": missing (expected a non-empty string)',
    );
  });
});
