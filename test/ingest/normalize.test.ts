import { describe, expect, test } from 'vitest';
import { parseArxivId, slugify, titleKey } from '../../src/ingest/ids.js';
import { deriveLinks, findUrls, trimUrl } from '../../src/ingest/links.js';
import { assignIds, mergeDuplicates } from '../../src/ingest/merge.js';
import { cleanText, normalizePaper, toDay } from '../../src/ingest/normalize.js';
import { paperSchema } from '../../src/model/paper.js';

describe('ids', () => {
  test('recognises arXiv ids in their usual spellings and drops the version', () => {
    for (const value of ['2503.19267', '2503.19267v2', 'arXiv:2503.19267', 'https://arxiv.org/abs/2503.19267v1', 'http://arxiv.org/pdf/2503.19267v3.pdf', 'https://huggingface.co/papers/2503.19267']) {
      expect(parseArxivId(value)).toBe('2503.19267');
    }
    expect(parseArxivId('http://arxiv.org/abs/quant-ph/0210005v1')).toBe('quant-ph/0210005');
    expect(parseArxivId('math.gt/0309136')).toBe('math.GT/0309136');
    for (const value of ['cs/0112017', 'cs/0112017v1', 'arXiv:cs/0112017', 'https://arxiv.org/abs/cs/0112017v2', 'arxiv.org/pdf/cs/0112017v1.pdf']) {
      expect(parseArxivId(value)).toBe('cs/0112017');
    }
  });

  test('links as people paste them: HTML versions, no scheme, queries and fragments, hf.co', () => {
    for (const value of [
      'https://arxiv.org/html/2503.19267v2',
      'https://arxiv.org/html/2503.19267v2/#S3',
      'arxiv.org/abs/2503.19267',
      'www.arxiv.org/abs/2503.19267?context=cs.LG',
      'https://export.arxiv.org/abs/2503.19267v1',
      'huggingface.co/papers/2503.19267',
      'https://huggingface.co/papers/2503.19267#community',
      'https://hf.co/papers/2503.19267',
    ]) {
      expect(parseArxivId(value)).toBe('2503.19267');
    }
    for (const value of ['my-paper', '2503.192', '10.1145/3583780', 'http://arxiv.org/api/errors#x', 'https://example.org/abs/2503.19267', 'https://arxiv.org/list/cs.LG']) {
      expect(parseArxivId(value)).toBeUndefined();
    }
  });

  test('slugs are lowercase ascii, at most 60 characters, cut on a hyphen', () => {
    expect(slugify('RT-H: Action Hierarchies Using Language')).toBe('rt-h-action-hierarchies-using-language');
    expect(slugify('Café Über Naïve: Ça va?')).toBe('cafe-uber-naive-ca-va');
    const long = slugify('Sim2Rec: A Simulator-based Decision-making Approach to Optimize Real-World Long-term User Engagement');
    expect(long).toBe('sim2rec-a-simulator-based-decision-making-approach-to');
    expect(long.length).toBeLessThanOrEqual(60);
    expect(slugify('†‡')).toBe('paper');
  });

  test('title keys ignore case, accents, punctuation and spacing', () => {
    expect(titleKey('NeoRL-2: Near Real-World  Benchmarks')).toBe(titleKey('neorl 2 — near real world benchmarks'));
    expect(titleKey('Ｆｕｌｌ width Café')).toBe('fullwidthcafe');
  });
});

describe('links', () => {
  test('trims the punctuation a sentence puts after a URL', () => {
    expect(trimUrl('https://github.com/polixir/NeoRL2.')).toBe('https://github.com/polixir/NeoRL2');
    expect(trimUrl('https://example.org/a_(b))')).toBe('https://example.org/a_(b)');
    expect(trimUrl('https://example.org/x";')).toBe('https://example.org/x');
    expect(findUrls('See (https://rt-hierarchy.github.io), or www.example.org/page: and github.com/a/b.')).toEqual([
      'https://rt-hierarchy.github.io',
      'https://www.example.org/page',
      'https://github.com/a/b',
    ]);
  });

  test('code and project pages come from the record first, then the abstract', () => {
    const links = deriveLinks({
      arxivId: '2503.02924',
      title: 'Diverse Controllable Diffusion Policy with Signal Temporal Logic',
      abstract: 'Code is at https://github.com/mengyuest/pSTL-diffusion-policy. Videos: https://sites.google.com/view/x.',
    });
    expect(links).toEqual({
      arxiv: 'https://arxiv.org/abs/2503.02924',
      pdf: 'https://arxiv.org/pdf/2503.02924',
      huggingface: 'https://huggingface.co/papers/2503.02924',
      code: 'https://github.com/mengyuest/pSTL-diffusion-policy',
      project: 'https://sites.google.com/view/x',
    });
    expect(deriveLinks({ title: 'T', abstract: 'see https://github.com/x/y', github: 'https://github.com/a/b' }).code).toBe(
      'https://github.com/a/b',
    );
  });

  test('old-style ids have no Hugging Face page; unknown ids get title searches', () => {
    expect(deriveLinks({ arxivId: 'quant-ph/0210005', title: 'Q', abstract: 'x' })).toEqual({
      arxiv: 'https://arxiv.org/abs/quant-ph/0210005',
      pdf: 'https://arxiv.org/pdf/quant-ph/0210005',
    });
    expect(deriveLinks({ title: 'RT-H: Action Hierarchies Using Language', abstract: 'x' })).toEqual({
      arxivSearch: 'https://arxiv.org/search/?query=RT-H%3A%20Action%20Hierarchies%20Using%20Language&searchtype=title',
      huggingfaceSearch: 'https://huggingface.co/papers?q=RT-H%3A%20Action%20Hierarchies%20Using%20Language',
    });
  });
});

describe('normalizePaper', () => {
  test('cleans whitespace, keeps the day, and produces a valid Paper', () => {
    const paper = normalizePaper(
      {
        id: 'arXiv:2506.23044v2',
        title: '  Ovis-U1\nTechnical   Report ',
        abstract: 'Best viewed on https://zhongwen.one/projects/portal .\nMore text .',
        authors: [' Guo-Hua  Wang', '', 'Guo-Hua Wang'],
        published: '2025-06-29T00:40:17.000Z',
        upvotes: 26,
        location: 'entry 1',
      },
      'hf.json',
    );
    expect(paper).toEqual({
      id: '2506.23044',
      arxivId: '2506.23044',
      title: 'Ovis-U1 Technical Report',
      abstract: 'Best viewed on https://zhongwen.one/projects/portal. More text.',
      authors: ['Guo-Hua Wang'],
      published: '2025-06-29',
      upvotes: 26,
      tags: [],
      links: {
        arxiv: 'https://arxiv.org/abs/2506.23044',
        pdf: 'https://arxiv.org/pdf/2506.23044',
        huggingface: 'https://huggingface.co/papers/2506.23044',
        project: 'https://zhongwen.one/projects/portal',
      },
      source: 'hf.json:entry 1',
    });
    expect(paperSchema.parse(paper)).toEqual(paper);
  });

  test('dates and text helpers', () => {
    expect(toDay('2025-02-28')).toBe('2025-02-28');
    expect(toDay('2024-02-30')).toBeUndefined();
    expect(toDay('2025-13-01T00:00:00Z')).toBeUndefined();
    expect(cleanText(' a\t b , c .\n')).toBe('a b, c.');
    expect(cleanText('built on .NET and 1 .5 ms')).toBe('built on .NET and 1 .5 ms');
  });
});

describe('merging duplicates', () => {
  const paper = (fields: Record<string, unknown>, location: string) =>
    normalizePaper({ title: 'A Paper', abstract: 'Short.', location, ...fields }, 'f.jsonl');

  test('same arXiv id or same title become one paper with the best of both', () => {
    const merged = mergeDuplicates([
      paper({ title: 'NeoRL-2: Near Real-World Benchmarks', abstract: 'Short abstract.', upvotes: 3, published: '2025-03-26', tags: ['a'] }, 'line 1'),
      paper({ id: '2503.19267', title: 'NeoRL 2 near real world benchmarks', abstract: 'A longer abstract with https://github.com/polixir/NeoRL2.', authors: ['Songyi Gao'], upvotes: 9, published: '2025-03-25', tags: ['b'] }, 'line 2'),
      paper({ id: '2503.19267v2', title: 'Renamed in v2', abstract: 'x' }, 'line 3'),
    ]);
    expect(merged).toEqual([
      {
        id: '2503.19267',
        arxivId: '2503.19267',
        title: 'NeoRL-2: Near Real-World Benchmarks',
        abstract: 'A longer abstract with https://github.com/polixir/NeoRL2.',
        authors: ['Songyi Gao'],
        published: '2025-03-25',
        upvotes: 9,
        tags: ['a', 'b'],
        links: {
          arxiv: 'https://arxiv.org/abs/2503.19267',
          pdf: 'https://arxiv.org/pdf/2503.19267',
          huggingface: 'https://huggingface.co/papers/2503.19267',
          code: 'https://github.com/polixir/NeoRL2',
        },
        source: 'f.jsonl:1',
      },
    ]);
  });

  test('different arXiv ids with the same title stay apart', () => {
    const merged = mergeDuplicates([paper({ id: '0808.0631' }, 'line 1'), paper({ id: '0808.0638' }, 'line 2')]);
    expect(merged.map((each) => each.id)).toEqual(['0808.0631', '0808.0638']);
  });

  test('slug ids are made unique in corpus order', () => {
    const ids = assignIds([
      paper({ title: 'Policy Smoothing!' }, 'line 1'),
      paper({ title: 'Policy smoothing?', id: 'policy-smoothing' }, 'line 2'),
      paper({ title: 'Policy—Smoothing' }, 'line 3'),
    ]).map((each) => each.id);
    expect(ids).toEqual(['policy-smoothing', 'policy-smoothing-2', 'policy-smoothing-3']);
  });
});
