// `paperbot add` and `paperbot remove` from the shell: the built binary, a scratch database (SQLite or
// PostgreSQL) and the local fake arXiv. Each run is a new process, so what the next one sees is what
// survives a restart.
import { existsSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { startFakeArxiv, type FakeArxiv } from '../fakes/arxiv.js';
import { BACKENDS, databaseEnv, type Backend } from '../support/databases.js';
import { freePort } from '../support/net.js';
import { runBin, scratchDir } from './run-bin.js';

let arxiv: FakeArxiv;
beforeAll(async () => {
  arxiv = await startFakeArxiv();
});
afterAll(async () => {
  await arxiv.stop();
});

function json(stdout: string): Record<string, unknown> {
  const lines = stdout.trim().split('\n');
  expect(lines).toHaveLength(1);
  return JSON.parse(lines[0] ?? '') as Record<string, unknown>;
}

describe.each(BACKENDS)('on %s', (backend: Backend) => {
  test('add, then every later command lists the paper; remove takes it off; plain commands never create a SQLite file', { timeout: 180_000 }, async () => {
    const cwd = scratchDir();
    const env = { ARXIV_API_URL: arxiv.url, FEED_TIMEOUT_SECONDS: '2', ...(backend === 'postgres' ? await databaseEnv(backend) : {}) };
    const search = await runBin(['search', 'datanature', '--json'], { cwd, env });
    expect(json(search.stdout).total).toBe(0);
    expect(search.stderr).not.toContain('could not read');
    expect(existsSync(path.join(cwd, 'paperbot.db'))).toBe(false);

    const added = await runBin(['add', 'https://arxiv.org/abs/1501.05039v1', '--json'], { cwd, env });
    expect(added.code).toBe(0);
    expect(json(added.stdout)).toMatchObject({ action: 'added', paper: { id: '1501.05039', title: 'Defining Data Science' } });
    expect(arxiv.requests.at(-1)?.query.get('id_list')).toBe('1501.05039');

    const shown = await runBin(['show', '1501.05039', '--json'], { cwd, env });
    expect(json(shown.stdout)).toMatchObject({ paper: { id: '1501.05039', authors: ['Yangyong Zhu', 'Yun Xiong'] } });
    expect(json((await runBin(['stats', '--json'], { cwd, env })).stdout)).toMatchObject({ papers: 51, fromChat: 1 });
    const text = await runBin(['stats'], { cwd, env });
    expect(text.stdout).toContain('added from chat:  1');

    const again = await runBin(['add', '1501.05039'], { cwd, env });
    expect(again.stdout).toMatch(/^“Defining Data Science” is already on the list \(added from chat\)\.\n\nDefining Data Science\n/);

    const corpusPaper = await runBin(['remove', '2503.19267', '--json'], { cwd, env });
    expect(corpusPaper.code).toBe(1);
    expect(json(corpusPaper.stdout)).toMatchObject({ error: { code: 'forbidden', message: expect.stringContaining('comes from the corpus file papers-listing.txt') } });

    const removed = await runBin(['remove', 'Defining Data Science'], { cwd, env });
    expect(removed.stdout).toBe('Removed “Defining Data Science” (1501.05039) from the list.\n');
    expect(json((await runBin(['stats', '--json'], { cwd, env })).stdout)).toMatchObject({ papers: 50, fromChat: 0 });
  });
});

test('arXiv failing: a clear error on stderr, exit 1, nothing stored', { timeout: 60_000 }, async () => {
  const cwd = scratchDir();
  arxiv.mode = '500';
  try {
    const run = await runBin(['add', '1501.05039'], { cwd, env: { ARXIV_API_URL: arxiv.url, FEED_TIMEOUT_SECONDS: '2' } });
    expect(run.code).toBe(1);
    expect(run.stdout).toBe('');
    expect(run.stderr).toMatch(/^arXiv did not answer \(HTTP 500 Internal Server Error \(gave up after 2 attempts\)\); nothing was changed, try again later\n$/);
  } finally {
    arxiv.mode = 'ok';
  }
  const stats = await runBin(['stats', '--json'], { cwd });
  expect(json(stats.stdout)).toMatchObject({ fromChat: 0 });
});

test('PostgreSQL not answering: plain commands answer from the corpus files with a warning; add says why it cannot', { timeout: 60_000 }, async () => {
  const env = { DATABASE_URL: `postgres://paperbot:hunter2@127.0.0.1:${await freePort()}/paperbot`, ARXIV_API_URL: arxiv.url };
  const search = await runBin(['search', 'NeoRL-2', '--json'], { env });
  expect(search.code).toBe(0);
  expect((json(search.stdout).results as Array<{ id: string }>)[0]?.id).toBe('2503.19267');
  expect(search.stderr).toContain('could not read the papers stored in the database; listing the corpus files only');
  expect(search.stderr).toContain('connection refused');
  expect(search.stderr).not.toContain('hunter2');
  const add = await runBin(['add', '1501.05039'], { env });
  expect(add.code).toBe(1);
  expect(add.stderr).toMatch(/database: cannot use PostgreSQL at 127\.0\.0\.1:\d+ \(database "paperbot"\): connection refused/);
  expect(add.stderr).not.toContain('hunter2');
});
