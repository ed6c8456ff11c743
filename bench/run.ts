/**
 * `npm run bench`: speed, memory and quality on the shared corpus (or the seed when it is absent),
 * each compared in the same run with a bare minisearch index built with default options, and the
 * load one bot process holds. Prints a table, or one JSON object with --json. Options: --corpus PATH
 * (repeatable), --queries N (per kind), --only load (the load section alone), --step-seconds N (load).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { PROJECT_ROOT, DEFAULT_CORPUS } from '../src/config.js';
import { Library } from '../src/library.js';
import { answerRows, measureAnswers, printMisses, type AnswerFigures } from './answer-figures.js';
import { loadFreshQuestions } from './fresh-set.js';
import { checkerRows, measureChecker, type CheckerBench } from './checker.js';
import { measureDiscordRoundTrip } from './discord-roundtrip.js';
import { describeRebuild, type RebuildFigures } from './rebuild.js';
import { knownItemQueries, scoreQuality, type QualityRow } from './known-item.js';
import { machine, measureLoad, measureReplicaLoad, type LoadResult } from './load.js';
import { CORPUS_QUESTIONS, SEED_QUESTIONS, UNCOVERED_QUESTIONS } from './questions.js';
import { measureSlackRoundTrip } from './slack-roundtrip.js';
import { mean, percentile, round } from './stats.js';

const SHARED_CORPUS = path.resolve(PROJECT_ROOT, '../shared/corpus/papers.jsonl');

function parseArgs(argv: string[]) {
  const corpus: string[] = [];
  let json = false;
  let perKind = 500;
  let only: 'load' | undefined;
  let stepSeconds = 30;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') json = true;
    else if (arg === '--corpus') corpus.push(path.resolve(argv[++i] ?? ''));
    else if (arg === '--queries') perKind = Number(argv[++i]);
    else if (arg === '--step-seconds') stepSeconds = Number(argv[++i]);
    else if (arg === '--only' && argv[i + 1] === 'load') only = argv[++i] as 'load';
    else throw new Error(`bench: unknown option ${arg} (expected --corpus PATH, --queries N, --only load, --step-seconds N, --json)`);
  }
  if (!(stepSeconds > 0)) throw new Error('bench: --step-seconds takes a number of seconds above 0');
  if (corpus.length === 0) corpus.push(existsSync(SHARED_CORPUS) ? SHARED_CORPUS : DEFAULT_CORPUS);
  return { corpus, json, perKind, only, stepSeconds };
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

/** The load section: each platform in turn, one process and then two replicas, on the same corpus. */
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

interface Child {
  papers: number;
  fromCache: boolean;
  ms: number;
  rssMb: number;
}

function child(args: string[]): Child {
  const script = path.join(import.meta.dirname, 'memory-child.js');
  const out = execFileSync(process.execPath, ['--expose-gc', script, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as Child;
}

/** The rebuild-while-serving figures, measured in a process of their own (it holds two indexes at once). */
function rebuildChild(corpus: string[]): RebuildFigures {
  const script = path.join(import.meta.dirname, 'rebuild.js');
  const out = execFileSync(process.execPath, [script, '--json', ...corpus.flatMap((c) => ['--corpus', c])], { encoding: 'utf8', maxBuffer: 1 << 20 });
  return JSON.parse(out) as RebuildFigures;
}

function timings(run: () => void, times: number[]): void {
  const start = performance.now();
  run();
  times.push(performance.now() - start);
}

function latency(times: number[]) {
  return { p50Ms: round(percentile(times, 50)), p99Ms: round(percentile(times, 99)), meanMs: round(mean(times)) };
}

async function main(): Promise<void> {
  const { corpus, json, perKind, only, stepSeconds } = parseArgs(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'paperbot-bench-'));
  try {
    log(`corpus: ${corpus.join(', ')}`);
    if (only === 'load') {
      // Both bots then start from the cache, as in the full run, not one of them from a fresh build.
      child(['ours', cacheDir, ...corpus]);
      const load = await loadSection(corpus, cacheDir, stepSeconds, log);
      if (json) process.stdout.write(`${JSON.stringify({ corpus: corpus.map((c) => path.relative(PROJECT_ROOT, c)), load })}\n`);
      else printRows(loadRows(load));
      return;
    }
    // Round trips first, on the seed, before this process holds two large indexes whose garbage
    // collection would show up in the tail latencies.
    log('round trips through real discord.js and @slack/bolt against local fakes…');
    const seed = await Library.open({ corpus: [DEFAULT_CORPUS], cacheDir: null });
    const discord = await measureDiscordRoundTrip(seed, 200);
    const slack = await measureSlackRoundTrip(seed, 200);
    // Fresh processes: a full build (empty cache), then a cold start from that cache, then the bare index.
    const build = child(['ours', cacheDir, ...corpus]);
    const cold = child(['ours', cacheDir, ...corpus]);
    const bare = child(['bare', ...corpus]);
    log(`build ${round(build.ms)} ms, cold start ${round(cold.ms)} ms, bare ${round(bare.ms)} ms`);
    log('a corpus change rebuilt while both bots serve…');
    const rebuild = rebuildChild(corpus);
    // Before this process loads the large indexes: the bots run in processes of their own, from the cache just built.
    const load = await loadSection(corpus, cacheDir, stepSeconds, log);

    const library = await Library.open({ corpus, cacheDir });
    const { loadCorpus } = await import('../src/ingest/load.js');
    const loaded = (await loadCorpus(corpus)).papers;
    const bareIndex = new MiniSearch<(typeof loaded)[number]>({
      fields: ['title', 'abstract', 'authors'],
      extractField: (doc, field) => (field === 'authors' ? doc.authors.join(' ') : (doc as unknown as Record<string, string>)[field]!),
    });
    bareIndex.addAll(loaded);

    // How many abstracts use a word: what makes a remembered word distinctive.
    const wordDf = new Map<string, number>();
    for (const paper of loaded) {
      for (const word of new Set(paper.abstract.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu) ?? [])) {
        wordDf.set(word, (wordDf.get(word) ?? 0) + 1);
      }
    }
    const queries = knownItemQueries(loaded, perKind, (word) => wordDf.get(word) ?? 0);
    log(`${queries.length} known-item queries`);

    const oursTimes: number[] = [];
    const bareTimes: number[] = [];
    const oursRanked: string[][] = [];
    const bareRanked: string[][] = [];
    // Interleaved, so machine noise hits both alike.
    for (const q of queries) {
      timings(() => oursRanked.push(library.search(q.query, { limit: 10 }).results.map((r) => r.id)), oursTimes);
      timings(() => bareRanked.push(bareIndex.search(q.query).slice(0, 10).map((r) => r.id as string)), bareTimes);
    }
    const ours = scoreQuality(queries, oursRanked);
    const reference = scoreQuality(queries, bareRanked);

    const askQuestions = [...SEED_QUESTIONS, ...CORPUS_QUESTIONS, ...UNCOVERED_QUESTIONS, ...(loadFreshQuestions() ?? [])].map((q) => q.question);
    const askTitles = queries.filter((q) => q.kind === 'four abstract words').map((q) => `which paper is about ${q.query}?`);
    const askTimes: number[] = [];
    for (const question of [...askQuestions, ...askTitles]) timings(() => library.ask(question), askTimes);

    log('answer quality: question sets, SciFact dev, out-of-scope rates…');
    const answers = await measureAnswers({ seed, corpus: corpus.includes(SHARED_CORPUS) ? library : undefined, split: 'dev', work: cacheDir, cacheDir });

    const searchOurs = latency(oursTimes);
    const searchBare = latency(bareTimes);
    const result = {
      corpus: corpus.map((c) => path.relative(PROJECT_ROOT, c)),
      papers: build.papers,
      queries: queries.length,
      buildMs: round(build.ms),
      coldStartFromCacheMs: round(cold.ms),
      coldStartShareOfBuild: round(cold.ms / build.ms, 3),
      rssMb: { ours: round(cold.rssMb, 1), bare: round(bare.rssMb, 1), ratio: round(cold.rssMb / bare.rssMb, 2) },
      search: {
        ours: searchOurs,
        bare: searchBare,
        ratio: { p50: round(searchOurs.p50Ms / searchBare.p50Ms, 3), p99: round(searchOurs.p99Ms / searchBare.p99Ms, 3), mean: round(searchOurs.meanMs / searchBare.meanMs, 3) },
      },
      ask: latency(askTimes),
      quality: ours.map((row: QualityRow) => {
        const ref = reference.find((r) => r.kind === row.kind)!;
        return { kind: row.kind, queries: row.queries, mrr10: round(row.mrr10, 3), recall1: round(row.recall1, 3), bareMrr10: round(ref.mrr10, 3), bareRecall1: round(ref.recall1, 3) };
      }),
      answers,
      roundTrip: { discord, slack },
      rebuild,
      llmChecker: measureChecker(),
      load,
    };
    if (json) {
      process.stdout.write(`${JSON.stringify(result)}\n`);
      return;
    }
    printTable(result);
  } finally {
    rmSync(cacheDir, { recursive: true, force: true });
  }
}

function printTable(r: {
  papers: number;
  queries: number;
  buildMs: number;
  coldStartFromCacheMs: number;
  coldStartShareOfBuild: number;
  rssMb: { ours: number; bare: number; ratio: number };
  search: { ours: ReturnType<typeof latency>; bare: ReturnType<typeof latency>; ratio: { p50: number; p99: number; mean: number } };
  ask: ReturnType<typeof latency>;
  quality: Array<{ kind: string; queries: number; mrr10: number; recall1: number; bareMrr10: number; bareRecall1: number }>;
  answers: AnswerFigures;
  roundTrip: { discord: { p50Ms: number; p99Ms: number; n: number }; slack: { p50Ms: number; p99Ms: number; n: number } };
  rebuild: RebuildFigures;
  llmChecker: CheckerBench;
  load: LoadFigures;
}): void {
  const rows: Array<[string, string]> = [
    ['papers', String(r.papers)],
    ['index build (parse + index + cache write)', `${r.buildMs} ms`],
    ['cold start from cache', `${r.coldStartFromCacheMs} ms (${round(r.coldStartShareOfBuild * 100, 1)}% of build)`],
    ['resident memory after loading (ours / bare)', `${r.rssMb.ours} MB / ${r.rssMb.bare} MB (x${r.rssMb.ratio})`],
    [`search p50 / p99 over ${r.queries} queries (ours)`, `${r.search.ours.p50Ms} / ${r.search.ours.p99Ms} ms`],
    ['search p50 / p99 (bare minisearch, defaults)', `${r.search.bare.p50Ms} / ${r.search.bare.p99Ms} ms`],
    ['search cost ratio ours/bare (p50, p99, mean)', `${r.search.ratio.p50}, ${r.search.ratio.p99}, ${r.search.ratio.mean}`],
    ['ask p50 / p99', `${r.ask.p50Ms} / ${r.ask.p99Ms} ms`],
    ...r.quality.map((q): [string, string] => [`MRR@10 / recall@1: ${q.kind}`, `${q.mrr10} / ${q.recall1} (bare ${q.bareMrr10} / ${q.bareRecall1})`]),
    ...answerRows(r.answers),
    ['Discord round trip p50 / p99', `${r.roundTrip.discord.p50Ms} / ${r.roundTrip.discord.p99Ms} ms (n=${r.roundTrip.discord.n})`],
    ['Slack mention round trip p50 / p99', `${r.roundTrip.slack.p50Ms} / ${r.roundTrip.slack.p99Ms} ms (n=${r.roundTrip.slack.n})`],
    ...describeRebuild(r.rebuild),
    ...checkerRows(r.llmChecker),
    ...loadRows(r.load),
  ];
  printRows(rows);
  printMisses(r.answers);
}

function printRows(rows: Array<[string, string]>): void {
  const width = Math.max(...rows.map(([k]) => k.length));
  for (const [k, v] of rows) process.stdout.write(`${k.padEnd(width)}  ${v}\n`);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
