/**
 * The little SQL both backends speak. Stores are written once against `SqlClient`: statements use
 * `$1, $2, …` placeholders (PostgreSQL's; SQLite reads them as named parameters) and the SQL both
 * dialects share (`ON CONFLICT … DO UPDATE … WHERE`, `RETURNING`). Where writers must not interleave,
 * a transaction names a lock: SQLite already serialises writers (BEGIN IMMEDIATE), PostgreSQL takes
 * an advisory lock for the transaction.
 */
export type SqlValue = string | number | null;
export type Dialect = 'sqlite' | 'postgres';

export interface SqlRunner {
  all<T>(sql: string, params?: readonly SqlValue[]): Promise<T[]>;
  get<T>(sql: string, params?: readonly SqlValue[]): Promise<T | undefined>;
  /** Runs a statement; resolves to the number of rows it changed. */
  run(sql: string, params?: readonly SqlValue[]): Promise<number>;
}

/** Locks that serialise one kind of writer across every process on the database. */
export type SqlLock = 'ledger' | 'papers';

export interface SqlClient extends SqlRunner {
  readonly dialect: Dialect;
  /** Runs `work` in one transaction: committed when it resolves, rolled back when it throws. */
  transaction<T>(work: (tx: SqlRunner) => Promise<T>, options?: { lock?: SqlLock }): Promise<T>;
  /** Answers when the database does: a cheap round trip. */
  ping(): Promise<void>;
  close(): Promise<void>;
}

/** Stable advisory-lock keys (PostgreSQL takes a bigint; these spell "pbot" plus a number). */
export const LOCK_KEYS: Record<SqlLock | 'migrations', number> = {
  migrations: 0x70626f74_01,
  ledger: 0x70626f74_02,
  papers: 0x70626f74_03,
};
