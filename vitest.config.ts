import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    setupFiles: ['test/setup/no-network.ts'],
    // Temporary files under one folder removed at the end; one PostgreSQL server for the run (tests
    // that run on both backends make a database each). Teardowns run in reverse order.
    globalSetup: ['test/setup/scratch.ts', 'test/setup/postgres.ts'],
    testTimeout: 20_000,
    hookTimeout: 20_000,
  },
});
