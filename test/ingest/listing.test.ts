import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseListing } from '../../src/ingest/listing.js';

const seed = readFileSync('data/papers-listing.txt', 'utf8');

const abstract = (topic: string): string =>
  `We study ${topic} in depth and report results on several benchmarks. Our method improves over strong baselines by a wide margin while using less compute, and the analysis explains why.`;

describe('parseListing on the seed', () => {
  const papers = parseListing(seed, 'data/papers-listing.txt');

  test('finds all 50 papers and skips the page header', () => {
    expect(papers).toHaveLength(50);
    expect(papers[0]?.title).toBe('Differential Information: An Information-Theoretic Perspective on Preference Optimization');
    expect(papers[0]?.location).toBe('line 11');
    expect(papers.map((paper) => paper.title)).not.toContain('Subscribe');
    expect(papers.at(-1)?.title).toBe('Policy Smoothing for Provably Robust Reinforcement Learning');
  });

  test('keeps each abstract whole', () => {
    const neorl = papers.find((paper) => paper.title.startsWith('NeoRL-2'));
    expect(neorl?.title).toBe(
      'NeoRL-2: Near Real-World Benchmarks for Offline Reinforcement Learning with Extended Realistic Scenarios',
    );
    expect(neorl?.location).toBe('line 111');
    expect(neorl?.abstract).toContain('which consists of 7 datasets from 7 simulated tasks');
    expect(neorl?.abstract.endsWith('https://github.com/polixir/NeoRL2.')).toBe(true);
  });

  test('gives the same papers with CRLF line ends, trailing spaces and extra blank lines', () => {
    const messy = seed.replace(/\n/g, '  \r\n').replace(/\r\n  \r\n/g, '\r\n\r\n\r\n');
    expect(parseListing(messy, 'x.txt').map((paper) => paper.title)).toEqual(papers.map((paper) => paper.title));
  });
});

describe('parseListing header detection and layout', () => {
  test('works without any header and with a longer one', () => {
    const body = `A Study of Things\n\n${abstract('things')}\n\nAnother Study\n\n${abstract('more things')}\n`;
    expect(parseListing(body, 'a.txt').map((paper) => paper.location)).toEqual(['line 1', 'line 5']);
    const header = 'Papers\n\nTrending\n\nSign in\n\nnew\n\nJul 2\n\nDaily Papers\n\nby the community\n\nSubscribe\n\nToday\n\n';
    expect(parseListing(header + body, 'b.txt').map((paper) => paper.title)).toEqual(['A Study of Things', 'Another Study']);
  });

  test('joins an abstract spread over several paragraphs', () => {
    const text = `Title One\n\n${abstract('one')}\n\n${abstract('one, continued')}\n\nCode: https://github.com/a/b\n\nTitle Two\n\n${abstract('two')}`;
    const papers = parseListing(text, 'c.txt');
    expect(papers).toHaveLength(2);
    expect(papers[0]?.abstract).toBe(`${abstract('one')} ${abstract('one, continued')} Code: https://github.com/a/b`);
  });

  test('skips day separators of a multi-day page', () => {
    const text = `Title One\n\n${abstract('one')}\n\nJul 1\n\nTitle Two\n\n${abstract('two')}`;
    expect(parseListing(text, 'd.txt').map((paper) => paper.title)).toEqual(['Title One', 'Title Two']);
  });
});

describe('parseListing errors', () => {
  test('a title followed by another title names the line', () => {
    const text = `Title One\n\n${abstract('one')}\n\nFoo\n\nTitle Two\n\n${abstract('two')}`;
    expect(() => parseListing(text, 'papers.txt')).toThrow(
      'papers.txt:5: title "Foo" has no abstract (expected a blank line and an abstract paragraph after it)',
    );
  });

  test('a title at the end of the file names the line', () => {
    const text = `${seed.trimEnd()}\n\nA Last Title Without Abstract\n`;
    expect(() => parseListing(text, 'papers.txt')).toThrow(
      'papers.txt:211: title "A Last Title Without Abstract" has no abstract (expected a blank line and an abstract paragraph after it)',
    );
  });

  test('an empty file', () => {
    expect(() => parseListing(' \n\n', 'papers.txt')).toThrow(
      'papers.txt: file is empty (expected a papers listing: title / blank line / abstract blocks)',
    );
  });

  test('a file with only short lines', () => {
    expect(() => parseListing('new\n\nSubscribe\n', 'papers.txt')).toThrow(
      'papers.txt: no papers found (expected title / blank line / abstract paragraph blocks)',
    );
  });

  test('an abstract before any title', () => {
    const text = `${abstract('orphan')} ${abstract('orphan')}\n\nTitle\n\n${abstract('x')}`;
    expect(() => parseListing(text, 'papers.txt')).toThrow(
      'papers.txt:1: paragraph before the first title (expected short page-header lines, then a title line before each abstract)',
    );
  });
});
