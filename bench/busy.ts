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
import { AsyncLocalStorage } from 'node:async_hooks';
import { spawn } from 'node:child_process';
import { createReadStream } from 'node:fs';
import { cpus, loadavg } from 'node:os';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import path from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import type { Kysely } from 'kysely';
import { connectDatabase, type Database } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import type { DB } from '../src/db/schema.js';
import type { SystemActor } from '../src/domain/roles.js';
import { currentFinancialYear, periodKey } from '../src/domain/report-periods.js';
import { londonDate } from '../src/platform/format.js';
import { loadService, PASSWORD } from './case-data.js';
import type { Samples } from './load-generator.js';
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

interface Window {
  requests: number;
  perSecond: number;
  p50: number;
  p99: number;
  max: number;
  failed: number;
}

/**
 * The requests under way at any time between `from` and `to` (ms since the epoch), or with
 * `whole`, only those that began and ended between them.
 */
function windowOf(samples: Samples['samples'], from: number, to: number, whole = false): Window {
  const within = samples.filter(([start, ms]) =>
    whole ? start >= from && start + ms <= to : start <= to && start + ms >= from,
  );
  const times = within.map(([, ms]) => ms).sort((a, b) => a - b);
  const at = (part: number) =>
    times[Math.min(times.length - 1, Math.floor(times.length * part))] ?? 0;
  return {
    requests: within.length,
    perSecond: within.length / Math.max(0.001, (to - from) / 1000),
    p50: at(0.5),
    p99: at(0.99),
    max: times.at(-1) ?? 0,
    failed: within.filter(([, , status]) => status !== 200).length,
  };
}

/**
 * Keeps the case pages under load at CONNECTIONS connections while `work` runs; every request
 * that started in that time, each with its start and time.
 */
async function underLoad<T>(base: string, paths: string[], cookie: string, work: () => Promise<T>) {
  const job = { url: base, cookie, paths, connections: CONNECTIONS, seconds: 0, until: 'stopped' };
  const child = spawn(
    process.execPath,
    ['--import', 'tsx', 'bench/load-generator.ts', JSON.stringify(job)],
    { stdio: ['pipe', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
  const exited = new Promise<number | null>((resolve) => child.on('exit', resolve));
  await new Promise<void>((resolve, reject) => {
    child.stderr.on('data', (chunk: Buffer) => {
      if (chunk.toString().includes('load generator started')) resolve();
      else process.stderr.write(chunk);
    });
    void exited.then(() => reject(new Error('the load generator stopped before it started')));
  });
  // A moment for every connection to be open and busy before the work begins.
  await sleep(1000);
  // How long the app's event loop (this process's) was kept from answering at a time.
  const eventLoop = monitorEventLoopDelay({ resolution: 10 });
  eventLoop.enable();
  const from = Date.now();
  let result: T;
  try {
    result = await work();
  } finally {
    child.stdin.end();
    eventLoop.disable();
  }
  const to = Date.now();
  if ((await exited) !== 0) throw new Error('the load generator failed');
  const { samples } = JSON.parse(output) as Samples;
  return { result, samples, from, to, blockedMs: eventLoop.max / 1e6 };
}

/** Which transactions a piece of work began (by async context), with when each ran. */
function timeTransactionsOf(db: Kysely<DB>) {
  const tracked = new AsyncLocalStorage<{ spans: [number, number][] }>();
  const transaction = db.transaction.bind(db);
  db.transaction = () => {
    const builder = transaction();
    const execute = builder.execute.bind(builder);
    builder.execute = async (work) => {
      const spans = tracked.getStore()?.spans;
      // From when the transaction has begun (its connection in hand) to when it has ended.
      let started = 0;
      try {
        return await execute((tx) => {
          started = Date.now();
          return work(tx);
        });
      } finally {
        if (started) spans?.push([started, Date.now()]);
      }
    };
    return builder;
  };
  return async <T>(work: () => Promise<T>) => {
    const spans: [number, number][] = [];
    const result = await tracked.run({ spans }, work);
    return { result, spans };
  };
}

type Span = [number, number];

/** On a PostgreSQL server the import's one transaction is its longest, beside short progress ones. */
function oneTransactionPhases(spans: Span[]) {
  const publish = spans.reduce((a, b) => (b[1] - b[0] > a[1] - a[0] ? b : a));
  return { publish, staging: spans.filter((span) => span !== publish), publishing: [publish] };
}

/**
 * On the embedded database the import stages in short transactions, then publishes in batches
 * from the moment its job records (src/features/imports/batches.ts) to its last transaction.
 */
function batchPhases(spans: Span[], since: number) {
  const staging = spans.filter(([, end]) => end <= since);
  const publishing = spans.filter(([start]) => start >= since);
  const publish: Span = [since, Math.max(since, ...publishing.map(([, end]) => end))];
  return { publish, staging, publishing };
}

async function publishingSince(database: Database, jobId: string): Promise<number> {
  const [job] = await database.withOwner((owner) =>
    owner.query<{ since: Date | null }>(
      'select publishing_since as since from import_jobs where id = $1',
      [jobId],
    ),
  );
  if (!job?.since) throw new Error('the import recorded no start of publishing');
  return new Date(job.since).getTime();
}

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
      const { samples, from, to, blockedMs } = await underLoad(base, paths, practitioner, () =>
        sleep(SECONDS * 1000),
      );
      const window = windowOf(samples, from, to);
      rows.push({ phase, window, blockedMs, note: `${SECONDS} s` });
      return window;
    };

    const idleBeforeImport = await idle('idle');
    log(`importing ${number(IMPORT_ROWS)} referrals…`);
    const actor: SystemActor = { kind: 'system', orgId: staff.orgId, name: 'benchmark' };
    const imported = await underLoad(base, paths, practitioner, () =>
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
    const refreshed = await underLoad(base, paths, practitioner, () =>
      services.aggregates.refresh(),
    );
    const refresh = refreshed.result;
    rows.push({
      phase: "the store's refresh after the import",
      window: windowOf(refreshed.samples, refreshed.from, refreshed.to),
      blockedMs: refreshed.blockedMs,
      idle: idleBeforeImport,
      note:
        `${number(refresh.subjects)} records marked, ` +
        (refresh.rebuilt ? 'every figure rebuilt' : `${number(refresh.buckets)} service months`) +
        ` in ${seconds(refreshed.to - refreshed.from)}: ${refresh.steps} transactions of up to ` +
        `${millis(refresh.longestStepMs)} ms`,
    });

    const idleBeforeReport = await idle('idle again');
    log('the service report for the financial year, again and again…');
    const reported = await underLoad(base, paths, practitioner, async () => {
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
