/**
 * `paperbot doctor`: the database is reachable and migrated. It only looks: a SQLite file that does
 * not exist yet is created, and an older schema migrated, by `paperbot start` (or a first `add`).
 * The console reads it too, for the papers added from chat, so it is checked with no chat platform.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { createLogger } from '../../src/log.js';
import { appliedVersion, SCHEMA_VERSION } from '../../src/storage/migrations.js';
import { describeTarget, PostgresClient } from '../../src/storage/postgres.js';
import type { StorageSettings } from '../../src/storage/settings.js';
import { shortPath } from '../console/short-path.js';
import { fail, ok, type CheckResult } from './check.js';

/** The nearest folder that exists on the way to `dir`: where the database's folder would be made. */
function existingParent(dir: string): string {
  let current = dir;
  while (!fs.existsSync(current) && path.dirname(current) !== current) current = path.dirname(current);
  return current;
}

function writable(target: string): boolean {
  try {
    fs.accessSync(target, fs.constants.W_OK);
    return true;
  } catch {
    return false;
  }
}

/** The schema a paperbot database is at: its migration table, or `user_version` before there was one. */
function sqliteVersion(file: string): number {
  const db = new Database(file, { readonly: true, fileMustExist: true });
  try {
    const table = db.prepare("SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = 'schema_migrations'").get();
    if (table) return Number((db.prepare('SELECT MAX(version) AS version FROM schema_migrations').get() as { version: number | null }).version ?? 0);
    return Number(db.pragma('user_version', { simple: true }));
  } finally {
    db.close();
  }
}

function versionCheck(name: string, version: number): CheckResult {
  if (version > SCHEMA_VERSION) {
    return fail('database', `${name} has schema v${version}, newer than this paperbot (v${SCHEMA_VERSION})`, 'upgrade paperbot, or point it at another database');
  }
  if (version < SCHEMA_VERSION) return ok('database', `${name}: reachable, schema v${version}; \`paperbot start\` migrates it to v${SCHEMA_VERSION}`);
  return ok('database', `${name}: reachable, schema v${version} (current)`);
}

function checkSqlite(file: string): CheckResult {
  const name = `SQLite at ${shortPath(file)}`;
  if (!fs.existsSync(file)) {
    const parent = existingParent(path.dirname(file));
    if (!writable(parent)) return fail('database', `${name} does not exist and ${shortPath(parent)} is not writable`, 'point DATABASE_PATH at a writable place');
    return ok('database', `${name} does not exist yet; \`paperbot start\` (or a first \`add\`) creates it`);
  }
  let version: number;
  try {
    version = sqliteVersion(file);
  } catch (error) {
    return fail('database', `${name} cannot be read: ${error instanceof Error ? error.message : String(error)}`, 'point DATABASE_PATH at a paperbot database, or move this file away to start afresh');
  }
  if (!writable(file)) return fail('database', `${name} is read-only for this user`, 'give the bot write access to the file and its folder');
  return versionCheck(name, version);
}

async function checkPostgres(url: string): Promise<CheckResult> {
  const client = new PostgresClient(url, createLogger('silent'), { max: 1 });
  const name = describeTarget(client.target);
  try {
    await client.connect();
  } catch (error) {
    return fail('database', error instanceof Error ? error.message : String(error), 'check DATABASE_URL, and that this machine may connect to that server');
  }
  try {
    let version = 0;
    try {
      version = await appliedVersion(client);
    } catch {
      // No schema_migrations table yet: a new, empty database that `start` migrates.
    }
    return versionCheck(name, version);
  } finally {
    await client.close();
  }
}

export async function checkDatabase(settings: StorageSettings): Promise<CheckResult> {
  return settings.kind === 'postgres' ? checkPostgres(settings.url) : checkSqlite(settings.path);
}
