import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseHfDaily } from '../../src/ingest/hf-daily.js';

const fixture = readFileSync('test/fixtures/hf-daily-papers.json', 'utf8');

describe('parseHfDaily', () => {
  const papers = parseHfDaily(fixture, 'hf.json');

  test('reads the 14 papers of the fixture with ids, upvotes and code', () => {
    expect(papers).toHaveLength(14);
    expect(papers[0]).toMatchObject({
      id: '2506.23044',
      title: 'Ovis-U1 Technical Report',
      upvotes: 26,
      github: 'https://github.com/AIDC-AI/Ovis-U1',
      published: '2025-06-29T00:40:17.000Z',
      location: 'entry 1',
    });
    expect(papers[0]?.authors).toHaveLength(12);
    expect(papers[0]?.abstract).toMatch(/^In this report, we introduce Ovis-U1, a 3-billion-parameter unified model\n/);
    expect(papers.filter((paper) => paper.github)).toHaveLength(6);
    expect(papers.every((paper) => typeof paper.upvotes === 'number')).toBe(true);
    expect(papers[2]?.project).toBe('https://calligrapher2025.github.io/Calligrapher/');
  });

  test('accepts the wrapped {data: [...]} form', () => {
    const wrapped = JSON.stringify({ status: 'ok', count: 14, data: JSON.parse(fixture) });
    expect(parseHfDaily(wrapped, 'hf.json')).toEqual(papers);
  });

  test('errors name the entry and the field', () => {
    const entries = JSON.parse(fixture) as Array<{ paper: Record<string, unknown> }>;
    const broken = (change: (paper: Record<string, unknown>) => void): string => {
      const copy = structuredClone(entries);
      if (copy[2]) change(copy[2].paper);
      return JSON.stringify(copy);
    };
    expect(() => parseHfDaily(broken((paper) => delete paper.summary), 'hf.json')).toThrow(
      'hf.json:entry 3: field "paper.summary": missing (expected a non-empty string)',
    );
    expect(() => parseHfDaily(broken((paper) => (paper.upvotes = 1.5)), 'hf.json')).toThrow(
      'hf.json:entry 3: field "paper.upvotes": expected an integer >= 0, got 1.5',
    );
    expect(() => parseHfDaily('[{"title": "no paper"}]', 'hf.json')).toThrow(
      'hf.json:entry 1: field "paper": missing (expected an object)',
    );
    expect(() => parseHfDaily('{"papers": []}', 'hf.json')).toThrow(
      'hf.json: expected a Hugging Face daily-papers response (a JSON array, or an object with a "data" array)',
    );
    expect(() => parseHfDaily('[{"paper": ', 'hf.json')).toThrow(/^hf\.json: invalid JSON \(.+\)$/);
  });
});
