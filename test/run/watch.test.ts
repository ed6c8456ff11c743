// Edited corpus files are picked up while serving: a watched change (debounced) or SIGHUP rebuilds;
// a broken file keeps the serving index and logs which file and line broke it.
import { appendFileSync, copyFileSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { afterEach, beforeEach, expect, test } from 'vitest';
import { plain } from '../../adapters/console/render.js';
import { run } from '../../adapters/run.js';
import { loadConfig } from '../../src/config.js';
import { Library } from '../../src/library.js';
import { watchCorpus, type CorpusWatcher } from '../../src/reload/watch.js';
import { SEED } from '../core/seed.js';
import { memoryLogger, until } from '../digest/helpers.js';
import { eventEnvelope, mentionEvent, startFakeSlack, TEST_APP_TOKEN, TEST_BOT_TOKEN, type FakeSlack } from '../fakes/slack.js';

const NEW_PAPER = '\n\nLandmark Navigation in Quokkas\n\nWe study how quokkas find their way between burrows using visual landmarks, and release a dataset of 1,200 annotated quokka trajectories.\n';

let dir: string;
let corpus: string;
let watcher: CorpusWatcher | undefined;
beforeEach(() => {
  dir = mkdtempSync(path.join(os.tmpdir(), 'paperbot-watch-'));
  corpus = path.join(dir, 'papers.txt');
  copyFileSync(SEED, corpus);
});
afterEach(() => {
  watcher?.close();
  rmSync(dir, { recursive: true, force: true });
});

test('an edited file is rebuilt once after a burst of writes, and the new paper is served', { timeout: 60_000 }, async () => {
  const library = await Library.open({ corpus: [corpus], cacheDir: null });
  const { logger, lines } = memoryLogger();
  watcher = watchCorpus({ files: [corpus], reload: () => library.reload(), logger, debounceMs: 200 });
  // An editor saving in pieces: three writes in a row make one rebuild.
  appendFileSync(corpus, NEW_PAPER.slice(0, 20));
  appendFileSync(corpus, NEW_PAPER.slice(20, 60));
  appendFileSync(corpus, NEW_PAPER.slice(60));
  await until(() => lines().some((l) => l.msg === 'corpus: new index serving'), 30_000);
  expect(library.show('Landmark Navigation in Quokkas').paper).not.toBeNull();
  expect(lines().filter((l) => String(l.msg).startsWith('corpus: rebuilding'))).toHaveLength(1);
  expect(lines().find((l) => l.msg === 'corpus: new index serving')).toMatchObject({ papers: 51, reason: `${corpus} changed` });
});

test('a broken file keeps the serving index and the log names the file and line; the sidecar is watched too', { timeout: 60_000 }, async () => {
  const library = await Library.open({ corpus: [corpus], cacheDir: null });
  const { logger, lines } = memoryLogger();
  watcher = watchCorpus({ files: [corpus], reload: () => library.reload(), logger, debounceMs: 100 });
  appendFileSync(corpus, '\n\nA Title Without Any Abstract\n');
  await until(() => lines().some((l) => l.msg === 'corpus: rebuild failed; still serving the previous index'), 30_000);
  const failure = lines().find((l) => l.level === 50);
  expect(failure).toMatchObject({ file: corpus, line: expect.stringMatching(/^\d+$/) });
  expect(String(failure?.err)).toContain('title "A Title Without Any Abstract" has no abstract');
  expect(library.stats().papers).toBe(50);

  copyFileSync(SEED, corpus);
  writeFileSync(path.join(dir, 'papers.ids.json'), JSON.stringify({ 'Policy Regularization with Dataset Constraint for Offline Reinforcement Learning': '2306.06569' }));
  await until(() => library.getPaper('2306.06569') !== undefined, 30_000);
  expect(library.stats().withArxivId).toBe(1);
});

test('SIGHUP rebuilds the running bot; unchanged files keep the index', { timeout: 60_000 }, async () => {
  const fake: FakeSlack = await startFakeSlack();
  const { logger, lines } = memoryLogger();
  let stop: (signal: string) => void = () => undefined;
  const running = run({
    config: loadConfig(
      {
        SLACK_BOT_TOKEN: TEST_BOT_TOKEN,
        SLACK_APP_TOKEN: TEST_APP_TOKEN,
        SLACK_API_URL: fake.apiUrl,
        PAPERBOT_CACHE_DIR: path.join(dir, 'cache'),
        DATABASE_PATH: path.join(dir, 'paperbot.db'),
        HIGHLIGHTS_ENABLED: 'false',
        CORPUS_WATCH: 'false',
      },
      [corpus],
    ),
    logger,
    console: { input: new PassThrough(), output: new PassThrough(), terminal: false, style: plain },
    stopSignal: new Promise<string>((resolve) => (stop = resolve)),
  });
  try {
    await fake.socketConnected(20_000);
    process.emit('SIGHUP');
    await until(() => lines().some((l) => l.msg === 'corpus: files unchanged; index kept'), 30_000);

    appendFileSync(corpus, NEW_PAPER);
    process.emit('SIGHUP');
    await until(() => lines().some((l) => l.msg === 'corpus: new index serving'), 30_000);
    await fake.pushEnvelope('events_api', eventEnvelope(mentionEvent('show Landmark Navigation in Quokkas')));
    const answer = await fake.waitFor(() => fake.posted().find((m) => m.text?.includes('Landmark Navigation in Quokkas')));
    expect(answer.channel).toBe('C0GENERAL');
    // The bots log the rebuild's milestones: the files read again, the one new paper applied to the index serving.
    expect(lines().some((l) => l.msg === 'index: parsing done' && l.total === 51)).toBe(true);
    expect(lines().some((l) => l.msg === 'index: applying changes done' && l.total === 1)).toBe(true);
  } finally {
    stop('SIGTERM');
    await running;
    await fake.stop();
  }
});
