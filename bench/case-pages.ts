// The case page, every queue and the home page with 100,000 cases in one service (BENCH_CASES
// to change), each against its honest baseline measured side by side in the same run: a bare
// Fastify route on the same database that replays the exact statements the real request ran
// (same SQL, same parameters, same transactions with the same row-level security settings)
// and returns the same HTML (bench/page-replay.ts). ratio = real requests/s ÷ baseline
// requests/s. The load generator runs in a process of its own (bench/load-generator.ts).
//
// Runs on the embedded database (a temporary data folder) and then, if BENCH_DATABASE_URL or
// TEST_DATABASE_URL names a PostgreSQL server (a role that may create databases), on a
// scratch database there too (BENCH_DATABASES=pglite or =postgres for one). Each figure, at 10 and at 50 connections, is measured on as many
// requests as one connection would answer in BENCH_SECONDS (10), and at least
// BENCH_MIN_REQUESTS (200).
import { spawn } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import type { FastifyInstance } from 'fastify';
import { connectDatabase } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { StatementRecorder } from '../src/db/statement-recorder.js';
import { QUEUES } from '../src/features/cases/queues.js';
import { CASES, loadService, PASSWORD } from './case-data.js';
import { record, replayServer, type Recording } from './page-replay.js';
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
  span,
} from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 10);
const MIN_REQUESTS = Number(process.env.BENCH_MIN_REQUESTS ?? 200);
const CONNECTIONS = [10, 50];
/** How many different cases the case page requests go round (each one recorded). */
const CASE_SAMPLE = Number(process.env.BENCH_CASE_SAMPLE ?? 100);
/** BENCH_SHOW_SQL=1 prints the statements each page ran (its first path) and measures nothing. */
const SHOW_SQL = Boolean(process.env.BENCH_SHOW_SQL);
/** BENCH_PAGES=case,home measures only the pages whose names begin so (all when unset). */
const ONLY_PAGES = process.env.BENCH_PAGES?.split(',').filter(Boolean);
const chosen = (page: { name: string }) =>
  !ONLY_PAGES || ONLY_PAGES.some((start) => page.name.startsWith(start));

const rate = (n: number) => (n < 100 ? n.toFixed(1) : number(n));

/**
 * A session cookie for the user, by signing in through the forms (bench/sign-in.ts), from
 * `address` (sign-in is rate limited per address, as a real office's many desks are not).
 */
export function signIn(
  app: FastifyInstance,
  email: string,
  address = '127.0.0.1',
): Promise<string> {
  return signInThroughForms(app, email, PASSWORD, address);
}

interface Load {
  requests: number;
  seconds: number;
  p50: number;
  p99: number;
  failed: number;
  /**
   * This process's CPU time per request while the figure was taken, in ms: the server's own
   * work (and, on the embedded database, the database's thread), not the load generator's.
   */
  cpuMs: number;
}

/** One figure: the load generator, in its own process, on one server at one concurrency. */
async function drive(
  base: string,
  paths: string[],
  cookie: string,
  connections: number,
  alone: number,
  name: string,
): Promise<Load> {
  const job = {
    url: base,
    cookie,
    seconds: SECONDS,
    connections,
    paths,
    // A count of requests rather than a duration: autocannon drops the requests still running
    // when time is up, which would hide the slowest. About SECONDS' worth one at a time, and
    // at least MIN_REQUESTS (five per connection), so that the p99 is not the maximum.
    amount: Math.max(MIN_REQUESTS, 5 * connections, Math.floor((SECONDS * 1000) / alone)),
  };
  const cpuBefore = process.cpuUsage();
  const output = await new Promise<string>((resolve, reject) => {
    const child = spawn(
      process.execPath,
      ['--import', 'tsx', 'bench/load-generator.ts', JSON.stringify(job)],
      { stdio: ['ignore', 'pipe', 'inherit'] },
    );
    let text = '';
    child.stdout.on('data', (chunk: Buffer) => (text += chunk.toString()));
    child.on('exit', (code) =>
      code === 0 ? resolve(text) : reject(new Error(`${name}: the load generator failed`)),
    );
  });
  const cpu = process.cpuUsage(cpuBefore);
  const load = JSON.parse(output) as Omit<Load, 'cpuMs'>;
  if (load.failed > 0 || load.requests === 0)
    throw new Error(`${name}: ${load.failed} of ${load.requests} requests failed under load`);
  return { ...load, cpuMs: (cpu.user + cpu.system) / 1000 / load.requests };
}

/** The median time of a few requests one at a time, after a first (each checked). */
async function alone(base: string, paths: string[], cookie: string, expect: string) {
  const times: number[] = [];
  for (let n = 0; n < 5; n++) {
    const path = paths[n % paths.length]!;
    const started = performance.now();
    const response = await fetch(`${base}${path}`, { headers: { cookie }, redirect: 'manual' });
    const body = await response.text();
    times.push(performance.now() - started);
    if (response.status !== 200 || !body.includes(expect))
      throw new Error(`GET ${path} answered ${response.status} on ${base}`);
  }
  return times.slice(1).sort((a, b) => a - b)[2]!;
}

interface Page {
  name: string;
  paths: string[];
  cookie: string;
  expect: string;
}

interface Row {
  page: string;
  statements: string;
  connections: number;
  baseline: Load;
  real: Load;
}

function showStatements(
  page: Page,
  recordings: Map<string, Recording>,
  log: (line: string) => void,
) {
  log(`${page.name}, GET ${page.paths[0]}:`);
  for (const unit of recordings.get(page.paths[0]!)!.units) {
    const statements = unit.kind === 'statement' ? [unit.statement] : unit.statements;
    if (unit.kind === 'transaction') log('  begin');
    for (const statement of statements)
      log(
        `  ${unit.kind === 'transaction' ? '  ' : ''}${statement.sql.replace(/\s+/g, ' ').slice(0, 160)}`,
      );
    if (unit.kind === 'transaction') log('  commit');
  }
}

async function measureOn(serverUrl: string | null, log: (line: string) => void) {
  const target = await scratchDatabase(serverUrl);
  const recorder = new StatementRecorder();
  const closing: (() => Promise<unknown>)[] = [];
  try {
    const database = await connectDatabase({ ...target.options, recorder });
    closing.unshift(() => database.close());
    await migrate(database);
    const services = benchServices(database.db);
    log(`loading ${number(CASES)} cases into the ${target.description}…`);
    const { staff, caseIds, loadMs } = await loadService(database, services, log);
    log(`loaded in ${seconds(loadMs)}`);
    const queueSizes = await services.caseQueues.counts(staff.practitioner);

    const { app, base } = await listeningApp(services, database.db);
    closing.unshift(() => app.close());
    const practitioner = await signIn(app, staff.practitioner.email);

    const pages: Page[] = [
      {
        name: `case page (${number(Math.min(CASE_SAMPLE, caseIds.length))} cases in turn)`,
        paths: caseIds.slice(0, CASE_SAMPLE).map((id) => `/cases/${id}`),
        cookie: practitioner,
        expect: 'CS-',
      },
      ...QUEUES.map((queue) => ({
        name: `queue ${queue} (${number(queueSizes[queue])})`,
        paths: [`/cases?queue=${queue}`],
        cookie: practitioner,
        // An empty queue (possible with few cases) shows its tabs but no case.
        expect: queueSizes[queue] > 0 ? 'CS-' : '/cases?queue=',
      })),
      { name: 'home page', paths: ['/'], cookie: practitioner, expect: '/cases?queue=' },
    ].filter(chosen);

    // Record every path after one request to warm it, then serve the recordings.
    const recordings = new Map<string, Recording>();
    for (const page of pages) {
      await alone(base, page.paths, page.cookie, page.expect);
      for (const path of page.paths)
        recordings.set(path, await record(recorder, base, path, page.cookie, page.expect));
    }
    if (SHOW_SQL) for (const page of pages) showStatements(page, recordings, log);
    const replay = await replayServer(database.db, recordings);
    closing.unshift(() => replay.app.close());

    const rows: Row[] = [];
    for (const page of SHOW_SQL ? [] : pages) {
      const recorded = page.paths.map((path) => recordings.get(path)!);
      const statements = `${span(recorded.map((r) => r.statements))} (${span(recorded.map((r) => r.roundTrips))})`;
      const replayAlone = await alone(replay.base, page.paths, page.cookie, page.expect);
      const realAlone = await alone(base, page.paths, page.cookie, page.expect);
      for (const connections of CONNECTIONS) {
        log(`${page.name}, ${connections} connections…`);
        const baseline = await drive(
          replay.base,
          page.paths,
          page.cookie,
          connections,
          replayAlone,
          `${page.name} (baseline)`,
        );
        const real = await drive(base, page.paths, page.cookie, connections, realAlone, page.name);
        rows.push({ page: page.name, statements, connections, baseline, real });
        log(
          `  baseline ${rate(perSecond(baseline))}/s p50 ${millis(baseline.p50)} p99 ${millis(baseline.p99)} (${baseline.requests}); ` +
            `real ${rate(perSecond(real))}/s p50 ${millis(real.p50)} p99 ${millis(real.p99)} (${real.requests}); ` +
            `ratio ${(perSecond(real) / perSecond(baseline)).toFixed(2)}`,
        );
      }
    }
    return { description: target.description, rows, openCases: queueSizes };
  } finally {
    for (const close of closing) await close().catch(() => undefined);
    await target.dispose();
  }
}

const perSecond = (load: Load) => load.requests / load.seconds;

export const casePages: Benchmark = {
  name: 'case-pages',
  summary: `the case page, every queue and the home page with ${number(CASES)} cases in one service, each against a bare route replaying its exact SQL and HTML`,
  async run(log) {
    const loadAtStart = loadavg()[0]!.toFixed(1);
    const targets = [
      ...(DATABASES.includes('pglite') ? [null] : []),
      ...(SERVER_URL && DATABASES.includes('postgres') ? [SERVER_URL] : []),
    ];
    const table: string[][] = [
      [
        'page',
        'database',
        'conns',
        'statements (round trips)',
        'baseline req/s',
        'real req/s',
        'ratio',
        'baseline p50/p99 ms',
        'real p50/p99 ms',
        'server CPU ms a request (baseline/real)',
        'requests measured (baseline/real)',
      ],
    ];
    for (const target of targets) {
      const measured = await measureOn(target, log);
      const database = target ? 'PostgreSQL' : 'PGlite';
      for (const row of measured.rows)
        table.push([
          row.page,
          database,
          String(row.connections),
          row.statements,
          rate(perSecond(row.baseline)),
          rate(perSecond(row.real)),
          (perSecond(row.real) / perSecond(row.baseline)).toFixed(2),
          `${millis(row.baseline.p50)} / ${millis(row.baseline.p99)}`,
          `${millis(row.real.p50)} / ${millis(row.real.p99)}`,
          `${row.baseline.cpuMs.toFixed(1)} / ${row.real.cpuMs.toFixed(1)}`,
          `${number(row.baseline.requests)} / ${number(row.real.requests)}`,
        ]);
    }
    return {
      title: `${number(CASES)} cases in one service, about ${SECONDS} s' worth and at least ${MIN_REQUESTS} requests a figure, Node ${process.version}`,
      table,
      notes: [
        'baseline: a bare Fastify route on the same database that replays, for each path, the exact ' +
          'statements one real request ran (recorded after a warm-up request), in the same ' +
          'transactions with the same row-level security settings, and returns the HTML that request ' +
          'returned. ratio = real requests/s ÷ baseline requests/s (1.00: Waymark costs nothing beyond its SQL).',
        'statements: per request, without begin and commit; round trips count those too (a range when the ' +
          'case pages differ). The load generator (autocannon) runs in its own process; pages and their ' +
          'baselines are measured one after the other, page by page. Server CPU: the CPU time of the ' +
          'process serving the pages (on the embedded database, with the database thread in it) ' +
          'divided by the requests served, for the baseline and for Waymark.',
        `Machine: ${cpus().length} CPUs, load average ${loadAtStart} at the start and ${loadavg()[0]!.toFixed(1)} at the end ` +
          '(other work on the machine slows every figure; compare the ratios).',
      ],
    };
  },
};
