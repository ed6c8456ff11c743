/**
 * What an operator meets at start-up: DATABASE_URL checked with errors that never repeat the
 * password, a PostgreSQL that is down named by host and port (from the library and from the real
 * `paperbot start`), an existing SQLite database upgraded in place, a database newer than the code refused.
 */
import Database from 'better-sqlite3';
import pg from 'pg';
import { expect, test } from 'vitest';
import { loadConfig } from '../../src/config.js';
import { PaperbotError } from '../../src/errors.js';
import { createLogger } from '../../src/log.js';
import { openStorage } from '../../src/storage/index.js';
import { MIGRATIONS, SCHEMA_VERSION } from '../../src/storage/migrations.js';
import { runBin } from '../cli/run-bin.js';
import { freshPostgresDatabase, tempSqlitePath } from '../support/databases.js';
import { freePort } from '../support/net.js';

const options = { logger: createLogger('silent'), claimTimeoutMs: 600_000 };

function configError(env: Record<string, string>): PaperbotError {
  try {
    loadConfig(env);
  } catch (error) {
    return error as PaperbotError;
  }
  throw new Error('expected a configuration error');
}

test('DATABASE_URL must be a PostgreSQL URL; errors name the variable and never print the password', () => {
  const cases: Array<[string, RegExp]> = [
    ['mysql://paperbot:hunter2@db:3306/paperbot', /^configuration: DATABASE_URL: expected a postgres:\/\/ or postgresql:\/\/ URL, not mysql:\/\/…/],
    ['paperbot:hunter2@db/paperbot', /^configuration: DATABASE_URL: expected a postgres:\/\/ or postgresql:\/\//],
    ['not a url with hunter2', /^configuration: DATABASE_URL: expected a PostgreSQL URL such as postgres:\/\//],
    ['postgres:///paperbot?password=hunter2', /^configuration: DATABASE_URL: the URL names no host/],
  ];
  for (const [value, message] of cases) {
    const error = configError({ DATABASE_URL: value });
    expect(error.code).toBe('config_error');
    expect(error.message).toMatch(message);
    expect(error.message).not.toContain('hunter2');
    expect(JSON.stringify(error.details)).not.toContain('hunter2');
  }
  expect(loadConfig({ DATABASE_URL: 'postgresql://paperbot:hunter2@db.example.org:6543/bot' }).storage).toMatchObject({
    kind: 'postgres',
    target: { host: 'db.example.org', port: 6543, database: 'bot', user: 'paperbot' },
  });
  expect(loadConfig({ DATABASE_PATH: 'tmp/x.db' }).storage).toEqual({ kind: 'sqlite', path: expect.stringMatching(/tmp\/x\.db$/) });
  expect(loadConfig({}).storage).toEqual({ kind: 'sqlite', path: expect.stringMatching(/data\/paperbot\.db$/) });
});

test('a PostgreSQL that is down is a clear start-up error naming host and port', async () => {
  const port = await freePort();
  const { storage } = loadConfig({ DATABASE_URL: `postgres://paperbot:hunter2@127.0.0.1:${port}/paperbot` });
  const error = await openStorage(storage, options).catch((e: unknown) => e as PaperbotError);
  expect(error).toBeInstanceOf(PaperbotError);
  expect((error as PaperbotError).message).toBe(
    `database: cannot use PostgreSQL at 127.0.0.1:${port} (database "paperbot"): connection refused: is the server running and listening on that port? (check DATABASE_URL)`,
  );
});

test('a database that does not exist on a running server says so and how to create it', async () => {
  const url = new URL(await freshPostgresDatabase());
  url.pathname = '/no_such_database';
  const error = await openStorage(loadConfig({ DATABASE_URL: url.toString() }).storage, options).catch((e: unknown) => e as Error);
  expect((error as Error).message).toMatch(/database "no_such_database" does not exist; create it first \(createdb no_such_database\)/);
});

test('`paperbot start` with an unreachable DATABASE_URL exits with that message, not a stack trace', async () => {
  const port = await freePort();
  const result = await runBin(['start'], {
    env: { DISCORD_TOKEN: 'fake.token', DISCORD_API_URL: 'http://127.0.0.1:9/api', DATABASE_URL: `postgres://paperbot:hunter2@127.0.0.1:${port}/paperbot`, LOG_LEVEL: 'silent' },
  });
  expect(result.code).not.toBe(0);
  expect(result.stderr).toContain(`cannot use PostgreSQL at 127.0.0.1:${port}`);
  expect(result.stderr).not.toMatch(/\n\s+at /);
  expect(result.stderr + result.stdout).not.toContain('hunter2');
});

test('a SQLite database from before schema_migrations is upgraded in place, keeping its data', async () => {
  const file = tempSqlitePath();
  const old = new Database(file);
  old.exec(MIGRATIONS[0]!.sqlite);
  old.pragma('user_version = 1');
  old
    .prepare(
      `INSERT INTO subscriptions (platform, channel_id, time, timezone, count, origin, active_since, updated_at)
       VALUES ('slack', 'C1', '09:00', 'UTC', 5, 'command', 0, 0)`,
    )
    .run();
  const paper = { id: '2401.00001', title: 'Kept Paper', abstract: 'It stays.', authors: [], tags: [], links: {}, source: 'hf' };
  old.prepare(`INSERT INTO papers (id, paper, source, fetched_at) VALUES (?, ?, 'hf-daily 2026-01-01', 0)`).run(paper.id, JSON.stringify(paper));
  old.close();

  const storage = await openStorage(loadConfig({ DATABASE_PATH: file }).storage, options);
  try {
    expect(await storage.schema()).toEqual({ version: SCHEMA_VERSION, expected: SCHEMA_VERSION });
    expect((await storage.subscriptions.active()).map((s) => s.channelId)).toEqual(['C1']);
    const changes = await storage.papers.changesSince(0);
    expect(changes.papers.map((p) => p.paper.id)).toEqual([paper.id]);
    expect(changes.revision).toBeGreaterThan(0);
  } finally {
    await storage.close();
  }
});

test('a database migrated by a newer paperbot is refused with a clear message, on both backends', async () => {
  const url = await freshPostgresDatabase();
  const settings = loadConfig({ DATABASE_URL: url }).storage;
  await (await openStorage(settings, options)).close();
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  await client.query(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from the future', 0)`);
  await client.end();
  await expect(openStorage(settings, options)).rejects.toThrow(
    `database: its schema version 99 is newer than this paperbot's (${SCHEMA_VERSION}); upgrade paperbot`,
  );

  const file = tempSqlitePath();
  await (await openStorage(loadConfig({ DATABASE_PATH: file }).storage, options)).close();
  const db = new Database(file);
  db.prepare(`INSERT INTO schema_migrations (version, name, applied_at) VALUES (99, 'from the future', 0)`).run();
  db.close();
  await expect(openStorage(loadConfig({ DATABASE_PATH: file }).storage, options)).rejects.toThrow(/schema version 99 is newer/);
});
