/**
 * `npm run bench:answers`: answer quality alone (the full `npm run bench` includes it). Loads the
 * shared corpus and SciFact once and prints every answer figure: the seed and corpus sets, the fresh
 * set's tuning and test halves, SciFact search and ask on one split, and the out-of-scope rates.
 *   node dist/bench/answers.js [--split train|dev] [--misses]
 * `--misses` lists the misses of the tuning sets only: the test half is reported as figures, never
 * question by question, so nobody tunes on it by accident.
 */
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_CORPUS, PROJECT_ROOT } from '../src/config.js';
import { Library } from '../src/library.js';
import { measureAnswers, printAnswers } from './answer-figures.js';
import type { SciFactSplit } from './scifact.js';

const SHARED_CORPUS = path.resolve(PROJECT_ROOT, '../shared/corpus/papers.jsonl');

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  let split: SciFactSplit = 'dev';
  let misses = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--split' && (argv[i + 1] === 'train' || argv[i + 1] === 'dev')) split = argv[++i] as SciFactSplit;
    else if (arg === '--misses') misses = true;
    else throw new Error(`bench:answers: unknown option ${arg} (expected --split train|dev, --misses)`);
  }
  const work = mkdtempSync(path.join(os.tmpdir(), 'paperbot-answers-'));
  const cacheDir = process.env.PAPERBOT_CACHE_DIR ?? path.join(work, 'cache');
  try {
    const seed = await Library.open({ corpus: [DEFAULT_CORPUS], cacheDir: null });
    const corpus = existsSync(SHARED_CORPUS) ? await Library.open({ corpus: [SHARED_CORPUS], cacheDir }) : undefined;
    const figures = await measureAnswers({ seed, corpus, split, work, cacheDir });
    printAnswers(figures, { misses });
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:answers failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
