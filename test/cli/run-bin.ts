/**
 * Runs the built `paperbot` binary (dist/, made by `npm run build`, which `npm test` runs first) in a
 * scratch directory with a clean environment: no tokens, no `.env`, its own index cache.
 */
import { spawn, type ChildProcessWithoutNullStreams } from 'node:child_process';
import { existsSync, mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

export const BIN = path.resolve(import.meta.dirname, '../../dist/bin/paperbot.js');
export const SEED = path.resolve(import.meta.dirname, '../../data/papers-listing.txt');

export function scratchDir(): string {
  return mkdtempSync(path.join(tmpdir(), 'paperbot-cli-'));
}

export interface RunResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

export interface SpawnOptions {
  env?: Record<string, string>;
  cwd?: string;
}

function assertBuilt(): void {
  if (!existsSync(BIN)) throw new Error(`${BIN} is missing: run "npm run build" first (npm test does)`);
}

export function spawnBin(args: string[], options: SpawnOptions = {}): ChildProcessWithoutNullStreams {
  assertBuilt();
  const cwd = options.cwd ?? scratchDir();
  return spawn(process.execPath, [BIN, ...args], {
    cwd,
    env: { PATH: process.env.PATH ?? '', PAPERBOT_CACHE_DIR: path.join(cwd, 'cache'), DATABASE_PATH: path.join(cwd, 'paperbot.db'), ...options.env },
  });
}

export function runBin(args: string[], options: SpawnOptions & { input?: string } = {}): Promise<RunResult> {
  const child = spawnBin(args, options);
  let stdout = '';
  let stderr = '';
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => (stdout += chunk));
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  child.stdin.end(options.input ?? '');
  return new Promise((resolve, reject) => {
    child.on('error', reject);
    child.on('close', (code) => resolve({ code, stdout, stderr }));
  });
}

/** Drives a running process line by line: `waitFor` resolves once its stdout contains the text. */
export function session(child: ChildProcessWithoutNullStreams) {
  let stdout = '';
  let stderr = '';
  const waiters: Array<{ text: string; from: number; resolve: (output: string) => void }> = [];
  const check = () => {
    for (const waiter of [...waiters]) {
      const at = stdout.indexOf(waiter.text, waiter.from);
      if (at !== -1) {
        waiters.splice(waiters.indexOf(waiter), 1);
        waiter.resolve(stdout.slice(waiter.from, at + waiter.text.length));
      }
    }
  };
  child.stdout.setEncoding('utf8').on('data', (chunk: string) => {
    stdout += chunk;
    check();
  });
  child.stderr.setEncoding('utf8').on('data', (chunk: string) => (stderr += chunk));
  const exited = new Promise<number | null>((resolve) => child.on('close', resolve));
  return {
    get stdout() {
      return stdout;
    },
    get stderr() {
      return stderr;
    },
    mark: () => stdout.length,
    /** The output from `from` up to and including `text`. */
    waitFor(text: string, from = 0): Promise<string> {
      return new Promise((resolve) => {
        waiters.push({ text, from, resolve });
        check();
      });
    },
    send(line: string): void {
      child.stdin.write(`${line}\n`);
    },
    exited,
  };
}
