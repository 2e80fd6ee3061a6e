import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Three levels of test, run as separate projects (see scripts/test.mjs):
//   unit  pure functions, no I/O            src/**/*.test.ts
//   int   services and HTTP through app.inject against a real database (PGlite or a
//         PostgreSQL server, chosen by WAYMARK_TEST_DB)   src/**/*.int.test.ts, test/int/**
//   e2e   browser journeys in Chromium with axe-core      test/e2e/**/*.e2e.test.ts
export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          include: ['src/**/*.test.ts'],
          exclude: ['src/**/*.int.test.ts'],
        },
      },
      {
        test: {
          name: 'int',
          include: ['src/**/*.int.test.ts', 'test/int/**/*.int.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          // The tests wait on the database and on the processes the CLI tests start, so two
          // files at a time pay off even on a two-CPU machine; the timeouts allow for sharing.
          maxWorkers: Math.max(2, availableParallelism() - 1),
          testTimeout: 120_000,
          hookTimeout: 120_000,
        },
      },
      {
        test: {
          name: 'e2e',
          include: ['test/e2e/**/*.e2e.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          testTimeout: 60_000,
          hookTimeout: 60_000,
          fileParallelism: false,
        },
      },
    ],
  },
});
