/**
 * SQLite through better-sqlite3 (synchronous), behind the async `SqlClient`. WAL mode lets several
 * readers and one writer, possibly in different processes, share the file. One connection runs one
 * thing at a time: calls queue behind an open transaction instead of slipping into it. When another
 * connection holds the write lock, the call is retried after a short timer rather than waiting in
 * SQLite's busy handler, which would block the event loop (and, for two connections in one process,
 * the very transaction it waits for).
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import type { SqlClient, SqlRunner, SqlValue } from './sql.js';

/** How long a write waits for another connection's write lock before it fails. */
const BUSY_TIMEOUT_MS = 5_000;
const BUSY_RETRY_MS = 5;

function isBusy(error: unknown): boolean {
  const code = (error as { code?: unknown }).code;
  return code === 'SQLITE_BUSY' || code === 'SQLITE_LOCKED';
}

/** `[a, b]` -> `{1: a, 2: b}`: SQLite binds `$1` as the named parameter "1". */
function bind(params: readonly SqlValue[]): Record<number, SqlValue> {
  const named: Record<number, SqlValue> = {};
  params.forEach((value, i) => {
    named[i + 1] = value;
  });
  return named;
}

export class SqliteClient implements SqlClient {
  readonly dialect = 'sqlite' as const;
  private readonly db: Database.Database;
  private queue: Promise<unknown> = Promise.resolve();
  private readonly runner: SqlRunner;

  constructor(readonly file: string) {
    if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
    this.db = new Database(file);
    this.db.pragma('journal_mode = WAL');
    // Busy is handled by `exclusive`, with timers, not inside SQLite.
    this.db.pragma('busy_timeout = 0');
    this.db.pragma('foreign_keys = ON');
    const db = this.db;
    this.runner = {
      all: async <T>(sql: string, params: readonly SqlValue[] = []) => db.prepare<Record<number, SqlValue>, T>(sql).all(bind(params)),
      get: async <T>(sql: string, params: readonly SqlValue[] = []) => db.prepare<Record<number, SqlValue>, T>(sql).get(bind(params)),
      run: async (sql: string, params: readonly SqlValue[] = []) => db.prepare(sql).run(bind(params)).changes,
    };
  }

  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.exclusive(() => this.runner.all<T>(sql, params));
  }

  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    return this.exclusive(() => this.runner.get<T>(sql, params));
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.exclusive(() => this.runner.run(sql, params));
  }

  /** Runs several statements without parameters (migrations). */
  exec(sql: string): void {
    this.db.exec(sql);
  }

  pragma(source: string): unknown {
    return this.db.pragma(source, { simple: true });
  }

  transaction<T>(work: (tx: SqlRunner) => Promise<T>): Promise<T> {
    return this.exclusive(async () => {
      // IMMEDIATE takes the write lock now, so a read-then-write cannot race another process.
      this.db.exec('BEGIN IMMEDIATE');
      try {
        const result = await work(this.runner);
        this.db.exec('COMMIT');
        return result;
      } catch (error) {
        if (this.db.inTransaction) this.db.exec('ROLLBACK');
        throw error;
      }
    });
  }

  async ping(): Promise<void> {
    await this.get('SELECT 1');
  }

  /** Safe to call twice. */
  async close(): Promise<void> {
    await this.queue.catch(() => undefined);
    if (this.db.open) this.db.close();
  }

  private exclusive<T>(task: () => Promise<T>): Promise<T> {
    const patient = async (): Promise<T> => {
      const giveUp = Date.now() + BUSY_TIMEOUT_MS;
      for (;;) {
        try {
          return await task();
        } catch (error) {
          if (!isBusy(error) || Date.now() > giveUp) throw error;
          await new Promise((resolve) => setTimeout(resolve, BUSY_RETRY_MS));
        }
      }
    };
    const next = this.queue.then(patient, patient);
    this.queue = next.catch(() => undefined);
    return next;
  }
}
