import { readFileSync } from 'node:fs';
import { describe, expect, test } from 'vitest';
import { detectFormat } from '../../src/ingest/detect.js';

const seed = readFileSync('data/papers-listing.txt', 'utf8');
const hf = readFileSync('test/fixtures/hf-daily-papers.json', 'utf8');
const atom = readFileSync('test/fixtures/arxiv-atom.xml', 'utf8');
const jsonl = '{"id": "2503.19267", "title": "T", "abstract": "A"}\n';

describe('detectFormat', () => {
  test('from the extension, confirmed by the content', () => {
    expect(detectFormat('data/papers-listing.txt', seed)).toBe('listing');
    expect(detectFormat('notes.md', seed)).toBe('listing');
    expect(detectFormat('papers.jsonl', jsonl)).toBe('jsonl');
    expect(detectFormat('papers.ndjson', jsonl)).toBe('jsonl');
    expect(detectFormat('daily.json', hf)).toBe('hf-daily');
    expect(detectFormat('daily.json', JSON.stringify({ data: JSON.parse(hf) }))).toBe('hf-daily');
    expect(detectFormat('records.json', `[${jsonl}]`)).toBe('jsonl');
    expect(detectFormat('feed.xml', atom)).toBe('arxiv-atom');
    expect(detectFormat('feed.atom', atom)).toBe('arxiv-atom');
  });

  test('from the content alone when the extension says nothing', () => {
    expect(detectFormat('papers', seed)).toBe('listing');
    expect(detectFormat('dump.data', hf)).toBe('hf-daily');
    expect(detectFormat('export', jsonl)).toBe('jsonl');
    expect(detectFormat('query', atom)).toBe('arxiv-atom');
  });

  test('content that contradicts the extension', () => {
    expect(() => detectFormat('daily.json', seed)).toThrow(
      'daily.json: expected JSON from the file name, but the content is plain text',
    );
    expect(() => detectFormat('papers.txt', jsonl)).toThrow(
      'papers.txt: expected a papers listing from the file name, but the content is JSON',
    );
    expect(() => detectFormat('feed.xml', '<html><body>503</body></html>')).toThrow(
      'feed.xml: expected an arXiv Atom feed from the file name, but the content is XML or HTML but not an Atom feed',
    );
  });

  test('an unknown format and an empty file', () => {
    const supported =
      'expected a papers listing (.txt, .md), JSON lines (.jsonl, .ndjson), a Hugging Face daily-papers response (.json) or an arXiv Atom feed (.xml, .atom)';
    expect(() => detectFormat('page.html', '<!doctype html><html></html>')).toThrow(
      `page.html: unknown format: the content is XML or HTML but not an Atom feed (${supported})`,
    );
    expect(() => detectFormat('paper.pdf', '%PDF-1.7\u0000\u0001')).toThrow(
      `paper.pdf: unknown format: the content is binary (${supported})`,
    );
    expect(() => detectFormat('papers.jsonl', '  \n')).toThrow(`papers.jsonl: file is empty (${supported})`);
  });
});
