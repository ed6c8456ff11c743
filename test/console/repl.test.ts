import { copyFileSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { expect, test } from 'vitest';
import { SEED, scratchDir, session, spawnBin } from '../cli/run-bin.js';

const PROMPT = 'paperbot> ';

test('the console answers search, a bare question, help, survives bad input, and quits', async () => {
  const repl = session(spawnBin(['start']));
  await repl.waitFor(PROMPT);

  let from = repl.mark();
  repl.send('search offline reinforcement learning --limit 2');
  const search = await repl.waitFor(PROMPT, from);
  expect(search).toMatch(/mention some of the words "offline reinforcement learning", best matches first \(showing 1-2\)/);
  expect(search).toMatch(/^2\. /m);

  from = repl.mark();
  repl.send('how many datasets does NeoRL-2 contain?');
  const answer = await repl.waitFor(PROMPT, from);
  expect(answer).toContain('7 datasets');
  expect(answer).toContain('[1] NeoRL-2');

  // A follow-up without a subject of its own is asked of the previous answer's paper.
  from = repl.mark();
  repl.send('who wrote it?');
  expect(await repl.waitFor(PROMPT, from)).toContain('Songyi Gao');

  from = repl.mark();
  repl.send('search diffusion --limit abc');
  expect(await repl.waitFor(PROMPT, from)).toContain('search: option "limit" expected a whole number');

  from = repl.mark();
  repl.send('show "unclosed quote');
  expect(await repl.waitFor(PROMPT, from)).toContain('No paper matches');

  from = repl.mark();
  repl.send('help');
  const help = await repl.waitFor(PROMPT, from);
  expect(help).toContain('search [query]');
  expect(help).toContain('reload');

  repl.send('quit');
  expect(await repl.exited).toBe(0);
  expect(repl.stderr).toBe('');
});

test('reload picks up a changed corpus, and a broken one keeps the papers that are serving', async () => {
  const dir = scratchDir();
  const corpus = path.join(dir, 'papers.txt');
  copyFileSync(SEED, corpus);
  const repl = session(spawnBin(['start', '--corpus', corpus], { cwd: dir }));
  await repl.waitFor(PROMPT);

  // The listing minus its last paper (title, blank line, abstract).
  const lines = readFileSync(SEED, 'utf8').trimEnd().split('\n');
  const fewer = lines.slice(0, -3).join('\n').trimEnd();
  writeFileSync(corpus, `${fewer}\n`);
  let from = repl.mark();
  repl.send('reload');
  expect(await repl.waitFor(PROMPT, from)).toContain('Reloaded 49 papers');

  const orphan = 'A Title Whose Abstract Went Missing';
  writeFileSync(corpus, `${fewer}\n\n${orphan}\n`);
  from = repl.mark();
  repl.send('reload');
  const failed = await repl.waitFor(PROMPT, from);
  expect(failed).toContain('Reload failed; still serving the previous 49 papers.');
  expect(failed).toMatch(new RegExp(`${corpus.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}:\\d+: title "${orphan}" has no abstract`));

  from = repl.mark();
  repl.send('stats');
  expect(await repl.waitFor(PROMPT, from)).toContain('49 papers');

  repl.send('exit');
  expect(await repl.exited).toBe(0);
});

test('Ctrl-D (end of input) leaves the console cleanly', async () => {
  const child = spawnBin([]);
  const repl = session(child);
  await repl.waitFor(PROMPT);
  child.stdin.end();
  expect(await repl.exited).toBe(0);
});
