/**
 * Where state lives: SQLite at `DATABASE_PATH` (the default, one machine), or PostgreSQL when
 * `DATABASE_URL` is set (several replicas). Its variables are spread into the one config schema in
 * src/config.ts. Errors name the variable and never repeat its value (it may hold a password).
 */
import path from 'node:path';
import { z } from 'zod';
import { postgresTarget, type PostgresTarget } from './postgres.js';

const optionalText = z
  .string()
  .trim()
  .optional()
  .transform((value) => (value ? value : undefined));

const postgresUrl = optionalText.transform((value, ctx) => {
  if (value === undefined) return undefined;
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'expected a PostgreSQL URL such as postgres://paperbot:PASSWORD@db.example.org:5432/paperbot' });
    return z.NEVER;
  }
  if (url.protocol !== 'postgres:' && url.protocol !== 'postgresql:') {
    ctx.addIssue({ code: 'custom', message: `expected a postgres:// or postgresql:// URL, not ${url.protocol}//…; leave it unset to use SQLite at DATABASE_PATH` });
    return z.NEVER;
  }
  if (!url.hostname) {
    ctx.addIssue({ code: 'custom', message: 'the URL names no host; expected postgres://user:PASSWORD@host:5432/database' });
    return z.NEVER;
  }
  return value;
});

export const storageEnvSchema = z.object({
  DATABASE_PATH: optionalText,
  DATABASE_URL: postgresUrl,
});

export type StorageSettings =
  | { kind: 'sqlite'; path: string }
  | {
      kind: 'postgres';
      /** Holds the password: pass it to the driver, never to a log. */
      url: string;
      target: PostgresTarget;
    };

export function storageSettings(env: z.output<typeof storageEnvSchema>, projectRoot: string): StorageSettings {
  if (env.DATABASE_URL) return { kind: 'postgres', url: env.DATABASE_URL, target: postgresTarget(env.DATABASE_URL) };
  return { kind: 'sqlite', path: path.resolve(env.DATABASE_PATH ?? path.join(projectRoot, 'data', 'paperbot.db')) };
}
