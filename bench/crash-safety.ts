// crash-safety: the harness of test/int/crash-safety.int.test.ts at full length. A Waymark server
// takes referrals through the HTTP API from four writers and is killed with SIGKILL at a random
// moment (up to 1.5 s after it is ready), 200 times (BENCH_KILLS to change); then every referral
// acknowledged with a 201 must be stored, none half, and the audit chain must verify. On the
// embedded database, and on a new database on the PostgreSQL server at BENCH_DATABASE_URL when it
// is set. Prints the figures; a lost or partial write is printed, not thrown, so the figures are
// seen whatever they are.
import { runCrashHarness, type CrashReport } from '../test/support/crash-safety.js';
import { number, scratchDatabase, seconds, type Benchmark } from './support.js';

const ROWS: [string, (r: CrashReport) => string][] = [
  ['kills (SIGKILL)', (r) => number(r.kills)],
  ['writes acknowledged (201)', (r) => number(r.acknowledged)],
  ['requests cut off or refused', (r) => number(r.unanswered)],
  ['referrals stored', (r) => number(r.stored)],
  ['acknowledged but missing (must be 0)', (r) => number(r.lost)],
  ['stored but half-applied (must be 0)', (r) => number(r.partial)],
  ['audit events', (r) => number(r.auditEvents)],
  ['audit chain verifies', (r) => (r.auditVerifies ? 'yes' : 'NO')],
  ['time taken', (r) => seconds(r.elapsedMs)],
];

export const crashSafety: Benchmark = {
  name: 'crash-safety',
  summary: 'SIGKILL the server at random moments under API writes; check every acknowledged write',
  async run(log) {
    const kills = Number(process.env.BENCH_KILLS ?? 200);
    const every10th = (where: string) => (line: string) => {
      if (/kill (\d+)\//.exec(line)?.[1]?.endsWith('0')) log(`${where}: ${line}`);
    };
    const reports: [string, CrashReport][] = [
      ['embedded database', await runCrashHarness({ kills, log: every10th('embedded') })],
    ];
    if (process.env.BENCH_DATABASE_URL) {
      const scratch = await scratchDatabase();
      try {
        const url = scratch.location.kind === 'server' ? scratch.location.url : '';
        reports.push([
          'PostgreSQL server',
          await runCrashHarness({ kills, databaseUrl: url, log: every10th('server') }),
        ]);
      } finally {
        await scratch.dispose();
      }
    }
    return {
      title: `Crash safety: ${number(kills)} kills with SIGKILL on each database`,
      table: [
        ['measure', ...reports.map(([name]) => name)],
        ...ROWS.map(([label, value]) => [label, ...reports.map(([, report]) => value(report))]),
      ],
      notes: process.env.BENCH_DATABASE_URL
        ? []
        : ['Set BENCH_DATABASE_URL to a PostgreSQL server to run the same on a server.'],
    };
  },
};
