// CI's crash-safety run, beside `npm test` (too long for the suite): the harness of
// test/int/crash-safety.int.test.ts with CRASH_KILLS kills (50 by default) on the embedded
// database, and on a scratch database on the PostgreSQL server at TEST_DATABASE_URL when it is
// set. Prints each run's figures and fails if any acknowledged write is missing or half-applied,
// or an audit chain does not verify.
import { scratchDatabase } from '../bench/support.js';
import { runCrashHarness, type CrashReport } from '../test/support/crash-safety.js';

const kills = Number(process.env.CRASH_KILLS ?? 50);
const progress = (where: string) => (line: string) => {
  if (/kill (\d+)\//.exec(line)?.[1]?.endsWith('0')) console.log(`  ${where}: ${line}`);
};

function judge(where: string, report: CrashReport): boolean {
  const { elapsedMs, ...figures } = report;
  console.log(`${where}: ${JSON.stringify(figures)} in ${(elapsedMs / 1000).toFixed(0)} s`);
  return (
    report.acknowledged > 0 && report.lost === 0 && report.partial === 0 && report.auditVerifies
  );
}

let ok = judge('embedded database', await runCrashHarness({ kills, log: progress('embedded') }));
if (process.env.TEST_DATABASE_URL) {
  const scratch = await scratchDatabase(process.env.TEST_DATABASE_URL);
  try {
    const url = scratch.location.kind === 'server' ? scratch.location.url : '';
    const report = await runCrashHarness({ kills, databaseUrl: url, log: progress('server') });
    ok = judge('PostgreSQL server', report) && ok;
  } finally {
    await scratch.dispose();
  }
}
if (!ok) {
  console.error(
    'Crash safety: an acknowledged write was lost or half-applied, or an audit chain broke.',
  );
  process.exit(1);
}
console.log(`Crash safety: ${kills} kills on each database, every acknowledged write kept whole.`);
