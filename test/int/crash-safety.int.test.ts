// Crash safety on the embedded database: a server killed with SIGKILL at random moments while
// writers send referrals through the HTTP API keeps every acknowledged write, never half of one,
// and its audit chain verifies. A few kills here; `npm run bench -- crash-safety` does 200.
import { describe, expect, it } from 'vitest';
import { testBackend } from '../support/backend.js';
import { runCrashHarness } from '../support/crash-safety.js';

const KILLS = 3;

describe.skipIf(testBackend().kind !== 'pglite')('killing the server at random moments', () => {
  it(
    `keeps every acknowledged write and nothing half-applied over ${KILLS} kills`,
    async () => {
      const report = await runCrashHarness({
        kills: KILLS,
        template: process.env.WAYMARK_TEST_PGLITE_TEMPLATE,
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
