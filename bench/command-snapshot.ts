/**
 * The JSON results of a fixed batch of commands (search, ask, show, similar, highlights, stats), kept
 * so that a change to how the index is stored can show it changes no answer. The bundled listing's
 * results are kept whole (test/fixtures/command-snapshot.json, compared by a test); the shared
 * corpus's as a digest per command (bench/data/command-snapshot-shared.json, compared by `npm run
 * bench`), so no part of that corpus is copied into the project.
 *
 *   node dist/bench/command-snapshot.js --batch FILE [--corpus PATH]... [--cache DIR] --write FILE [--digests]
 *   node dist/bench/command-snapshot.js --batch FILE [--corpus PATH]... [--cache DIR] --check FILE
 *
 * The cache key (`stats.version`) is masked: it names the index format, which such a change bumps.
 */
import { createHash } from 'node:crypto';
import { readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { runBatchLine } from '../adapters/console/batch.js';
import { DEFAULT_CORPUS, PROJECT_ROOT } from '../src/config.js';
import type { PaperCore } from '../src/core.js';
import { Library } from '../src/library.js';

export const SEED_BATCH = path.join(PROJECT_ROOT, 'test', 'fixtures', 'command-batch.jsonl');
export const SEED_SNAPSHOT = path.join(PROJECT_ROOT, 'test', 'fixtures', 'command-snapshot.json');
export const SHARED_BATCH = path.join(PROJECT_ROOT, 'bench', 'data', 'command-batch-shared.jsonl');
export const SHARED_SNAPSHOT = path.join(PROJECT_ROOT, 'bench', 'data', 'command-snapshot-shared.json');

export interface CommandOutcome {
  request: string;
  result: unknown;
}

/** One command's result as a digest, with the ids it names (enough to see what moved). */
export interface CommandDigest {
  request: string;
  digest: string;
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** Machine-specific parts out: the cache key, and the folders of the corpus files. */
function portable(result: unknown): unknown {
  if (!isRecord(result) || !('version' in result) || !Array.isArray(result.sources)) return result;
  const sources = result.sources.map((s: unknown) =>
    isRecord(s) && typeof s.file === 'string' ? { ...s, file: path.basename(s.file) } : s,
  );
  return { ...result, version: '(cache key)', sources };
}

export async function runCommandBatch(core: PaperCore, batchFile: string): Promise<CommandOutcome[]> {
  const requests = readFileSync(batchFile, 'utf8').split('\n').filter((line) => line.trim() !== '');
  const outcomes: CommandOutcome[] = [];
  for (const request of requests) {
    let result: unknown;
    try {
      result = await runBatchLine(request, core);
    } catch (error) {
      result = { error: error instanceof Error ? error.message : String(error) };
    }
    outcomes.push({ request, result: portable(result) });
  }
  return outcomes;
}

export function digests(outcomes: CommandOutcome[]): CommandDigest[] {
  return outcomes.map(({ request, result }) => ({ request, digest: createHash('sha256').update(JSON.stringify(result)).digest('hex').slice(0, 16) }));
}

/** The requests whose results differ from the snapshot's (or that either side lacks). */
export function differences<T extends { request: string }>(expected: T[], actual: T[]): string[] {
  const wanted = new Map(expected.map((e) => [e.request, JSON.stringify(e)]));
  const got = new Map(actual.map((a) => [a.request, JSON.stringify(a)]));
  const requests = [...new Set([...wanted.keys(), ...got.keys()])];
  return requests.filter((request) => wanted.get(request) !== got.get(request));
}

function parseArgs(argv: string[]) {
  const corpus: string[] = [];
  let batch: string | undefined;
  let cache: string | null = null;
  let write: string | undefined;
  let check: string | undefined;
  let asDigests = false;
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => path.resolve(argv[++i] ?? '');
    if (arg === '--corpus') corpus.push(value());
    else if (arg === '--batch') batch = value();
    else if (arg === '--cache') cache = value();
    else if (arg === '--write') write = value();
    else if (arg === '--check') check = value();
    else if (arg === '--digests') asDigests = true;
    else throw new Error(`command-snapshot: unknown option ${arg} (expected --batch FILE, --corpus PATH, --cache DIR, --write FILE, --check FILE, --digests)`);
  }
  if (!batch || (!write && !check)) throw new Error('command-snapshot: give --batch FILE and --write FILE or --check FILE');
  return { corpus: corpus.length > 0 ? corpus : [DEFAULT_CORPUS], batch, cache, write, check, asDigests };
}

async function main(): Promise<void> {
  const { corpus, batch, cache, write, check, asDigests } = parseArgs(process.argv.slice(2));
  const library = await Library.open({ corpus, cacheDir: cache });
  const outcomes = await runCommandBatch(library, batch);
  if (write) {
    writeFileSync(write, `${JSON.stringify(asDigests ? digests(outcomes) : outcomes, null, 1)}\n`);
    process.stderr.write(`${outcomes.length} results written to ${write}\n`);
    return;
  }
  const expected = JSON.parse(readFileSync(check!, 'utf8')) as Array<CommandDigest | CommandOutcome>;
  const asKept = expected[0] && 'digest' in expected[0] ? digests(outcomes) : outcomes;
  const changed = differences<{ request: string }>(expected, asKept);
  for (const request of changed) process.stdout.write(`changed: ${request}\n`);
  process.stdout.write(`${outcomes.length - changed.length} of ${outcomes.length} results identical\n`);
  if (changed.length > 0) process.exitCode = 1;
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  main().catch((error: unknown) => {
    process.stderr.write(`command-snapshot failed: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  });
}
