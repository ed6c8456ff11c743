import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { parseArxivAtom } from '../../src/ingest/arxiv-atom.js';

const fixture = readFileSync('test/fixtures/arxiv-atom.xml', 'utf8');

const errorFeed = `<?xml version="1.0" encoding="UTF-8"?>
<feed xmlns="http://www.w3.org/2005/Atom">
  <title xmlns="http://www.w3.org/2005/Atom">ArXiv Query: search_query=&amp;id_list=1234.12345v&amp;start=0&amp;max_results=10</title>
  <id xmlns="http://www.w3.org/2005/Atom">http://arxiv.org/api/bmq3R9WvBRF0c0yqB4eDJBk3lfk</id>
  <entry>
    <id>http://arxiv.org/api/errors#incorrect_id_format_for_1234.12345v</id>
    <title>Error</title>
    <summary>incorrect id format for 1234.12345v</summary>
    <updated>2025-07-01T00:00:00-04:00</updated>
    <link href="http://arxiv.org/api/errors#incorrect_id_format_for_1234.12345v" rel="alternate" type="text/html"/>
    <author>
      <name>arXiv api core</name>
    </author>
  </entry>
</feed>`;

describe('parseArxivAtom', () => {
  const papers = parseArxivAtom(fixture, 'arxiv.xml');

  test('reads the 10 entries of the fixture', () => {
    expect(papers).toHaveLength(10);
    expect(papers[0]).toEqual({
      arxivId: '1501.05039',
      title: 'Defining Data Science',
      abstract: expect.stringMatching(/^Data science is gaining more and more and widespread attention, but no\nconsensus/),
      authors: ['Yangyong Zhu', 'Yun Xiong'],
      published: '2015-01-21T02:41:55Z',
      pdf: 'http://arxiv.org/pdf/1501.05039v1',
      tags: ['cs.DB', 'cs.CY'],
      location: 'entry 1',
    });
  });

  test('recognises old-style ids and keeps distinct papers with the same title', () => {
    expect(papers.map((paper) => paper.arxivId)).toContain('quant-ph/0210005');
    expect(papers.map((paper) => paper.arxivId)).toContain('physics/0507092');
    const comments = papers.filter((paper) => paper.title === 'Comment: The 2005 Neyman Lecture: Dynamic Indeterminism in Science');
    expect(comments.map((paper) => paper.arxivId)).toEqual(['0808.0631', '0808.0638']);
  });

  test('an arXiv error feed is an error', () => {
    expect(() => parseArxivAtom(errorFeed, 'arxiv.xml')).toThrow(
      'arxiv.xml:entry 1: arXiv API error: incorrect id format for 1234.12345v',
    );
  });

  test('XML that is not an Atom feed, broken XML and an empty file', () => {
    expect(() => parseArxivAtom('<html><body>Service Unavailable</body></html>', 'arxiv.xml')).toThrow(
      'arxiv.xml: expected an Atom <feed> (an arXiv API response), found <html>',
    );
    expect(() => parseArxivAtom('<feed>\n<entry>\n</feed>', 'arxiv.xml')).toThrow(
      /^arxiv\.xml:3: not well-formed XML \(.+\)$/,
    );
    expect(() => parseArxivAtom('', 'arxiv.xml')).toThrow('arxiv.xml: file is empty (expected an arXiv Atom feed)');
  });

  test('an entry without a title names the entry and field', () => {
    const broken = fixture.replace('<title>Defining Data Science</title>', '');
    expect(() => parseArxivAtom(broken, 'arxiv.xml')).toThrow(
      'arxiv.xml:entry 1: field "title": missing (expected a non-empty string)',
    );
  });
});
