import { availableParallelism } from 'node:os';
import { defineConfig } from 'vitest/config';

// Three levels of test, run as separate projects (see scripts/test.mjs):
//   unit  pure functions, no I/O            src/**/*.test.ts
//   int   services and HTTP through app.inject against a real database (PGlite or a
//         PostgreSQL server, chosen by WAYMARK_TEST_DB)   src/**/*.int.test.ts, test/int/**
//   e2e   browser journeys in Chromium with axe-core      test/e2e/**/*.e2e.test.ts
// Under CI (CI set, and not "false" or "0", as scripts/test.mjs reads it) a test marked .only
// fails the run instead of quietly skipping the rest of its file. ESLint refuses a committed
// .only as well; this catches one that slips past it.
const inCI = Boolean(process.env.CI) && !['false', '0'].includes(process.env.CI ?? '');

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'unit',
          allowOnly: !inCI,
          include: ['src/**/*.test.ts'],
          exclude: ['src/**/*.int.test.ts'],
          // Pure functions keep no state between files, so one module graph serves every file:
          // importing it again for each of the 78 files took three quarters of the step's
          // 43 s (12.5 s now, same machine). Shuffled runs pass too.
          isolate: false,
        },
      },
      {
        test: {
          name: 'int',
          allowOnly: !inCI,
          include: ['src/**/*.int.test.ts', 'test/int/**/*.int.test.ts'],
          globalSetup: ['test/support/global-setup.ts'],
          // The tests wait on the database and on the processes the CLI tests start, so two
          // files at a time pay off even on a two-CPU machine.
          maxWorkers: Math.max(2, availableParallelism() - 1),
          // Each worker imports the app once and runs file after file in it (every file still
          // builds its own database, services and app): importing the app again for every
          // file took a third of the run. Nothing in src/ keeps state between files but caches.
          isolate: false,
          // Generous, so that a test fails by what it checks and never because the machine is
          // busy: loading the demo data into a data folder takes a minute when the CPUs are shared.
          testTimeout: 300_000,
          hookTimeout: 300_000,
        },
      },
      {
        test: {
          name: 'e2e',
          allowOnly: !inCI,
          include: ['test/e2e/**/*.e2e.test.ts'],
          // One Chromium for the run, and the migrated database to clone.
          globalSetup: ['test/e2e/support/global-setup.ts'],
          // Two files at a time, each with its own app, database and browser contexts.
          maxWorkers: 2,
          isolate: false,
          testTimeout: 180_000,
          hookTimeout: 180_000,
          // A page reached by a click may take a while to arrive on a busy machine: a check
          // that waits for it (its heading, say) gives it that while rather than a second.
          expect: { poll: { timeout: 30_000 } },
        },
      },
    ],
  },
});
