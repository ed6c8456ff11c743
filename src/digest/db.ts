/**
 * The highlights database: SQLite in WAL mode so several readers and one writer (possibly in
 * different processes) share it safely. The schema version lives in `PRAGMA user_version`; each
 * migration runs once, in its own transaction, in order.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';

export type Db = Database.Database;

/** Append only: never edit a migration that has shipped. Times are epoch milliseconds. */
const MIGRATIONS: readonly string[] = [
  `CREATE TABLE subscriptions (
     id INTEGER PRIMARY KEY,
     platform TEXT NOT NULL CHECK (platform IN ('discord', 'slack')),
     channel_id TEXT NOT NULL,
     time TEXT NOT NULL,
     timezone TEXT NOT NULL,
     topic TEXT,
     count INTEGER NOT NULL,
     origin TEXT NOT NULL CHECK (origin IN ('command', 'config')),
     active INTEGER NOT NULL DEFAULT 1,
     -- runs before this instant are never posted: subscribing at 09:30 does not post "today's 09:00"
     active_since INTEGER NOT NULL,
     paused_reason TEXT,
     created_by TEXT,
     updated_at INTEGER NOT NULL,
     UNIQUE (platform, channel_id)
   );
   CREATE TABLE papers (
     id TEXT PRIMARY KEY,
     paper TEXT NOT NULL,
     source TEXT NOT NULL,
     fetched_at INTEGER NOT NULL
   );
   CREATE TABLE posts (
     subscription_id INTEGER NOT NULL REFERENCES subscriptions (id),
     local_date TEXT NOT NULL,
     digest_key TEXT NOT NULL UNIQUE,
     scheduled_for INTEGER NOT NULL,
     state TEXT NOT NULL CHECK (state IN ('claimed', 'posted', 'skipped')),
     -- a claim with an owner is in flight; without one, a post was attempted and its outcome is unknown
     claim_owner TEXT,
     claimed_at INTEGER,
     attempts INTEGER NOT NULL DEFAULT 0,
     message_id TEXT,
     paper_ids TEXT NOT NULL DEFAULT '[]',
     note TEXT,
     finished_at INTEGER,
     PRIMARY KEY (subscription_id, local_date)
   );`,
  // Papers added from chat (source 'chat') record who added them; feed papers leave it empty.
  `ALTER TABLE papers ADD COLUMN added_by TEXT;
   CREATE INDEX papers_by_source ON papers (source);`,
];

export const SCHEMA_VERSION = MIGRATIONS.length;
/** The first schema with papers added from chat. */
export const CHAT_SCHEMA_VERSION = 2;

export function openDatabase(file: string): Db {
  if (file !== ':memory:') fs.mkdirSync(path.dirname(file), { recursive: true });
  const db = new Database(file);
  db.pragma('journal_mode = WAL');
  // Another process may hold the write lock for a moment; wait for it instead of failing.
  db.pragma('busy_timeout = 5000');
  db.pragma('foreign_keys = ON');
  migrate(db);
  return db;
}

/**
 * An existing database, read-only and without migrating it: for one-shot CLI commands that only read
 * the stored papers. Throws when the file is missing, unreadable or from a newer paperbot.
 */
export function openDatabaseReadOnly(file: string): Db {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    db.pragma('busy_timeout = 5000');
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) throw new Error(`database schema version ${version} is newer than this paperbot (${SCHEMA_VERSION})`);
    return db;
  } catch (error) {
    db.close();
    throw error;
  }
}

function migrate(db: Db): void {
  const upgrade = db.transaction(() => {
    const current = db.pragma('user_version', { simple: true }) as number;
    if (current > SCHEMA_VERSION) {
      throw new Error(`database schema version ${current} is newer than this paperbot (${SCHEMA_VERSION}); upgrade paperbot`);
    }
    for (let version = current; version < SCHEMA_VERSION; version++) {
      db.exec(MIGRATIONS[version] as string);
      db.pragma(`user_version = ${version + 1}`);
    }
  });
  upgrade.immediate();
}
