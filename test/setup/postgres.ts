/**
 * vitest global setup: one PostgreSQL server for the whole run, shared by every test file (each test
 * makes its own database on it). `PAPERBOT_TEST_DATABASE_URL` points the tests at a server of your own
 * instead (a superuser URL: tests create databases).
 */
import type { TestProject } from 'vitest/node';
import { startPostgresServer } from '../support/postgres-server.js';

declare module 'vitest' {
  export interface ProvidedContext {
    postgresUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<(() => Promise<void>) | undefined> {
  const external = process.env.PAPERBOT_TEST_DATABASE_URL;
  if (external) {
    project.provide('postgresUrl', external);
    return undefined;
  }
  const server = await startPostgresServer();
  project.provide('postgresUrl', server.url);
  return () => server.stop();
}
