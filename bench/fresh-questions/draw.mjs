#!/usr/bin/env node
/**
 * Reproduces the draw behind a question set: every record of the shared corpus, shuffled by a
 * seeded PRNG (mulberry32, the set's `seed`), printed in drawn order. Questions were written for the
 * papers in this order; a paper that gave no good question is listed under `skipped` in the set.
 *
 *   node bench/fresh-questions/draw.mjs [count] [--from N] [--json] [--set FILE | --seed N]
 *
 * count defaults to 300; --from skips the first N drawn papers; --json prints one record per line.
 * --set takes the seed from a set file (default questions.json, seed 20250917); --seed gives it outright,
 * for drawing before the set file exists.
 * The corpus path defaults to ../shared/corpus/papers.jsonl beside the project root; PAPERBOT_CORPUS overrides it.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/** The seed of the first set (questions.json); later sets carry their own seed in their file. */
export const SEED = 20250917;

const HERE = path.dirname(fileURLToPath(import.meta.url));
export const CORPUS = process.env.PAPERBOT_CORPUS ?? path.resolve(HERE, '../../../shared/corpus/papers.jsonl');
export const DEFAULT_SET = path.join(HERE, 'questions.json');

/** mulberry32: a tiny 32-bit PRNG, enough to make an order anybody can recompute. */
export function mulberry32(seed) {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function loadCorpus(file = CORPUS) {
  return readFileSync(file, 'utf8')
    .split('\n')
    .filter((line) => line.trim() !== '')
    .map((line, i) => {
      try {
        return JSON.parse(line);
      } catch (error) {
        throw new Error(`${file}:${i + 1}: not JSON (${error.message})`);
      }
    });
}

/** A set file's parsed content; its `seed` must be a non-negative 32-bit integer, since it drives the draw. */
export function loadSet(file = DEFAULT_SET) {
  let data;
  try {
    data = JSON.parse(readFileSync(file, 'utf8'));
  } catch (error) {
    throw new Error(`${file}: cannot read the set (${error.message})`);
  }
  if (!Number.isInteger(data.seed) || data.seed < 0 || data.seed > 0xffffffff) {
    throw new Error(`${file}: "seed" must be a non-negative 32-bit integer, is ${JSON.stringify(data.seed)}`);
  }
  return data;
}

/** Fisher-Yates over the file order (sorted by date, then id), driven by mulberry32(seed). */
export function drawOrder(records, seed = SEED) {
  const random = mulberry32(seed);
  const order = records.slice();
  for (let i = order.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [order[i], order[j]] = [order[j], order[i]];
  }
  return order;
}

const USAGE = 'usage: draw.mjs [count] [--from N] [--json] [--set FILE | --seed N]';

function main(argv) {
  let count = 300;
  let from = 0;
  let json = false;
  let setFile;
  let seed;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) throw new Error(`draw.mjs: ${arg} needs a value (${USAGE})`);
      return argv[++i];
    };
    if (arg === '--json') json = true;
    else if (arg === '--from') from = Number(value());
    else if (arg === '--set') setFile = value();
    else if (arg === '--seed') seed = Number(value());
    else if (/^\d+$/.test(arg)) count = Number(arg);
    else throw new Error(`draw.mjs: unknown argument "${arg}" (${USAGE})`);
  }
  if (!Number.isInteger(from) || from < 0) throw new Error('draw.mjs: --from needs a non-negative integer');
  if (setFile !== undefined && seed !== undefined) throw new Error(`draw.mjs: give --set or --seed, not both (${USAGE})`);
  if (seed !== undefined && (!Number.isInteger(seed) || seed < 0 || seed > 0xffffffff)) {
    throw new Error('draw.mjs: --seed needs a non-negative 32-bit integer');
  }
  const drawSeed = seed ?? loadSet(setFile ?? DEFAULT_SET).seed;
  const drawn = drawOrder(loadCorpus(), drawSeed).slice(from, from + count);
  drawn.forEach((paper, k) => {
    const draw = from + k + 1;
    if (json) {
      console.log(JSON.stringify({ draw, id: paper.id, title: paper.title, abstract: paper.abstract }));
    } else {
      console.log(`#${draw} ${paper.id} (${paper.published})\n${paper.title}\n${paper.abstract}\n`);
    }
  });
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  try {
    main(process.argv.slice(2));
  } catch (error) {
    console.error(error.message);
    process.exit(1);
  }
}
