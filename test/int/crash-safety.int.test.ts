// Crash safety: a Waymark server killed with SIGKILL at random moments while writers send
// referrals through the HTTP API keeps every acknowledged write, never half of one, and its audit
// chain verifies; on the embedded database and on a PostgreSQL server. A few kills here;
// `npm run bench -- crash-safety` does 200.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testBackend } from '../support/backend.js';
import { runCrashHarness } from '../support/crash-safety.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const KILLS = 3;
let serverDatabase: TestDatabase | undefined;

beforeAll(async () => {
  if (testBackend().kind === 'postgres') serverDatabase = await createTestDatabase();
});
afterAll(() => serverDatabase?.destroy());

describe(`killing the server at random moments (${testBackend().kind})`, () => {
  it(
    `keeps every acknowledged write and nothing half-applied over ${KILLS} kills`,
    async () => {
      const report = await runCrashHarness({
        kills: KILLS,
        ...(serverDatabase
          ? { databaseUrl: serverDatabase.url! }
          : { template: process.env.WAYMARK_TEST_PGLITE_TEMPLATE }),
      });
      process.stdout.write(`crash safety: ${JSON.stringify(report)}\n`);
      expect(report.acknowledged).toBeGreaterThan(0);
      expect(report.lost).toBe(0);
      expect(report.partial).toBe(0);
      expect(report.stored).toBeGreaterThanOrEqual(report.acknowledged);
      expect(report.auditVerifies).toBe(true);
    },
    // Each kill restarts a server; on a loaded machine that takes its time (no tight limit).
    30 * 60_000,
  );
});
