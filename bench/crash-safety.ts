// crash-safety: the harness of test/int/crash-safety.int.test.ts at full length. A Waymark server
// on an embedded database takes referrals through the HTTP API from four writers and is killed
// with SIGKILL at a random moment (up to 1.5 s after it is ready), 200 times (BENCH_KILLS to
// change); then every referral acknowledged with a 201 must be stored, none half, and the audit
// chain must verify. Prints the figures; a lost or partial write is printed, not thrown, so the
// figures are seen whatever they are.
import { runCrashHarness } from '../test/support/crash-safety.js';
import { number, seconds, type Benchmark } from './support.js';

export const crashSafety: Benchmark = {
  name: 'crash-safety',
  summary: 'SIGKILL the server at random moments under API writes; check every acknowledged write',
  async run(log) {
    const kills = Number(process.env.BENCH_KILLS ?? 200);
    const report = await runCrashHarness({
      kills,
      log: (line) => {
        if (/kill (\d+)\//.exec(line)?.[1]?.endsWith('0')) log(line);
      },
    });
    return {
      title: `Crash safety, embedded database: ${number(kills)} kills with SIGKILL in ${seconds(report.elapsedMs)}`,
      table: [
        ['measure', 'count'],
        ['kills (SIGKILL)', number(report.kills)],
        ['writes acknowledged (201)', number(report.acknowledged)],
        ['requests cut off or refused', number(report.unanswered)],
        ['referrals stored', number(report.stored)],
        ['acknowledged but missing (must be 0)', number(report.lost)],
        ['stored but half-applied (must be 0)', number(report.partial)],
        ['audit events', number(report.auditEvents)],
        ['audit chain verifies', report.auditVerifies ? 'yes' : 'NO'],
      ],
    };
  },
};
