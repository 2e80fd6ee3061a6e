// Nobody waits behind heavy work: the case page at 50 connections (BENCH_CONNECTIONS) while
// nothing else runs, then while a large referral import runs and publishes (BENCH_IMPORT_ROWS,
// 50,000 rows, through the service `waymark import referrals` and the upload use), then while
// the aggregate store is brought up to date after it, then idle again, then while a year-long
// service report is asked for again and again for BENCH_SECONDS (15): p99 loaded ÷ p99 idle
// for each, in the same run. BENCH_CASES (20,000) cases are loaded set-based first, and the
// aggregate store the report reads is built from them.
//
// The load generator runs in its own process (bench/load-generator.ts, `until: 'stopped'`): it
// keeps every connection busy from before the heavy work starts until it ends, and the figures
// count the requests that started in that time, each waited for to the end.
//
// On the embedded database, then on a PostgreSQL server (the pool of 10 connections) if
// BENCH_DATABASE_URL or TEST_DATABASE_URL names one; BENCH_DATABASES=pglite or =postgres for one.
import { createReadStream } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { connectDatabase } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import type { SystemActor } from '../src/domain/roles.js';
import { currentFinancialYear, periodKey } from '../src/domain/report-periods.js';
import { londonDate } from '../src/platform/format.js';
import { loadService, PASSWORD } from './case-data.js';
import {
  batchPhases,
  oneTransactionPhases,
  publishingSince,
  timeTransactionsOf,
  underLoad,
  windowOf,
  type Window,
} from './load-windows.js';
import { writeReferralCsv } from './referral-csv.js';
import { signInThroughForms } from './sign-in.js';
import {
  benchServices,
  listeningApp,
  number,
  scratchDatabase,
  seconds,
  type Benchmark,
  SERVER_URL,
  DATABASES,
  millis,
} from './support.js';

const CASES = Number(process.env.BENCH_CASES ?? 20_000);
const IMPORT_ROWS = Number(process.env.BENCH_IMPORT_ROWS ?? 50_000);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 50);

interface Row {
  phase: string;
  window: Window;
  blockedMs: number;
  idle?: Window;
  note: string;
}

async function measureOn(serverUrl: string | null, log: (line: string) => void) {
  const target = await scratchDatabase(serverUrl);
  const closing: (() => Promise<unknown>)[] = [];
  try {
    const database = await connectDatabase(target.options);
    closing.unshift(() => database.close());
    await migrate(database);
    const tracking = timeTransactionsOf(database.db);
    const services = benchServices(database.db, database.kind, database.waiting);
    log(`loading ${number(CASES)} cases into the ${target.description}…`);
    const { staff, caseIds, loadMs } = await loadService(database, services, log, CASES);
    log(`loaded in ${seconds(loadMs)}; building the aggregate store…`);
    await database.withOwner((owner) => owner.query('select rebuild_aggregates()'));
    await database.analyze();
    const csv = path.join(target.dir, 'referrals.csv');
    const bytes = await writeReferralCsv(csv, IMPORT_ROWS, ['bench-police', 'self']);

    const { app, base } = await listeningApp(services, database.db);
    closing.unshift(() => app.close());
    const practitioner = await signInThroughForms(app, staff.practitioner.email, PASSWORD);
    const manager = await signInThroughForms(app, staff.manager.email, PASSWORD);
    const paths = caseIds.slice(0, 100).map((id) => `/cases/${id}`);
    const load = { base, paths, cookie: practitioner, connections: CONNECTIONS };
    const report = `/outcomes?period=${periodKey(currentFinancialYear(londonDate(new Date())))}`;
    const get = async (url: string, cookie: string, expect: string) => {
      const response = await fetch(`${base}${url}`, { headers: { cookie } });
      const body = await response.text();
      if (response.status !== 200 || !body.includes(expect))
        throw new Error(`GET ${url} answered ${response.status}`);
    };
    for (const path of paths) await get(path, practitioner, 'CS-');
    await get(report, manager, 'Figures as at');

    const rows: Row[] = [];
    const idle = async (phase: string) => {
      log(`${phase}…`);
      const { samples, from, to, blockedMs } = await underLoad(load, () => sleep(SECONDS * 1000));
      const window = windowOf(samples, from, to);
      rows.push({ phase, window, blockedMs, note: `${SECONDS} s` });
      return window;
    };

    const idleBeforeImport = await idle('idle');
    log(`importing ${number(IMPORT_ROWS)} referrals…`);
    const actor: SystemActor = { kind: 'system', orgId: staff.orgId, name: 'benchmark' };
    const imported = await underLoad(load, () =>
      tracking(async () => {
        const started = await services.imports.start(actor, {
          name: 'referrals.csv',
          size: bytes,
          open: () => createReadStream(csv),
        });
        return started.run();
      }),
    );
    const { result: summary, spans } = imported.result;
    if (summary.imported !== IMPORT_ROWS)
      throw new Error(`imported ${summary.imported} of ${IMPORT_ROWS} rows`);
    const oneTransaction = database.kind === 'server';
    const phases = oneTransaction
      ? oneTransactionPhases(spans)
      : batchPhases(spans, await publishingSince(database, summary.jobId));
    const longest = (list: [number, number][]) => Math.max(0, ...list.map(([a, b]) => b - a));
    const [publishFrom, publishTo] = phases.publish;
    rows.push({
      phase: 'import, from start to published',
      window: windowOf(imported.samples, imported.from, imported.to),
      blockedMs: imported.blockedMs,
      idle: idleBeforeImport,
      note: oneTransaction
        ? `${number(IMPORT_ROWS)} rows in ${seconds(imported.to - imported.from)}: one transaction, ${phases.staging.length} short ones for its progress`
        : `${number(IMPORT_ROWS)} rows in ${seconds(imported.to - imported.from)}: ` +
          `${phases.staging.length} staging transactions, then ${phases.publishing.length} publishing`,
    });
    if (!oneTransaction)
      rows.push({
        phase: 'import, while staging (begun and ended)',
        window: windowOf(imported.samples, imported.from, publishFrom, true),
        blockedMs: imported.blockedMs,
        idle: idleBeforeImport,
        note: `${phases.staging.length} transactions of up to ${millis(longest(phases.staging))} ms`,
      });
    rows.push({
      phase: oneTransaction ? 'import, while its transaction is open' : 'import, while publishing',
      window: windowOf(imported.samples, publishFrom, publishTo),
      blockedMs: imported.blockedMs,
      idle: idleBeforeImport,
      note: oneTransaction
        ? `one transaction of ${seconds(publishTo - publishFrom)}`
        : `${seconds(publishTo - publishFrom)}: ${phases.publishing.length} transactions of up to ${millis(longest(phases.publishing))} ms`,
    });

    log("the aggregate store's refresh after the import…");
    const refreshed = await underLoad(load, () => services.aggregates.refresh());
    const refresh = refreshed.result;
    rows.push({
      phase: "the store's refresh after the import",
      window: windowOf(refreshed.samples, refreshed.from, refreshed.to),
      blockedMs: refreshed.blockedMs,
      idle: idleBeforeImport,
      note:
        `${number(refresh.subjects)} records marked, ` +
        (refresh.rebuilt ? 'every figure rebuilt' : `${number(refresh.buckets)} service months`) +
        ` in ${seconds(refreshed.to - refreshed.from)}: ${number(refresh.steps)} ${refresh.steps === 1 ? 'step' : 'steps'}, ` +
        `the longest ${millis(refresh.longestStepMs)} ms with its wait for the connection`,
    });

    const idleBeforeReport = await idle('idle again');
    log('the service report for the financial year, again and again…');
    const reported = await underLoad(load, async () => {
      const times: number[] = [];
      const until = Date.now() + SECONDS * 1000;
      while (Date.now() < until) {
        const started = performance.now();
        await get(report, manager, 'Figures as at');
        times.push(performance.now() - started);
      }
      return times;
    });
    const times = reported.result;
    rows.push({
      phase: 'service report, financial year',
      window: windowOf(reported.samples, reported.from, reported.to),
      blockedMs: reported.blockedMs,
      idle: idleBeforeReport,
      note: `${times.length} reports one after another, ${millis(times.reduce((a, b) => a + b, 0) / times.length)} ms each`,
    });
    return { description: target.description, rows };
  } finally {
    for (const close of closing) await close().catch(() => undefined);
    await target.dispose();
  }
}

export const busy: Benchmark = {
  name: 'busy',
  summary: `case pages at ${CONNECTIONS} connections idle, while a ${number(IMPORT_ROWS)}-row import publishes and while a year-long report runs`,
  async run(log) {
    const loadAtStart = loadavg()[0]!.toFixed(1);
    const targets = [
      ...(DATABASES.includes('pglite') ? [null] : []),
      ...(SERVER_URL && DATABASES.includes('postgres') ? [SERVER_URL] : []),
    ];
    const table = [
      [
        'case pages while…',
        'database',
        'requests',
        'req/s',
        'p50 ms',
        'p99 ms',
        'max ms',
        'p99 ÷ idle p99',
        'event loop blocked, longest ms',
        'the heavy work',
      ],
    ];
    for (const target of targets) {
      const measured = await measureOn(target, log);
      for (const { phase, window, idle, note, blockedMs } of measured.rows) {
        if (window.failed > 0) throw new Error(`${phase}: ${window.failed} requests failed`);
        table.push([
          phase,
          target ? 'PostgreSQL' : 'PGlite',
          number(window.requests),
          window.perSecond.toFixed(1),
          millis(window.p50),
          millis(window.p99),
          millis(window.max),
          idle ? `${(window.p99 / idle.p99).toFixed(1)}×` : '',
          millis(blockedMs),
          note,
        ]);
      }
    }
    return {
      title: `${number(CASES)} cases, the case page (100 cases in turn) at ${CONNECTIONS} connections, Node ${process.version}`,
      table,
      notes: [
        'Each heavy figure is divided by the idle figure measured just before it. A window counts every ' +
          'request under way in it, each to its end: while publishing, that includes those that waited for it.',
        `Machine: ${cpus().length} CPUs, load average ${loadAtStart} at the start and ${loadavg()[0]!.toFixed(1)} at the end.`,
      ],
    };
  },
};
