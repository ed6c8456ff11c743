/**
 * `npm run bench:scale`: how paperbot grows with the list. From the shared corpus it writes lists of
 * about 33k, 100k and 330k papers (copies of every paper with a new id, a numbered title and the
 * abstract's sentences rotated, so the vocabulary grows a little), then measures each in fresh
 * processes, one after another: the build (time, peak memory), a start from the cache (time,
 * resident memory after it), search and ask latency on that process, and two corpus changes while
 * serving (time, the process's peak memory): one paper appended (applied in place) and more papers
 * than a delta takes (a full rebuild).
 *
 *   node dist/bench/scale.js [--copies 1,3,10] [--queries N] [--json] [--work DIR]
 *
 * The lists (about 0.6 GB at 330k) and caches go to a temporary folder, removed after unless --work
 * names one to keep (a second run then reuses the lists). Every process runs with an 8 GB heap.
 */
import { execFileSync } from 'node:child_process';
import { createReadStream, createWriteStream, existsSync, mkdirSync, mkdtempSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createInterface } from 'node:readline';
import { once } from 'node:events';
import { PROJECT_ROOT } from '../src/config.js';
import { loadCorpus } from '../src/ingest/load.js';
import { DELTA_LIMIT } from '../src/reload/delta.js';
import { knownItemQueries } from './known-item.js';
import { CORPUS_QUESTIONS, UNCOVERED_QUESTIONS } from './questions.js';
import type { ScaleChildResult, ScaleQuestions } from './scale-child.js';
import { round } from './stats.js';

const SHARED_CORPUS = path.resolve(PROJECT_ROOT, '../shared/corpus/papers.jsonl');
const SENTENCE_RE = /(?<=[.!?])\s+(?=[A-Z])/;

interface Options {
  copies: number[];
  queries: number;
  json: boolean;
  work?: string;
}

function parseArgs(argv: string[]): Options {
  const options: Options = { copies: [1, 3, 10], queries: 250, json: false };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    if (arg === '--copies') options.copies = (argv[++i] ?? '').split(',').map(Number);
    else if (arg === '--queries') options.queries = Number(argv[++i]);
    else if (arg === '--json') options.json = true;
    else if (arg === '--work') options.work = path.resolve(argv[++i] ?? '');
    else throw new Error(`bench:scale: unknown option ${arg} (expected --copies 1,3,10, --queries N, --json, --work DIR)`);
  }
  if (options.copies.some((c) => !Number.isInteger(c) || c < 1)) throw new Error('bench:scale: --copies takes whole numbers from 1, e.g. 1,3,10');
  return options;
}

/** Copy `k` of one JSON-lines record: new id, numbered title, sentences rotated by `k`. */
function copyOf(line: string, k: number): string {
  if (k === 0) return line;
  const record = JSON.parse(line) as Record<string, unknown> & { id: string; title: string; abstract: string };
  const sentences = record.abstract.split(SENTENCE_RE);
  const shift = k % sentences.length;
  return JSON.stringify({
    ...record,
    id: `${record.id}-copy${k}`,
    title: `${record.title} (copy ${k})`,
    abstract: [...sentences.slice(shift), ...sentences.slice(0, shift)].join(' '),
  });
}

async function writeList(file: string, copies: number): Promise<void> {
  if (existsSync(file)) return;
  const out = createWriteStream(`${file}.tmp`);
  for (let k = 0; k < copies; k++) {
    for await (const line of createInterface({ input: createReadStream(SHARED_CORPUS), crlfDelay: Infinity })) {
      if (line.trim() === '') continue;
      if (!out.write(`${copyOf(line, k)}\n`)) await once(out, 'drain');
    }
  }
  out.end();
  await once(out, 'finish');
  renameSync(`${file}.tmp`, file);
}

/**
 * The heap each process may use, in MB. Node's default (about 4 GB here) holds a 330k-paper index
 * but not a second one beside it while a rebuild is swapped in, so the lists run as such a list must
 * be run (docs/scaling.md).
 */
const HEAP_MB = 8192;

function child(args: string[]): ScaleChildResult {
  const script = path.join(import.meta.dirname, 'scale-child.js');
  const out = execFileSync(process.execPath, ['--expose-gc', `--max-old-space-size=${HEAP_MB}`, script, ...args], { encoding: 'utf8', maxBuffer: 1 << 22, stdio: ['ignore', 'pipe', 'inherit'] });
  return JSON.parse(out) as ScaleChildResult;
}

interface Row {
  papers: number;
  buildS: number;
  buildPeakMb: number;
  startS: number;
  rssMb: number;
  search: { p50Ms: number; p99Ms: number; n: number };
  ask: { p50Ms: number; p99Ms: number; n: number };
  /** One paper appended: applied in place. */
  changeS: number;
  changePeakMb: number;
  /** More papers than a delta takes: a full rebuild. */
  rebuildS: number;
  rebuildPeakMb: number;
}

/**
 * The same queries for every size, from the shared corpus: known-item searches (titles, partial
 * titles, abstract words, typos) and questions (the corpus set, out-of-scope ones, "which paper is
 * about …" from abstract words).
 */
async function writeQuestions(file: string, perKind: number): Promise<void> {
  const papers = (await loadCorpus([SHARED_CORPUS])).papers;
  const df = new Map<string, number>();
  for (const paper of papers) for (const word of new Set(paper.abstract.toLowerCase().match(/[\p{L}\p{N}][\p{L}\p{N}'-]*/gu) ?? [])) df.set(word, (df.get(word) ?? 0) + 1);
  const known = knownItemQueries(papers, perKind, (word) => df.get(word) ?? 0);
  const about = known.filter((q) => q.kind === 'four abstract words').map((q) => `which paper is about ${q.query}?`);
  const questions: ScaleQuestions = {
    searches: known.map((q) => q.query),
    questions: [...CORPUS_QUESTIONS, ...UNCOVERED_QUESTIONS].map((q) => q.question).concat(about),
  };
  writeFileSync(file, JSON.stringify(questions));
}

async function measure(work: string, copies: number, questions: string, log: (line: string) => void): Promise<Row> {
  const list = path.join(work, `list-x${copies}.jsonl`);
  const probe = path.join(work, `probe-x${copies}.jsonl`);
  const cache = path.join(work, `cache-x${copies}`);
  log(`x${copies}: writing the list…`);
  await writeList(list, copies);
  writeFileSync(probe, `${JSON.stringify({ id: 'scale-probe', title: 'A Probe Record for the Scale Benchmark', abstract: 'Quokkas navigate by landmarks in a probe record.', authors: ['Probe'] })}\n`);
  rmSync(cache, { recursive: true, force: true });
  const corpus = ['--corpus', list, '--corpus', probe, '--cache', cache];
  log(`x${copies}: building…`);
  const build = child(['build', ...corpus]);
  log(`x${copies}: ${build.papers} papers built in ${round(build.ms / 1000, 1)} s; starting from the cache and querying…`);
  const serve = child(['serve', ...corpus, '--questions', questions]);
  log(`x${copies}: started in ${round(serve.ms / 1000, 2)} s; a paper appended while serving…`);
  const change = child(['rebuild', ...corpus]);
  log(`x${copies}: applied in ${round((change.rebuildMs ?? 0) / 1000, 1)} s; ${DELTA_LIMIT + 1} papers appended (a full rebuild)…`);
  const rebuild = child(['rebuild', '--append', String(DELTA_LIMIT + 1), ...corpus]);
  return {
    papers: build.papers,
    buildS: round(build.ms / 1000, 1),
    buildPeakMb: round(build.peakMb),
    startS: round(serve.ms / 1000, 2),
    rssMb: round(serve.rssMb),
    search: serve.search!,
    ask: serve.ask!,
    changeS: round((change.rebuildMs ?? 0) / 1000, 1),
    changePeakMb: round(change.peakMb),
    rebuildS: round((rebuild.rebuildMs ?? 0) / 1000, 1),
    rebuildPeakMb: round(rebuild.peakMb),
  };
}

function printTable(rows: Row[]): void {
  const header = ['papers', 'build', 'build peak', 'start (cache)', 'RSS', 'search p50 / p99', 'ask p50 / p99', 'one paper added', 'its peak', 'full rebuild', 'its peak'];
  const lines = rows.map((r) => [
    String(r.papers),
    `${r.buildS} s`,
    `${r.buildPeakMb} MB`,
    `${r.startS} s`,
    `${r.rssMb} MB`,
    `${r.search.p50Ms} / ${r.search.p99Ms} ms`,
    `${r.ask.p50Ms} / ${r.ask.p99Ms} ms`,
    `${r.changeS} s`,
    `${r.changePeakMb} MB`,
    `${r.rebuildS} s`,
    `${r.rebuildPeakMb} MB`,
  ]);
  const widths = header.map((h, i) => Math.max(h.length, ...lines.map((l) => l[i]!.length)));
  const format = (cells: string[]) => `| ${cells.map((c, i) => c.padEnd(widths[i]!)).join(' | ')} |`;
  process.stdout.write(`${format(header)}\n|${widths.map((w) => '-'.repeat(w + 2)).join('|')}|\n${lines.map(format).join('\n')}\n`);
}

async function main(): Promise<void> {
  const options = parseArgs(process.argv.slice(2));
  if (!existsSync(SHARED_CORPUS)) throw new Error(`bench:scale needs the shared corpus at ${SHARED_CORPUS}`);
  const log = (line: string) => process.stderr.write(`${line}\n`);
  const work = options.work ?? mkdtempSync(path.join(os.tmpdir(), 'paperbot-scale-'));
  mkdirSync(work, { recursive: true });
  try {
    const questions = path.join(work, 'questions.json');
    await writeQuestions(questions, options.queries);
    const rows: Row[] = [];
    for (const copies of options.copies) rows.push(await measure(work, copies, questions, log));
    if (options.json) process.stdout.write(`${JSON.stringify({ machine: `${os.cpus().length} cores, ${round(os.totalmem() / 2 ** 30)} GB`, rows })}\n`);
    else printTable(rows);
  } finally {
    if (!options.work) rmSync(work, { recursive: true, force: true });
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`bench:scale failed: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
