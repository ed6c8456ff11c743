/**
 * `npm run bench`: speed, memory and quality on the shared corpus (or the seed when it is absent), in
 * under ten minutes: the build, a start from the cache and a one-shot CLI command (fresh processes),
 * resident memory, a rebuild's peak memory against the steady state, search and ask latency, search
 * quality beside a bare minisearch index built with default options, the answer figures (question
 * sets, SciFact, out-of-scope rates), round trips through discord.js and Bolt, the model-answer
 * checker, and whether every command of the fixed batch answers as its snapshot says. The rebuild
 * under load and the load each bot holds take half an hour: `npm run bench:load`.
 * Prints a table, or one JSON object with --json. Options: --corpus PATH (repeatable), --queries N (per kind).
 */
import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import MiniSearch from 'minisearch';
import { PROJECT_ROOT, DEFAULT_CORPUS } from '../src/config.js';
import { Library } from '../src/library.js';
import { DELTA_LIMIT } from '../src/reload/delta.js';
import { answerRows, measureAnswers, printMisses, type AnswerFigures } from './answer-figures.js';
import { SHARED_BATCH, SHARED_SNAPSHOT, differences, digests, runCommandBatch, type CommandDigest } from './command-snapshot.js';
import { loadFreshQuestions } from './fresh-set.js';
import { checkerRows, measureChecker, type CheckerBench } from './checker.js';
import { measureDiscordRoundTrip } from './discord-roundtrip.js';
import { knownItemQueries, scoreQuality, type QualityRow } from './known-item.js';
import { CORPUS_QUESTIONS, SEED_QUESTIONS, UNCOVERED_QUESTIONS } from './questions.js';
import { measureSlackRoundTrip } from './slack-roundtrip.js';
import { printRows } from './rows.js';
import type { ScaleChildResult } from './scale-child.js';
import { mean, percentile, round } from './stats.js';

const SHARED_CORPUS = path.resolve(PROJECT_ROOT, '../shared/corpus/papers.jsonl');

function parseArgs(argv: string[]) {
  const corpus: string[] = [];
  let json = false;
  let perKind = 500;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--json') json = true;
    else if (arg === '--corpus') corpus.push(path.resolve(argv[++i] ?? ''));
    else if (arg === '--queries') perKind = Number(argv[++i]);
    else throw new Error(`bench: unknown option ${arg} (expected --corpus PATH, --queries N, --json)`);
  }
  if (corpus.length === 0) corpus.push(existsSync(SHARED_CORPUS) ? SHARED_CORPUS : DEFAULT_CORPUS);
  return { corpus, json, perKind };
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

function median(values: number[]): number {
  return percentile(values, 50);
}

/**
 * Corpus changes taken in by a process of its own that serves from the cache: one paper appended
 * (applied in place), then more papers than a delta takes (a full rebuild); each one's time, and
 * its memory against the steady state.
 */
function rebuildPeaks(corpus: string[], work: string): { inPlace: RebuildPeak; full: RebuildPeak } {
  const probe = path.join(work, 'probe.jsonl');
  writeFileSync(probe, `${JSON.stringify({ id: 'bench-probe', title: 'A Probe Record for the Benchmark', abstract: 'Quokkas navigate by landmarks.', authors: ['Probe'] })}\n`);
  const cache = path.join(work, 'rebuild-cache');
  const args = [...[...corpus, probe].flatMap((c) => ['--corpus', c]), '--cache', cache];
  const script = path.join(import.meta.dirname, 'scale-child.js');
  const run = (...mode: string[]) => JSON.parse(execFileSync(process.execPath, ['--expose-gc', script, ...mode, ...args], { encoding: 'utf8', maxBuffer: 1 << 20 })) as ScaleChildResult;
  const figures = (rebuilt: ScaleChildResult): RebuildPeak => ({
    ms: round(rebuilt.rebuildMs ?? 0),
    steadyRssMb: round(rebuilt.rssMb, 1),
    peakRssMb: round(rebuilt.peakMb, 1),
    ratio: round(rebuilt.peakMb / rebuilt.rssMb, 2),
  });
  run('build');
  const inPlace = figures(run('rebuild'));
  return { inPlace, full: figures(run('rebuild', '--append', String(DELTA_LIMIT + 1))) };
}

function rebuildFigures(r: RebuildPeak): string {
  return `${r.ms} ms, ${r.steadyRssMb} / ${r.peakRssMb} MB (peak x${r.ratio} the steady state)`;
}

interface RebuildPeak {
  ms: number;
  steadyRssMb: number;
  peakRssMb: number;
  ratio: number;
}

/** A one-shot CLI command from the cache, as a user types it: the whole process, start to exit (median of three). */
function oneShotMs(corpus: string[], cacheDir: string, work: string, words: string[]): number {
  const bin = path.join(PROJECT_ROOT, 'dist', 'bin', 'paperbot.js');
  const env = { PATH: process.env.PATH ?? '', PAPERBOT_CACHE_DIR: cacheDir, DATABASE_PATH: path.join(work, 'none.db') };
  const times: number[] = [];
  for (let run = 0; run < 3; run++) {
    const started = performance.now();
    execFileSync(process.execPath, [bin, ...words, ...corpus.flatMap((c) => ['--corpus', c]), '--json'], { env, stdio: 'ignore' });
    times.push(performance.now() - started);
  }
  return round(median(times));
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
  const { corpus, json, perKind } = parseArgs(process.argv.slice(2));
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const cacheDir = mkdtempSync(path.join(os.tmpdir(), 'paperbot-bench-'));
  try {
    log(`corpus: ${corpus.join(', ')}`);
    // Round trips first, on the seed, before this process holds two large indexes whose garbage
    // collection would show up in the tail latencies.
    log('round trips through real discord.js and @slack/bolt against local fakes…');
    const seed = await Library.open({ corpus: [DEFAULT_CORPUS], cacheDir: null });
    const discord = await measureDiscordRoundTrip(seed, 200);
    const slack = await measureSlackRoundTrip(seed, 200);
    // Fresh processes: a full build (empty cache), then starts from that cache, then the bare index.
    const build = child(['ours', cacheDir, ...corpus]);
    const starts = [0, 1, 2].map(() => child(['ours', cacheDir, ...corpus]));
    const cold = { ms: median(starts.map((s) => s.ms)), rssMb: median(starts.map((s) => s.rssMb)) };
    const bare = child(['bare', ...corpus]);
    log(`build ${round(build.ms)} ms, start from the cache ${round(cold.ms)} ms (median of 3), bare ${round(bare.ms)} ms`);
    const oneShot = {
      searchMs: oneShotMs(corpus, cacheDir, cacheDir, ['search', 'diffusion models']),
      askMs: oneShotMs(corpus, cacheDir, cacheDir, ['ask', 'what is a mixture of experts?']),
    };
    log('corpus changes taken in while serving (memory)…');
    const { inPlace: rebuild, full: fullRebuild } = rebuildPeaks(corpus, cacheDir);

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

    const snapshot = corpus.length === 1 && corpus[0] === SHARED_CORPUS ? await compareSnapshot(library) : undefined;

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
      oneShot,
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
      fullRebuild,
      llmChecker: measureChecker(),
      ...(snapshot ? { snapshot } : {}),
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

interface Figures {
  papers: number;
  queries: number;
  buildMs: number;
  coldStartFromCacheMs: number;
  coldStartShareOfBuild: number;
  oneShot: { searchMs: number; askMs: number };
  rssMb: { ours: number; bare: number; ratio: number };
  search: { ours: ReturnType<typeof latency>; bare: ReturnType<typeof latency>; ratio: { p50: number; p99: number; mean: number } };
  ask: ReturnType<typeof latency>;
  quality: Array<{ kind: string; queries: number; mrr10: number; recall1: number; bareMrr10: number; bareRecall1: number }>;
  answers: AnswerFigures;
  roundTrip: { discord: { p50Ms: number; p99Ms: number; n: number }; slack: { p50Ms: number; p99Ms: number; n: number } };
  /** One paper appended: applied to the index serving. */
  rebuild: RebuildPeak;
  /** More papers changed than a delta takes: a second index built beside the one serving. */
  fullRebuild: RebuildPeak;
  llmChecker: CheckerBench;
  snapshot?: SnapshotCheck;
}

interface SnapshotCheck {
  identical: number;
  commands: number;
  changed: string[];
}

/** The fixed batch of commands against its snapshot's digests (taken before the index changed format). */
async function compareSnapshot(library: Library): Promise<SnapshotCheck> {
  const kept = JSON.parse(readFileSync(SHARED_SNAPSHOT, 'utf8')) as CommandDigest[];
  const changed = differences(kept, digests(await runCommandBatch(library, SHARED_BATCH)));
  return { identical: kept.length - changed.length, commands: kept.length, changed };
}

function printTable(r: Figures): void {
  const rows: Array<[string, string]> = [
    ['papers', String(r.papers)],
    ['index build (parse + index + cache write)', `${r.buildMs} ms`],
    ['start from the cache (median of 3)', `${r.coldStartFromCacheMs} ms (${round(r.coldStartShareOfBuild * 100, 1)}% of build)`],
    ['one-shot CLI command from the cache, whole process (search / ask, median of 3)', `${r.oneShot.searchMs} / ${r.oneShot.askMs} ms`],
    ['resident memory after loading (ours / bare)', `${r.rssMb.ours} MB / ${r.rssMb.bare} MB (x${r.rssMb.ratio})`],
    ['a paper appended while serving (applied in place): time, resident memory steady / peak', rebuildFigures(r.rebuild)],
    [`over ${DELTA_LIMIT} papers changed while serving (full rebuild): time, resident memory steady / peak`, rebuildFigures(r.fullRebuild)],
    [`search p50 / p99 over ${r.queries} queries (ours)`, `${r.search.ours.p50Ms} / ${r.search.ours.p99Ms} ms`],
    ['search p50 / p99 (bare minisearch, defaults)', `${r.search.bare.p50Ms} / ${r.search.bare.p99Ms} ms`],
    ['search cost ratio ours/bare (p50, p99, mean)', `${r.search.ratio.p50}, ${r.search.ratio.p99}, ${r.search.ratio.mean}`],
    ['ask p50 / p99', `${r.ask.p50Ms} / ${r.ask.p99Ms} ms`],
    ...r.quality.map((q): [string, string] => [`MRR@10 / recall@1: ${q.kind}`, `${q.mrr10} / ${q.recall1} (bare ${q.bareMrr10} / ${q.bareRecall1})`]),
    ...answerRows(r.answers),
    ['Discord round trip p50 / p99', `${r.roundTrip.discord.p50Ms} / ${r.roundTrip.discord.p99Ms} ms (n=${r.roundTrip.discord.n})`],
    ['Slack mention round trip p50 / p99', `${r.roundTrip.slack.p50Ms} / ${r.roundTrip.slack.p99Ms} ms (n=${r.roundTrip.slack.n})`],
    ...checkerRows(r.llmChecker),
    ...(r.snapshot
      ? [['command results identical to the snapshot (search, ask, show, similar, highlights, stats)', `${r.snapshot.identical} of ${r.snapshot.commands}${r.snapshot.changed.length > 0 ? `; changed: ${r.snapshot.changed.join('; ')}` : ''}`] as [string, string]]
      : []),
  ];
  printRows(rows);
  printMisses(r.answers);
}

main().catch((error: unknown) => {
  process.stderr.write(`bench failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
