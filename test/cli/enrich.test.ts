// `paperbot enrich` from the shell, against the local fake arXiv, at arXiv's own 3-second spacing.
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { startFakeArxiv, type FakeArxiv } from '../fakes/arxiv.js';
import { runBin, scratchDir } from './run-bin.js';

let arxiv: FakeArxiv;
beforeAll(async () => {
  arxiv = await startFakeArxiv();
});
afterAll(async () => {
  await arxiv.stop();
});

const abstract = (topic: string) =>
  `This listing entry stands in for the abstract of a paper about ${topic}, long enough to read as an abstract paragraph in a papers-page listing.`;

test('--check shows what would change; a real run writes the sidecar and the listing then has ids', { timeout: 180_000 }, async () => {
  const cwd = scratchDir();
  const listing = path.join(cwd, 'reading-group.txt');
  writeFileSync(listing, ['Defining Data Science', '', abstract('data science'), '', 'A Paper That arXiv Does Not Have', '', abstract('nothing arXiv knows'), ''].join('\n'));
  const env = { ARXIV_API_URL: arxiv.url, FEED_TIMEOUT_SECONDS: '10' };

  const checked = await runBin(['enrich', '--corpus', listing, '--check', '--json'], { cwd, env });
  expect(checked.code).toBe(0);
  expect(JSON.parse(checked.stdout)).toMatchObject({
    check: true,
    papers: 2,
    matched: [{ title: 'Defining Data Science', id: '1501.05039', published: '2015-01-21' }],
    notFound: ['A Paper That arXiv Does Not Have'],
  });
  expect(existsSync(path.join(cwd, 'reading-group.ids.json'))).toBe(false);

  const run = await runBin(['enrich', '--corpus', listing], { cwd, env });
  expect(run.code).toBe(0);
  expect(run.stdout).toBe(
    [
      'matched    "Defining Data Science" → 1501.05039 (2015-01-21, 2 authors)',
      'not found  "A Paper That arXiv Does Not Have"',
      'reading-group.txt: 2 papers, 2 looked up: matched 1 · completed 0 · not found 1 · ambiguous 0; wrote reading-group.ids.json',
      '',
    ].join('\n'),
  );
  // Not a terminal: a plain line once the lookups (3 s apart) are done, no bar.
  expect(run.stderr).toMatch(/^looking up: 2 papers in \d+\.\d s\n$/);
  expect(JSON.parse(readFileSync(path.join(cwd, 'reading-group.ids.json'), 'utf8'))).toEqual({
    'Defining Data Science': { id: '1501.05039', published: '2015-01-21', authors: ['Yangyong Zhu', 'Yun Xiong'] },
  });

  const shown = await runBin(['show', 'Defining Data Science', '--corpus', listing, '--json'], { cwd, env });
  expect(JSON.parse(shown.stdout)).toMatchObject({ paper: { id: '1501.05039', published: '2015-01-21', url: 'https://arxiv.org/abs/1501.05039' } });
});

test('a JSONL corpus has nothing to enrich: exit 2 and the reason', { timeout: 60_000 }, async () => {
  const cwd = scratchDir();
  const jsonl = path.join(cwd, 'papers.jsonl');
  writeFileSync(jsonl, `${JSON.stringify({ id: '1501.05039', title: 'Defining Data Science', abstract: 'Data science is a science.' })}\n`);
  const run = await runBin(['enrich', '--corpus', jsonl], { cwd, env: { ARXIV_API_URL: arxiv.url } });
  expect(run.code).toBe(2);
  expect(run.stderr).toContain('is jsonl (its records carry their own ids)');
});
