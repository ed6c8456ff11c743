import { copyFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, test } from 'vitest';
import { hashCorpusFiles, loadCorpus, parsePapers } from '../../src/ingest/load.js';
import { paperSchema } from '../../src/model/paper.js';

const SEED = 'data/papers-listing.txt';
const HF = 'test/fixtures/hf-daily-papers.json';
const ATOM = 'test/fixtures/arxiv-atom.xml';

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'paperbot-ingest-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadCorpus on the bundled seed', () => {
  test('50 valid papers; the 12 with known ids get direct links, the rest title searches', async () => {
    const corpus = await loadCorpus([SEED]);
    expect(corpus.papers).toHaveLength(50);
    expect(corpus.sources).toEqual([{ file: SEED, format: 'listing', papers: 50 }]);
    for (const paper of corpus.papers) paperSchema.parse(paper);
    expect(new Set(corpus.papers.map((paper) => paper.id)).size).toBe(50);

    const known = corpus.papers.filter((paper) => paper.arxivId);
    expect(known).toHaveLength(12);
    const neorl = corpus.papers.find((paper) => paper.title.startsWith('NeoRL-2'));
    expect(neorl).toMatchObject({
      id: '2503.19267',
      source: 'data/papers-listing.txt:111',
      links: {
        arxiv: 'https://arxiv.org/abs/2503.19267',
        pdf: 'https://arxiv.org/pdf/2503.19267',
        huggingface: 'https://huggingface.co/papers/2503.19267',
        code: 'https://github.com/polixir/NeoRL2',
      },
    });
    expect(neorl?.abstract).toContain('7 datasets from 7 simulated tasks');
    expect(neorl?.links.arxivSearch).toBeUndefined();

    const prdc = corpus.papers.find((paper) => paper.title.startsWith('Policy Regularization with Dataset Constraint'));
    expect(prdc?.id).toBe('policy-regularization-with-dataset-constraint-for-offline');
    expect(prdc?.links).toEqual({
      code: 'https://github.com/LAMDA-RL/PRDC',
      arxivSearch:
        'https://arxiv.org/search/?query=Policy%20Regularization%20with%20Dataset%20Constraint%20for%20Offline%20Reinforcement%20Learning&searchtype=title',
      huggingfaceSearch:
        'https://huggingface.co/papers?q=Policy%20Regularization%20with%20Dataset%20Constraint%20for%20Offline%20Reinforcement%20Learning',
    });
  });

  test('URLs at the end of seed sentences lose their punctuation', async () => {
    const { papers } = await loadCorpus([SEED]);
    const linkOf = (start: string) => papers.find((paper) => paper.title.startsWith(start))?.links;
    expect(linkOf('Optimus-2')?.project).toBe('https://cybertronagent.github.io/Optimus-2.github.io/');
    expect(linkOf('Uni-O4')?.project).toBe('https://lei-kun.github.io/uni-o4/');
    expect(linkOf('Agents Play Thousands')?.project).toBe('https://zhongwen.one/projects/portal');
    expect(linkOf('RT-H')?.project).toBe('https://rt-hierarchy.github.io');
    expect(linkOf('Harnessing Mixed Offline')?.code).toBe('https://github.com/Improbable-AI/harness-offline-rl');
    const allLinks = papers.flatMap((paper) => [paper.links.code, paper.links.project]).filter(Boolean);
    expect(allLinks).toHaveLength(16);
    expect(allLinks.filter((url) => /[.,;:)]$/.test(url ?? ''))).toEqual([]);
  });
});

describe('loadCorpus across files', () => {
  test('merges a paper listed in two files, keeping the best of both', async () => {
    const jsonl = join(dir, 'extra.jsonl');
    await writeFile(
      jsonl,
      `${JSON.stringify({
        id: 'arXiv:2503.19267v2',
        title: 'NeoRL-2: Near Real-World Benchmarks for Offline Reinforcement Learning with Extended Realistic Scenarios',
        abstract: 'Short.',
        authors: 'Songyi Gao, Zuolin Tu',
        published: '2025-03-25',
        upvotes: 4,
      })}\n${JSON.stringify({ id: '2506.23044', title: 'Ovis-U1 Technical Report', abstract: 'Short.', upvotes: 99 })}\n`,
    );
    const corpus = await loadCorpus([SEED, HF, jsonl]);
    expect(corpus.sources).toEqual([
      { file: SEED, format: 'listing', papers: 50 },
      { file: HF, format: 'hf-daily', papers: 14 },
      { file: jsonl, format: 'jsonl', papers: 2 },
    ]);
    expect(corpus.papers).toHaveLength(64);
    const neorl = corpus.papers.find((paper) => paper.id === '2503.19267');
    // The first file's authors are kept: the listing's sidecar names all six, the JSONL record two.
    expect(neorl).toMatchObject({ upvotes: 4, published: '2025-03-25', source: 'data/papers-listing.txt:111' });
    expect(neorl?.authors.slice(0, 2)).toEqual(['Songyi Gao', 'Zuolin Tu']);
    expect(neorl?.authors).toHaveLength(6);
    expect(neorl?.abstract).toContain('7 datasets');
    const ovis = corpus.papers.filter((paper) => paper.title === 'Ovis-U1 Technical Report');
    expect(ovis).toHaveLength(1);
    expect(ovis[0]).toMatchObject({ upvotes: 99, links: { code: 'https://github.com/AIDC-AI/Ovis-U1' } });
    expect(ovis[0]?.authors).toHaveLength(12);
  });

  test('a listing without a sidecar falls back to title searches; a sidecar beside a copy applies', async () => {
    const listing = join(dir, 'list.txt');
    await copyFile(SEED, listing);
    const bare = await loadCorpus([listing]);
    expect(bare.papers.filter((paper) => paper.arxivId)).toHaveLength(0);
    expect(bare.papers[0]?.source).toBe(`${listing}:11`);
    await writeFile(join(dir, 'list.ids.json'), JSON.stringify({ 'AI Agent Behavioral Science': 'arXiv:2506.06366v1' }));
    const mapped = await loadCorpus([listing]);
    expect(mapped.papers.filter((paper) => paper.arxivId).map((paper) => paper.id)).toEqual(['2506.06366']);
    expect(mapped.hash).not.toBe(bare.hash);
  });

  test('the Atom fixture loads with old-style ids', async () => {
    const corpus = await loadCorpus([ATOM]);
    expect(corpus.papers).toHaveLength(10);
    expect(corpus.papers.find((paper) => paper.id === 'quant-ph/0210005')?.links).toEqual({
      arxiv: 'https://arxiv.org/abs/quant-ph/0210005',
      pdf: 'https://arxiv.org/pdf/quant-ph/0210005',
    });
  });
});

describe('the corpus hash', () => {
  test('is the loader hash, and changes with content and order', async () => {
    const corpus = await loadCorpus([SEED, HF]);
    expect(await hashCorpusFiles([SEED, HF])).toBe(corpus.hash);
    expect(corpus.hash).toMatch(/^[0-9a-f]{16}$/);
    expect(await hashCorpusFiles([HF, SEED])).not.toBe(corpus.hash);
    const copy = join(dir, 'hf.json');
    await writeFile(copy, (await readFile(HF, 'utf8')).replace('"upvotes": 26', '"upvotes": 27'));
    expect(await hashCorpusFiles([SEED, copy])).not.toBe(await hashCorpusFiles([SEED, HF]));
  });
});

describe('loadCorpus errors', () => {
  test('a missing file', async () => {
    await expect(loadCorpus([SEED, 'nowhere/papers.jsonl'])).rejects.toThrow('nowhere/papers.jsonl: file not found');
    await expect(hashCorpusFiles(['nowhere.txt'])).rejects.toThrow('nowhere.txt: file not found');
  });

  test('a directory', async () => {
    await expect(loadCorpus([dir])).rejects.toThrow(`${dir}: is a directory, not a file`);
  });

  test('a broken sidecar names the sidecar', async () => {
    const listing = join(dir, 'list.txt');
    await copyFile(SEED, listing);
    const sidecar = join(dir, 'list.ids.json');
    await writeFile(sidecar, '{"AI Agent Behavioral Science": ');
    await expect(loadCorpus([listing])).rejects.toThrow(new RegExp(`^${sidecar}: invalid JSON \\(.+\\)$`));
    await writeFile(sidecar, '["2506.06366"]');
    await expect(loadCorpus([listing])).rejects.toThrow(
      `${sidecar}: expected a JSON object mapping exact paper titles to arXiv ids`,
    );
    await writeFile(sidecar, '{"AI Agent Behavioral Science": "soon"}');
    await expect(loadCorpus([listing])).rejects.toThrow(
      `${sidecar}:title "AI Agent Behavioral Science": expected an arXiv id such as "2503.19267", got "soon"`,
    );
  });

  test('a parse error names the file as given', async () => {
    const bad = join(dir, 'bad.jsonl');
    await writeFile(bad, '{"id": "1", "title": "T", "abstract": "A"}\n{"id": 2}\n');
    await expect(loadCorpus([bad])).rejects.toThrow(`${bad}:2: field "id": expected a non-empty string, got 2`);
  });
});

describe('parsePapers', () => {
  test('parses one in-memory feed response', async () => {
    const papers = parsePapers(await readFile(HF, 'utf8'), 'https://huggingface.co/api/daily_papers', 'hf-daily');
    expect(papers).toHaveLength(14);
    expect(papers[0]?.source).toBe('https://huggingface.co/api/daily_papers:entry 1');
    expect(parsePapers(await readFile(ATOM, 'utf8'), 'arxiv.atom').map((paper) => paper.id)).toContain('quant-ph/0210005');
  });
});
