/**
 * PostgreSQL through a node-postgres pool, behind `SqlClient`. Start-up failures become one clear
 * error naming the server (never the password); a connection lost while serving fails the calls in
 * flight, and the pool reconnects on the next one.
 */
import pg from 'pg';
import { PaperbotError } from '../errors.js';
import type { Logger } from '../log.js';
import { LOCK_KEYS, type SqlClient, type SqlLock, type SqlRunner, type SqlValue } from './sql.js';

/** Epoch milliseconds and counts are BIGINT: read them as numbers (they stay far below 2^53). */
const types = {
  getTypeParser: ((oid: number, format?: string) =>
    oid === pg.types.builtins.INT8 ? (value: string) => Number(value) : pg.types.getTypeParser(oid, format as 'text')) as typeof pg.types.getTypeParser,
};

export interface PostgresTarget {
  host: string;
  port: number;
  database: string;
  user: string;
}

/** Where a URL points, for messages and logs: never its password. */
export function postgresTarget(url: string): PostgresTarget {
  const parsed = new URL(url);
  return {
    host: decodeURIComponent(parsed.hostname) || 'localhost',
    port: parsed.port ? Number(parsed.port) : 5432,
    database: decodeURIComponent(parsed.pathname.replace(/^\//, '')) || decodeURIComponent(parsed.username) || 'postgres',
    user: decodeURIComponent(parsed.username),
  };
}

export function describeTarget(target: PostgresTarget): string {
  return `PostgreSQL at ${target.host}:${target.port} (database "${target.database}")`;
}

/** A start-up failure in words an operator can act on. */
export function connectionProblem(error: unknown, target: PostgresTarget): PaperbotError {
  const e = error as { code?: string; message?: string };
  const where = describeTarget(target);
  const reasons: Record<string, string> = {
    ECONNREFUSED: 'connection refused: is the server running and listening on that port?',
    ENOTFOUND: `host "${target.host}" not found`,
    EAI_AGAIN: `host "${target.host}" could not be resolved`,
    ETIMEDOUT: 'the connection timed out',
    EHOSTUNREACH: 'host unreachable',
    '28P01': `password authentication failed for user "${target.user}"`,
    '28000': `the server refused user "${target.user}" (pg_hba.conf)`,
    '3D000': `database "${target.database}" does not exist; create it first (createdb ${target.database})`,
    '57P03': 'the server is starting up or shutting down',
  };
  const reason = (e.code && reasons[e.code]) ?? (e.message?.includes('timeout') ? 'the connection timed out' : (e.message ?? String(error)));
  return new PaperbotError('config_error', `database: cannot use ${where}: ${reason} (check DATABASE_URL)`, {
    variable: 'DATABASE_URL',
    host: target.host,
    port: target.port,
  });
}

function runnerOf(queryable: pg.Pool | pg.PoolClient): SqlRunner {
  const query = (sql: string, params: readonly SqlValue[] = []) => queryable.query(sql, params as SqlValue[]);
  return {
    all: async <T>(sql: string, params?: readonly SqlValue[]) => (await query(sql, params)).rows as T[],
    get: async <T>(sql: string, params?: readonly SqlValue[]) => (await query(sql, params)).rows[0] as T | undefined,
    run: async (sql: string, params?: readonly SqlValue[]) => (await query(sql, params)).rowCount ?? 0,
  };
}

export class PostgresClient implements SqlClient {
  readonly dialect = 'postgres' as const;
  readonly target: PostgresTarget;
  private readonly pool: pg.Pool;
  private readonly runner: SqlRunner;

  constructor(url: string, logger: Logger, options: { max?: number } = {}) {
    this.target = postgresTarget(url);
    this.pool = new pg.Pool({
      connectionString: url,
      max: options.max ?? 10,
      connectionTimeoutMillis: 5_000,
      idleTimeoutMillis: 30_000,
      query_timeout: 15_000,
      application_name: 'paperbot',
      types,
    });
    // An idle connection the server dropped is reported here; without a listener it would crash the process.
    this.pool.on('error', (error) => logger.warn({ err: error.message, host: this.target.host }, 'database: lost an idle PostgreSQL connection'));
    this.runner = runnerOf(this.pool);
  }

  /** Checks the server answers; a failure is a `config_error` naming the host. */
  async connect(): Promise<void> {
    try {
      await this.ping();
    } catch (error) {
      throw connectionProblem(error, this.target);
    }
  }

  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]> {
    return this.runner.all<T>(sql, params);
  }

  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined> {
    return this.runner.get<T>(sql, params);
  }

  run(sql: string, params?: readonly SqlValue[]): Promise<number> {
    return this.runner.run(sql, params);
  }

  async transaction<T>(work: (tx: SqlRunner) => Promise<T>, options: { lock?: SqlLock } = {}): Promise<T> {
    const client = await this.pool.connect();
    let broken: Error | undefined;
    try {
      await client.query('BEGIN');
      if (options.lock) await client.query('SELECT pg_advisory_xact_lock($1)', [LOCK_KEYS[options.lock]]);
      const result = await work(runnerOf(client));
      await client.query('COMMIT');
      return result;
    } catch (error) {
      await client.query('ROLLBACK').catch((rollback: Error) => {
        broken = rollback;
      });
      throw error;
    } finally {
      client.release(broken);
    }
  }

  /** Runs `work` on one connection holding a session advisory lock (migrations at start-up). */
  async withSessionLock<T>(key: number, work: (client: pg.PoolClient) => Promise<T>): Promise<T> {
    const client = await this.pool.connect();
    try {
      await client.query('SELECT pg_advisory_lock($1)', [key]);
      try {
        return await work(client);
      } finally {
        await client.query('SELECT pg_advisory_unlock($1)', [key]);
      }
    } finally {
      client.release();
    }
  }

  async ping(): Promise<void> {
    await this.pool.query('SELECT 1');
  }

  /** Safe to call twice. */
  async close(): Promise<void> {
    if (!this.pool.ended && !this.pool.ending) await this.pool.end();
  }
}
