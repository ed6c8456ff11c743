/**
 * Fresh, empty databases for tests that run on both backends: a SQLite file in a temp directory, or
 * a new database on the run's PostgreSQL server. What a test gets back is the environment a
 * paperbot process would be started with.
 */
import { randomUUID } from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { inject } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { createLogger } from '../../src/log.js';
import { openStorage, type Storage } from '../../src/storage/index.js';

export type Backend = 'sqlite' | 'postgres';
export const BACKENDS: readonly Backend[] = ['sqlite', 'postgres'];

export function tempSqlitePath(): string {
  return path.join(fs.mkdtempSync(path.join(os.tmpdir(), 'paperbot-db-')), 'paperbot.db');
}

/** A new database on the test server; returns its URL. */
export async function freshPostgresDatabase(): Promise<string> {
  const server = new URL(inject('postgresUrl'));
  const name = `paperbot_${randomUUID().replaceAll('-', '').slice(0, 16)}`;
  const admin = new pg.Client({ connectionString: server.toString() });
  await admin.connect();
  try {
    // FILE_COPY: a plain copy of the (tiny) template, much cheaper than WAL-logging it block by block.
    await admin.query(`CREATE DATABASE ${name} TEMPLATE template0 STRATEGY FILE_COPY`);
  } finally {
    await admin.end();
  }
  server.pathname = `/${name}`;
  return server.toString();
}

/** The environment variables that put a process on a fresh database of this backend. */
export async function databaseEnv(backend: Backend): Promise<Record<string, string>> {
  return backend === 'sqlite' ? { DATABASE_PATH: tempSqlitePath() } : { DATABASE_URL: await freshPostgresDatabase() };
}

/**
 * Makes a test database refuse connections (and cuts the open ones), as a server that went away
 * would, or lets it back in.
 */
export async function setDatabaseAvailable(url: string, available: boolean): Promise<void> {
  const name = new URL(url).pathname.slice(1);
  const admin = new pg.Client({ connectionString: new URL('/postgres', url).toString() });
  await admin.connect();
  try {
    await admin.query(`ALTER DATABASE ${name} ALLOW_CONNECTIONS ${available}`);
    if (!available) await admin.query('SELECT pg_terminate_backend(pid) FROM pg_stat_activity WHERE datname = $1', [name]);
  } finally {
    await admin.end();
  }
}

/**
 * Opens the storage of a fresh database of `backend`, or of the one `env` names (as another
 * process on it would); the caller closes it.
 */
export async function openTestStorage(backend: Backend, env?: Record<string, string>): Promise<{ storage: Storage; env: Record<string, string> }> {
  const environment = env ?? (await databaseEnv(backend));
  const storage = await openStorage(loadConfig(environment).storage, { logger: createLogger('silent'), claimTimeoutMs: 600_000 });
  return { storage, env: environment };
}
