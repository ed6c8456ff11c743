/**
 * One measurement of `npm run bench:scale`, in a process of its own so that memory figures are this
 * step's alone. Prints one JSON object.
 *   node dist/bench/scale-child.js build   --corpus FILE... --cache DIR
 *   node dist/bench/scale-child.js serve   --corpus FILE... --cache DIR --questions FILE
 *   node dist/bench/scale-child.js rebuild --corpus FILE... --cache DIR [--append N]
 *     (appends N papers, default 1, to the last corpus file: a few are applied in place, more than
 *     the delta limit rebuild the index in full)
 */
import { appendFileSync, readFileSync } from 'node:fs';
import { Library } from '../src/library.js';
import { percentile, round } from './stats.js';

export interface Latency {
  p50Ms: number;
  p99Ms: number;
  n: number;
}

export interface ScaleChildResult {
  papers: number;
  /** Opening the library (build or start), or the rebuild. */
  ms: number;
  /** Resident memory after opening, garbage collected. */
  rssMb: number;
  /** The process's peak resident memory. */
  peakMb: number;
  search?: Latency;
  ask?: Latency;
  rebuildMs?: number;
}

/** What `serve` asks, written by the parent: search queries and questions. */
export interface ScaleQuestions {
  searches: string[];
  questions: string[];
}

function latency(run: () => void, times: number[]): void {
  const start = performance.now();
  run();
  times.push(performance.now() - start);
}

function summary(times: number[]): Latency {
  return { p50Ms: round(percentile(times, 50)), p99Ms: round(percentile(times, 99)), n: times.length };
}

function mb(bytes: number): number {
  return bytes / 2 ** 20;
}

async function main(): Promise<void> {
  const [mode, ...rest] = process.argv.slice(2);
  const corpus: string[] = [];
  let cacheDir: string | undefined;
  let questionsFile: string | undefined;
  let append = 1;
  for (let i = 0; i < rest.length; i++) {
    if (rest[i] === '--corpus') corpus.push(rest[++i]!);
    else if (rest[i] === '--cache') cacheDir = rest[++i];
    else if (rest[i] === '--questions') questionsFile = rest[++i];
    else if (rest[i] === '--append') append = Number(rest[++i]);
    else throw new Error(`scale-child: unknown option ${rest[i]}`);
  }
  if (!cacheDir || corpus.length === 0) throw new Error('scale-child: give --corpus and --cache');
  const started = performance.now();
  const library = await Library.open({ corpus, cacheDir });
  const ms = performance.now() - started;
  global.gc?.();
  const result: ScaleChildResult = { papers: library.size, ms, rssMb: mb(process.memoryUsage().rss), peakMb: 0 };
  if (mode === 'serve') {
    if (!questionsFile) throw new Error('scale-child serve: give --questions');
    const { searches, questions } = JSON.parse(readFileSync(questionsFile, 'utf8')) as ScaleQuestions;
    const searchTimes: number[] = [];
    const askTimes: number[] = [];
    for (const query of searches) latency(() => library.search(query, { limit: 10 }), searchTimes);
    for (const question of questions) latency(() => library.ask(question), askTimes);
    result.search = summary(searchTimes);
    result.ask = summary(askTimes);
  } else if (mode === 'rebuild') {
    const stamp = Date.now();
    const probes = Array.from({ length: append }, (_, i) =>
      JSON.stringify({ id: `scale-probe-${stamp}-${i}`, title: `Probe Record ${stamp} Number ${i}`, abstract: `Wombats dig burrows in probe record ${i} of ${stamp}.`, authors: ['Probe'] }),
    );
    appendFileSync(corpus.at(-1)!, `${probes.join('\n')}\n`);
    const rebuildStarted = performance.now();
    await library.reload();
    result.rebuildMs = performance.now() - rebuildStarted;
  } else if (mode !== 'build') {
    throw new Error(`scale-child: unknown mode ${mode} (build, serve, rebuild)`);
  }
  result.peakMb = process.resourceUsage().maxRSS / 1024;
  process.stdout.write(JSON.stringify(result));
}

main().catch((error: unknown) => {
  process.stderr.write(`scale-child failed: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exitCode = 1;
});
