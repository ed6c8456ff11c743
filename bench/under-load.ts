/**
 * `npm run bench:load`: paperbot under load, about half an hour on the shared corpus. First a corpus
 * change rebuilt while both bots serve (bench/rebuild.ts: acknowledgements, heartbeats, the event
 * loop and memory during the rebuild), then the load each bot holds (bench/load.ts): one process on
 * SQLite, then two replicas on PostgreSQL, per platform. Prints a table, or one JSON object with --json.
 *   node dist/bench/under-load.js [--corpus PATH]... [--only rebuild|load] [--step-seconds N] [--json]
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { DEFAULT_CORPUS, PROJECT_ROOT } from '../src/config.js';
import { Library } from '../src/library.js';
import { machine, measureLoad, measureReplicaLoad, type LoadResult } from './load.js';
import { CORPUS_QUESTIONS, SEED_QUESTIONS, UNCOVERED_QUESTIONS } from './questions.js';
import { describeRebuild, type RebuildFigures } from './rebuild.js';
import { printRows } from './rows.js';

const SHARED_CORPUS = path.resolve(PROJECT_ROOT, '../shared/corpus/papers.jsonl');

function parseArgs(argv: string[]) {
  const corpus: string[] = [];
  let json = false;
  let only: 'rebuild' | 'load' | undefined;
  let stepSeconds = 30;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') json = true;
    else if (arg === '--corpus') corpus.push(path.resolve(argv[++i] ?? ''));
    else if (arg === '--step-seconds') stepSeconds = Number(argv[++i]);
    else if (arg === '--only' && (argv[i + 1] === 'rebuild' || argv[i + 1] === 'load')) only = argv[++i] as 'rebuild' | 'load';
    else throw new Error(`bench:load: unknown option ${arg} (expected --corpus PATH, --only rebuild|load, --step-seconds N, --json)`);
  }
  if (!(stepSeconds > 0)) throw new Error('bench:load: --step-seconds takes a number of seconds above 0');
  if (corpus.length === 0) corpus.push(existsSync(SHARED_CORPUS) ? SHARED_CORPUS : DEFAULT_CORPUS);
  return { corpus, json, only, stepSeconds };
}

interface LoadFigures {
  machine: string;
  stepSeconds: number;
  /** One process on SQLite. */
  discord: LoadResult;
  slack: LoadResult;
  /** Two replicas on one PostgreSQL. */
  replicas: { discord: LoadResult; slack: LoadResult };
}

/** Each platform in turn, one process and then two replicas, on the same corpus. */
async function loadSection(corpus: string[], cacheDir: string, stepSeconds: number, log: (line: string) => void): Promise<LoadFigures> {
  const questions = (corpus.includes(SHARED_CORPUS) ? [...CORPUS_QUESTIONS, ...UNCOVERED_QUESTIONS] : [...SEED_QUESTIONS, ...UNCOVERED_QUESTIONS]).map((q) => q.question);
  const options = { corpus, cacheDir, questions, stepSeconds, log };
  const discord = await measureLoad('discord', options);
  const slack = await measureLoad('slack', options);
  const replicas = await measureReplicaLoad(options);
  return { machine: machine(), stepSeconds, discord, slack, replicas };
}

function loadRows(load: LoadFigures): Array<[string, string]> {
  const row = (label: string, r: LoadResult): [string, string] => {
    const best = r.steps.filter((s) => s.held && s.rate === r.heldRate).at(-1);
    const compute = Object.entries(r.commandMeanMs).map(([name, ms]) => `${name} ${ms} ms`).join(', ');
    return [
      `${label}: interactions/s held (ack p99 < 3 s, none lost or doubled)`,
      `${r.limitFound ? '' : '≥ '}${r.heldRate}/s${best ? ` (ack p50 / p99 ${best.ackP50Ms} / ${best.ackP99Ms} ms, answer p99 ${best.answerP99Ms} ms)` : ''}; mean compute ${compute}; load average ${r.loadAverage}`,
    ];
  };
  return [
    row('Discord load, one process (SQLite)', load.discord),
    row('Slack load (HTTP), one process (SQLite)', load.slack),
    row('Discord load, two shards on PostgreSQL', load.replicas.discord),
    row('Slack load (HTTP), two replicas on PostgreSQL', load.replicas.slack),
    ['load machine', load.machine],
  ];
}

/** The rebuild-while-serving figures, measured in a process of their own (it holds two indexes at once). */
function rebuildChild(corpus: string[]): RebuildFigures {
  const script = path.join(import.meta.dirname, 'rebuild.js');
  const out = execFileSync(process.execPath, ['--expose-gc', script, '--json', ...corpus.flatMap((c) => ['--corpus', c])], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as RebuildFigures;
}

async function main(): Promise<void> {
  const { corpus, json, only, stepSeconds } = parseArgs(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'paperbot-bench-load-'));
  try {
    log(`corpus: ${corpus.join(', ')}`);
    let rebuild: RebuildFigures | undefined;
    let load: LoadFigures | undefined;
    if (only !== 'load') {
      log('a corpus change rebuilt while both bots serve…');
      rebuild = rebuildChild(corpus);
    }
    if (only !== 'rebuild') {
      // The bots start from the cache, as they would after their first start, not from a fresh build.
      await Library.open({ corpus, cacheDir });
      load = await loadSection(corpus, cacheDir, stepSeconds, log);
    }
    if (json) {
      process.stdout.write(`${JSON.stringify({ corpus: corpus.map((c) => path.relative(PROJECT_ROOT, c)), rebuild, load })}\n`);
      return;
    }
    printRows([...(rebuild ? describeRebuild(rebuild) : []), ...(load ? loadRows(load) : [])]);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:load failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
