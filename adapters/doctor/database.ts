/**
 * `paperbot doctor`: the highlights database is reachable and migrated. It only looks: a database
 * that does not exist yet is created, and an older schema migrated, by `paperbot start`.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { SCHEMA_VERSION } from '../../src/digest/db.js';
import type { HighlightsSettings } from '../../src/digest/settings.js';
import { fail, ok, skip, type CheckResult } from './check.js';
import { shown } from './corpus.js';

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

export function checkDatabase(settings: HighlightsSettings): CheckResult {
  if (!settings.enabled) return skip('database', 'daily highlights are off (HIGHLIGHTS_ENABLED=false): no database used');
  const file = settings.databasePath;
  const name = `SQLite at ${shown(file)}`;
  if (!fs.existsSync(file)) {
    const parent = existingParent(path.dirname(file));
    if (!writable(parent)) return fail('database', `${name} does not exist and ${shown(parent)} is not writable`, 'point DATABASE_PATH at a writable place');
    return ok('database', `${name} does not exist yet; \`paperbot start\` creates it`);
  }
  let version: number;
  try {
    const db = new Database(file, { readonly: true, fileMustExist: true });
    try {
      version = db.pragma('user_version', { simple: true }) as number;
      db.prepare('SELECT count(*) FROM sqlite_master').get();
    } finally {
      db.close();
    }
  } catch (error) {
    return fail('database', `${name} cannot be read: ${error instanceof Error ? error.message : String(error)}`, 'point DATABASE_PATH at a paperbot database, or move this file away to start afresh');
  }
  if (!writable(file)) return fail('database', `${name} is read-only for this user`, 'give the bot write access to the file and its folder');
  if (version > SCHEMA_VERSION) {
    return fail('database', `${name} has schema v${version}, newer than this paperbot (v${SCHEMA_VERSION})`, 'upgrade paperbot, or point DATABASE_PATH at another file');
  }
  if (version < SCHEMA_VERSION) return ok('database', `${name}: schema v${version}; \`paperbot start\` migrates it to v${SCHEMA_VERSION}`);
  return ok('database', `${name}: reachable, schema v${version} (current)`);
}
