/**
 * The storage interface: everything paperbot keeps between restarts and shares between replicas,
 * on SQLite (the embedded default) or PostgreSQL (`DATABASE_URL`). Opening it connects, migrates the
 * schema and names this process, whose claims and leases carry that name.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { Logger } from '../log.js';
import { Conversations } from './conversations.js';
import { HandledEvents } from './events.js';
import { Ledger } from './ledger.js';
import { Leases } from './leases.js';
import { appliedVersion, migratePostgres, migrateSqlite, SCHEMA_VERSION } from './migrations.js';
import { PaperStore } from './papers.js';
import { describeTarget, PostgresClient } from './postgres.js';
import type { StorageSettings } from './settings.js';
import type { SqlClient } from './sql.js';
import { SqliteClient } from './sqlite.js';
import { SubscriptionStore } from './subscriptions.js';

export interface Storage {
  readonly kind: StorageSettings['kind'];
  /** "SQLite at /path/paperbot.db" or "PostgreSQL at host:5432 (database "paperbot")": no password. */
  readonly description: string;
  /** This process, as its claims and leases name it. */
  readonly owner: string;
  readonly subscriptions: SubscriptionStore;
  readonly ledger: Ledger;
  readonly papers: PaperStore;
  readonly events: HandledEvents;
  readonly leases: Leases;
  /** Each answer's question and papers, by conversation (a thread, a DM, a message): follow-ups read them. */
  readonly conversations: Conversations;
  /** Resolves when the database answers a trivial query; rejects (with the driver's reason) when not. For /readyz. */
  ping(): Promise<void>;
  /** The schema version the database is at, and the one this paperbot expects (for `paperbot doctor`). */
  schema(): Promise<{ version: number; expected: number }>;
  /** Gives up this process's unfinished digest claims and leases (graceful shutdown), so another replica takes over at once. */
  releaseOwned(): Promise<{ claims: number; leases: number }>;
  close(): Promise<void>;
}

export interface OpenStorageOptions {
  logger: Logger;
  /** A digest claim older than this belongs to a process presumed dead. */
  claimTimeoutMs: number;
  /** Names this process; unique per start by default. */
  owner?: string;
}

export function processOwner(): string {
  return `${os.hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
}

/** Connects and migrates. A PostgreSQL server that cannot be reached is a `config_error` naming the host. */
export async function openStorage(settings: StorageSettings, options: OpenStorageOptions): Promise<Storage> {
  let sql: SqlClient;
  let description: string;
  if (settings.kind === 'postgres') {
    const client = new PostgresClient(settings.url, options.logger);
    description = describeTarget(settings.target);
    try {
      await client.connect();
      await migratePostgres(client);
    } catch (error) {
      await client.close().catch(() => undefined);
      throw error;
    }
    sql = client;
  } else {
    const client = new SqliteClient(settings.path);
    description = `SQLite at ${settings.path}`;
    try {
      await migrateSqlite(client);
    } catch (error) {
      await client.close();
      throw error;
    }
    sql = client;
  }
  return storageOn(sql, { ...options, kind: settings.kind, description });
}

function storageOn(sql: SqlClient, options: OpenStorageOptions & { kind: Storage['kind']; description: string }): Storage {
  const owner = options.owner ?? processOwner();
  const ledger = new Ledger(sql, owner, options.claimTimeoutMs);
  const leases = new Leases(sql, owner);
  return {
    kind: options.kind,
    description: options.description,
    owner,
    subscriptions: new SubscriptionStore(sql),
    ledger,
    papers: new PaperStore(sql),
    events: new HandledEvents(sql),
    leases,
    conversations: new Conversations(sql),
    ping: () => sql.ping(),
    schema: async () => ({ version: await appliedVersion(sql), expected: SCHEMA_VERSION }),
    async releaseOwned() {
      return { claims: await ledger.releaseOwned(), leases: await leases.releaseOwned() };
    },
    close: () => sql.close(),
  };
}
