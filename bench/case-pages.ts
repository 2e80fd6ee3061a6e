// The case page and the queue pages with 100,000 cases in one service (BENCH_CASES to change):
// requests per second and latency of the real app over HTTP, page by page. The baselines,
// measured in the same run, process and database: a bare Fastify route returning a fixed page
// (what HTTP and the load generator cost by themselves), and the raw SQL lookup of one case by
// id as the database owner (what one indexed query costs, without row-level security). The
// cases are written by bench/case-data.ts.
//
// The embedded database (a temporary data folder) by default; BENCH_DATABASE_URL=postgres://…
// (a role that may create databases) runs it on a PostgreSQL server instead. BENCH_SECONDS and
// BENCH_CONNECTIONS change how long and how hard each page is driven (5 s, 10 connections).
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { cpus, loadavg } from 'node:os';
import autocannon from 'autocannon';
import Fastify, { type FastifyInstance } from 'fastify';
import { buildApp } from '../src/app.js';
import { connectDatabase, type OwnerSession } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { QUEUE_PAGE_SIZE, QUEUES } from '../src/features/cases/queues.js';
import { SESSION_COOKIE } from '../src/platform/web-session.js';
import { CASES, COLLEAGUES, loadService, PASSWORD } from './case-data.js';
import { benchServices, number, scratchDatabase, seconds, type Benchmark } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const SQL_ITERATIONS = 5_000;
/** Requests to each page before measuring it, each checked: status 200 and the expected text. */
const WARM_UP = 5;
/** The fewest requests a page is measured on. */
const MIN_SAMPLES = 50;

const millis = (ms: number) => (ms < 10 ? ms.toFixed(2) : ms < 1000 ? ms.toFixed(1) : number(ms));
const ratio = (n: number) => (n < 100 ? n.toFixed(1) : number(n));

/** A session cookie for the user, by signing in through the sign-in form (with its CSRF token). */
export async function signIn(app: FastifyInstance, email: string): Promise<string> {
  const page = await app.inject({ method: 'GET', url: '/sign-in' });
  const token = /name="_csrf" value="([^"]+)"/.exec(page.body)?.[1];
  if (!token) throw new Error('The sign-in page has no CSRF token');
  const cookie = page.cookies.map((c) => `${c.name}=${c.value}`).join('; ');
  const response = await app.inject({
    method: 'POST',
    url: '/sign-in',
    headers: { cookie, 'content-type': 'application/x-www-form-urlencoded' },
    payload: new URLSearchParams({ _csrf: token, email, password: PASSWORD }).toString(),
  });
  const session = response.cookies.find((c) => c.name === SESSION_COOKIE);
  if (response.statusCode !== 302 || !session)
    throw new Error(`Signing in as ${email} answered ${response.statusCode}`);
  return `${SESSION_COOKIE}=${session.value}`;
}

interface Measure {
  name: string;
  /** One request on its own (the median of the warm-up requests after the first). */
  alone: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
  non2xx: number;
}

interface PageLoad {
  name: string;
  /** Paths requested in turn. */
  paths: string[];
  cookie?: string;
  /** Text every page must contain: checked on the warm-up requests, before measuring. */
  expect: string;
}

/**
 * Drives one page with autocannon for SECONDS at CONNECTIONS concurrent connections. A page that
 * answers anything but 2xx, or does not hold what it should, stops the benchmark: figures from
 * error pages would mean nothing.
 */
async function drive(base: string, load: PageLoad): Promise<Measure> {
  const headers = load.cookie ? { cookie: load.cookie } : undefined;
  const warmUp: number[] = [];
  for (let n = 0; n < WARM_UP; n++) {
    const path = load.paths[n % load.paths.length]!;
    const started = performance.now();
    const response = await fetch(`${base}${path}`, { headers, redirect: 'manual' });
    const body = await response.text();
    warmUp.push(performance.now() - started);
    if (response.status !== 200 || !body.includes(load.expect))
      throw new Error(
        `${load.name}: GET ${path} answered ${response.status}${response.status === 200 ? ` without "${load.expect}"` : ''}`,
      );
  }
  const alone = percentile(warmUp.slice(1), 0.5);
  let next = 0;
  // autocannon's own histogram keeps whole milliseconds; the bare route answers in less.
  const latencies: number[] = [];
  const result = await new Promise<autocannon.Result>((resolve, reject) => {
    const instance = autocannon(
      {
        url: base,
        connections: CONNECTIONS,
        // autocannon drops the requests still running when the time is up: a page too slow to
        // answer MIN_SAMPLES times in SECONDS (one request at a time) is asked that many times.
        ...(alone * MIN_SAMPLES > SECONDS * 1000 ? { amount: MIN_SAMPLES } : { duration: SECONDS }),
        // A slow page should be measured as slow, not fail as timed out.
        timeout: 120,
        headers,
        requests: [
          {
            method: 'GET',
            setupRequest: (request) => ({
              ...request,
              path: load.paths[next++ % load.paths.length]!,
            }),
          },
        ],
      },
      (error: unknown, result) => (error ? reject(error as Error) : resolve(result)),
    );
    instance.on('response', (_client, _status, _bytes, responseTime) =>
      latencies.push(responseTime),
    );
  });
  const failed = result.non2xx + result.errors + result.timeouts;
  if (failed > 0 || latencies.length === 0)
    throw new Error(
      `${load.name}: ${result.non2xx} non-2xx answers, ${result.errors} errors, ${result.timeouts} timeouts ` +
        `(${JSON.stringify(result.statusCodeStats)}) of ${latencies.length}: the figures cannot be trusted`,
    );
  return {
    name: load.name,
    alone,
    requestsPerSecond: latencies.length / result.duration,
    p50: percentile(latencies, 0.5),
    p99: percentile(latencies, 0.99),
    non2xx: result.non2xx,
  };
}

function percentile(values: number[], share: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * share))]!;
}

/** A second Fastify with one route returning a small fixed page: HTTP and autocannon alone. */
async function bareServer(): Promise<FastifyInstance> {
  const bare = Fastify({ logger: false });
  const page =
    '<!doctype html><html lang="en"><head><title>Bare</title></head><body><p>CS-0000-0000</p></body></html>';
  bare.get('/bare', async (_request, reply) => reply.type('text/html; charset=utf-8').send(page));
  await bare.listen({ port: 0, host: '127.0.0.1' });
  return bare;
}

const baseUrl = (app: FastifyInstance) =>
  `http://127.0.0.1:${(app.server.address() as AddressInfo).port}`;

/** The lookup of one case by id as the database owner, one query after another, in process. */
async function rawLookups(owner: OwnerSession, ids: string[]): Promise<Measure> {
  const sql = 'select * from cases where id = $1';
  for (const id of ids.slice(0, 100)) await owner.query(sql, [id]);
  const times: number[] = [];
  const started = performance.now();
  for (let n = 0; n < SQL_ITERATIONS; n++) {
    const at = performance.now();
    const rows = await owner.query(sql, [ids[n % ids.length]]);
    times.push(performance.now() - at);
    if (rows.length !== 1) throw new Error('The raw lookup found no case');
  }
  const elapsed = performance.now() - started;
  return {
    name: `raw SQL: one case by id, as owner (baseline, ${number(SQL_ITERATIONS)} in turn)`,
    alone: percentile(times, 0.5),
    requestsPerSecond: SQL_ITERATIONS / (elapsed / 1000),
    p50: percentile(times, 0.5),
    p99: percentile(times, 0.99),
    non2xx: 0,
  };
}

export const casePages: Benchmark = {
  name: 'case-pages',
  summary: `the case page, its timeline, every queue and the home page with ${number(CASES)} cases in one service, against a bare route and a raw SQL lookup`,
  async run(log) {
    const loadAtStart = loadavg()[0]!.toFixed(1);
    const target = await scratchDatabase();
    const closing: (() => Promise<unknown>)[] = [];
    try {
      const database = await connectDatabase(target.options);
      closing.unshift(() => database.close());
      const migrateStarted = performance.now();
      await migrate(database);
      log(`migrated the ${target.description} in ${seconds(performance.now() - migrateStarted)}`);
      const services = benchServices(database.db);
      log(`loading ${number(CASES)} cases into the ${target.description}…`);
      const { staff, counts, caseIds, loadMs, analyzeMs } = await loadService(
        database,
        services,
        log,
      );
      const rows = Object.values(counts).reduce((sum, n) => sum + n, 0);
      log(`loaded ${number(rows)} rows in ${seconds(loadMs)}; analyze ${seconds(analyzeMs)}`);

      const raw = await database.withOwner((owner) => rawLookups(owner, caseIds));
      const queueSizes = await services.caseQueues.counts(staff.practitioner);
      const openCases = await database.withOwner(async (owner) => {
        const [row] = await owner.query<{ n: number }>(
          `select count(*) as n from cases where stage <> 'closed'`,
        );
        return Number(row!.n);
      });

      const app = await buildApp({
        services,
        db: database.db,
        cookieSecret: randomBytes(24).toString('hex'),
        baseUrl: 'http://localhost',
        logLevel: 'silent',
        cacheTemplates: true,
      });
      closing.unshift(() => app.close());
      await app.listen({ port: 0, host: '127.0.0.1' });
      const bare = await bareServer();
      closing.unshift(() => bare.close());
      const practitioner = await signIn(app, staff.practitioner.email);
      const manager = await signIn(app, staff.manager.email);

      // Page 50 of a big queue (or its last page, with fewer cases).
      const deepPage = Math.min(50, Math.ceil(queueSizes.inactive / QUEUE_PAGE_SIZE));
      const loads: PageLoad[] = [
        {
          name: `case page (summary), ${number(caseIds.length)} cases in turn`,
          paths: caseIds.map((id) => `/cases/${id}`),
          cookie: practitioner,
          expect: 'CS-',
        },
        {
          name: `case timeline, ${number(caseIds.length)} cases in turn`,
          paths: caseIds.map((id) => `/cases/${id}/timeline`),
          cookie: practitioner,
          expect: 'Case opened from referral',
        },
        ...QUEUES.map((queue) => ({
          name: `queue ${queue} (${number(queueSizes[queue])} cases)`,
          paths: [`/cases?queue=${queue}`],
          cookie: practitioner,
          expect: 'CS-',
        })),
        {
          name: `queue inactive, page ${deepPage}`,
          paths: [`/cases?queue=inactive&page=${deepPage}`],
          cookie: practitioner,
          expect: 'CS-',
        },
        {
          name: 'queue victims_code sorted by reference, newest first',
          paths: ['/cases?queue=victims_code&sort=reference&order=desc'],
          cookie: practitioner,
          expect: 'CS-',
        },
        {
          name: 'queue inactive, one facilitator, newest first (manager)',
          paths: [
            `/cases?queue=inactive&facilitator=${staff.colleagues[0]}&sort=opened&order=desc`,
          ],
          cookie: manager,
          expect: 'CS-',
        },
        {
          name: 'home page (practitioner)',
          paths: ['/'],
          cookie: practitioner,
          expect: '/cases?queue=',
        },
        { name: 'home page (manager)', paths: ['/'], cookie: manager, expect: '/cases?queue=' },
      ];

      log(`bare route…`);
      const baseline = await drive(baseUrl(bare), {
        name: 'bare Fastify route (baseline)',
        paths: ['/bare'],
        expect: 'CS-',
      });
      const measures: Measure[] = [baseline, raw];
      for (const load of loads) {
        log(`${load.name}…`);
        measures.push(await drive(baseUrl(app), load));
      }

      return {
        title: `${number(CASES)} cases in one service, ${target.description}, ${CONNECTIONS} connections for ${SECONDS} s a page, Node ${process.version}`,
        table: [
          ['page', 'alone ms', 'requests/s', 'p50 ms', 'p99 ms', 'p50 ÷ bare p50', 'non-2xx'],
          ...measures.map((m) => [
            m.name,
            millis(m.alone),
            m.requestsPerSecond < 100
              ? m.requestsPerSecond.toFixed(1)
              : number(m.requestsPerSecond),
            millis(m.p50),
            millis(m.p99),
            `${ratio(m.p50 / baseline.p50)}×`,
            String(m.non2xx),
          ]),
        ],
        notes: [
          `Loaded ${number(rows)} rows in ${seconds(loadMs)} (set-based SQL as the database owner), then analyze in ${seconds(analyzeMs)}: ` +
            Object.entries(counts)
              .map(([table, n]) => `${table} ${number(n)}`)
              .join(', ') +
            '.',
          `The practitioner signed in is the lead or a co-worker on ${number(queueSizes.mine)} open cases; ` +
            `${COLLEAGUES} colleagues and the manager hold the rest. Queue sizes are as the practitioner sees them.`,
          `alone ms: one request at a time (the median of ${WARM_UP - 1} after a first, each checked for status 200 and its content). ` +
            `requests/s, p50 and p99: ${CONNECTIONS} connections for ${SECONDS} s, or ${MIN_SAMPLES} requests for a page too slow to answer that many in that time. ` +
            'Any answer but 2xx stops the benchmark.',
          `${number(openCases)} of the cases are open (a large backlog); each open stage and each queue holds hundreds to thousands.`,
          `Machine: ${cpus().length} CPUs, load average ${loadAtStart} at the start and ${loadavg()[0]!.toFixed(1)} at the end (other work on the machine slows every figure alike; compare the ratios).`,
          'Every page request goes through the whole app: session, CSRF cookie, authorisation, row-level ' +
            'security (withActor), the queries, Nunjucks, and an audit event for each case view. ' +
            'autocannon runs in the same process as the app (and the bare route), so both share its ' +
            'CPU; the embedded database runs in a worker thread and serves one query at a time.',
        ],
      };
    } finally {
      for (const close of closing) await close().catch(() => undefined);
      await target.dispose();
    }
  },
};
