// The national pages over the 43 police force areas with 10 million referrals in the aggregate
// store (BENCH_REFERRALS to change), loaded in the store's own terms by bench/national-data.ts.
// Each page is asked for one request at a time, then driven by autocannon in a process of its
// own (so the load generator does not share the app's event loop), as a national analyst.
// The baseline, in the same run and database: one hand-written query over the store, the
// referrals received by every area in a year, as the database owner.
//
// The embedded database by default; BENCH_DATABASE_URL=postgres://… runs it on a server.
import { execFile } from 'node:child_process';
import { cpus, loadavg } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { connectDatabase, type OwnerSession } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { repoDir } from '../src/platform/paths.js';
import { ANALYST, loadNational, MONTHS, PASSWORD, REFERRALS } from './national-data.js';
import { signInThroughForms } from './sign-in.js';
import { listeningApp, type Benchmark, millis } from './support.js';
import { benchServices, number, scratchDatabase, seconds } from './support.js';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 5);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 10);
const ALONE = 7;
/** The fewest requests a page is driven with: a slow page is asked this many times instead. */
const MIN_SAMPLES = 50;
const SQL_ITERATIONS = 200;
const run = promisify(execFile);

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

interface PageMeasure {
  name: string;
  alone: number;
  requestsPerSecond: number;
  p50: number;
  p99: number;
}

/** One request at a time (each checked), then autocannon in its own process. */
async function drive(
  base: string,
  cookie: string,
  page: { name: string; paths: string[]; expect: string },
): Promise<PageMeasure> {
  const times: number[] = [];
  for (let n = 0; n < Math.max(ALONE, page.paths.length); n++) {
    const url = `${base}${page.paths[n % page.paths.length]}`;
    const started = performance.now();
    const response = await fetch(url, { headers: { cookie } });
    const body = await response.text();
    times.push(performance.now() - started);
    if (response.status !== 200 || !body.includes(page.expect))
      throw new Error(`${page.name}: ${url} answered ${response.status} without "${page.expect}"`);
  }
  const alone = median(times.slice(1));
  // autocannon drops what is still running when the time is up: a page too slow to answer
  // MIN_SAMPLES times in SECONDS, one at a time, is asked that many times instead.
  const howMany =
    alone * MIN_SAMPLES > SECONDS * 1000 ? ['-a', String(MIN_SAMPLES)] : ['-d', String(SECONDS)];
  const { stdout } = await run(
    path.join(repoDir, 'node_modules/.bin/autocannon'),
    [
      '-j',
      '-n',
      '-c',
      String(CONNECTIONS),
      ...howMany,
      '-t',
      '120',
      '-H',
      `cookie=${cookie}`,
      `${base}${page.paths[0]}`,
    ],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const result = JSON.parse(stdout) as {
    latency: { p50: number; p99: number };
    requests: { total: number };
    duration: number;
    non2xx: number;
    errors: number;
    timeouts: number;
  };
  if (result.non2xx + result.errors + result.timeouts > 0)
    throw new Error(
      `${page.name}: ${result.non2xx} non-2xx, ${result.errors} errors, ${result.timeouts} timeouts`,
    );
  return {
    name: page.name,
    alone,
    requestsPerSecond: result.requests.total / result.duration,
    p50: result.latency.p50,
    p99: result.latency.p99,
  };
}

/** The hand-written query: referrals received by each area in a year, from the store. */
async function handWritten(owner: OwnerSession, year: number): Promise<number> {
  const sql = `select o.area_id, sum(f.n) as referrals
    from aggregate_figures f join organisations o on o.id = f.org_id
    where f.figure = 'referrals_received' and f.dimension = '' and f.month between $1 and $2
    group by o.area_id`;
  const args = [`${year}-01-01`, `${year}-12-01`];
  for (let n = 0; n < 10; n++) await owner.query(sql, args);
  const times: number[] = [];
  for (let n = 0; n < SQL_ITERATIONS; n++) {
    const started = performance.now();
    const rows = await owner.query(sql, args);
    times.push(performance.now() - started);
    if (rows.length !== 43) throw new Error(`The query found ${rows.length} areas, not 43`);
  }
  return median(times);
}

export const nationalPages: Benchmark = {
  name: 'national-pages',
  summary: `the national map, victims offered, an area's page and the survey results over 43 areas with ${number(REFERRALS)} referrals in the aggregate store, against one hand-written query`,
  async run(log) {
    const loadAtStart = loadavg()[0]!.toFixed(1);
    const target = await scratchDatabase();
    const closing: (() => Promise<unknown>)[] = [];
    try {
      const database = await connectDatabase(target.options);
      closing.unshift(() => database.close());
      await migrate(database);
      const services = benchServices(database.db);
      const thisYear = new Date().getFullYear();
      const firstYear = thisYear - MONTHS / 12;
      log(`loading the store for ${number(REFERRALS)} referrals into the ${target.description}…`);
      const { rows, loadMs } = await loadNational(database, services, {
        firstMonth: `${firstYear}-01-01`,
      });
      log(`loaded ${number(rows)} rows of aggregate_figures and the rest in ${seconds(loadMs)}`);
      const year = thisYear - 1;
      const query = await database.withOwner((owner) => handWritten(owner, year));

      const { app, base } = await listeningApp(services, database.db);
      closing.unshift(() => app.close());
      const cookie = await signInThroughForms(app, ANALYST, PASSWORD);
      const areas = await database.withOwner((owner) =>
        owner.query<{ id: string }>('select id from areas order by id'),
      );
      const pages = [
        {
          name: 'map, referrals per 100,000',
          paths: [`/national/map?measure=referrals_per_100k&year=${year}`],
          expect: 'data-area="kent"',
        },
        {
          name: 'map, victims told (Waymark)',
          paths: [`/national/map?measure=victims_told_waymark&year=${year}`],
          expect: 'data-area="kent"',
        },
        {
          name: 'map, RJ spend share (survey)',
          paths: [`/national/map?measure=spend_share&year=${year}`],
          expect: 'data-area="kent"',
        },
        {
          name: 'victims offered RJ',
          paths: [`/national/victims-offered?year=${year}`],
          expect: 'data-area="kent"',
        },
        {
          name: "an area's page (43 in turn)",
          paths: areas.map((a) => `/national/areas/${a.id}?year=${year}`),
          expect: 'referrals received in',
        },
        {
          name: 'survey results',
          paths: [`/national/survey/${year}`],
          expect: 'police force areas responded',
        },
        { name: 'home page', paths: ['/'], expect: 'national map' },
      ];
      const measures: PageMeasure[] = [];
      for (const page of pages) {
        log(`${page.name}…`);
        measures.push(await drive(base, cookie, page));
      }
      return {
        title: `43 areas, ${number(REFERRALS)} referrals over ${MONTHS} months in the aggregate store, ${target.description}, Node ${process.version}`,
        table: [
          ['page', 'alone ms', 'alone ÷ query', 'requests/s', 'p50 ms', 'p99 ms'],
          [
            'hand-written query: referrals by area in a year (baseline)',
            millis(query),
            '1.0×',
            '–',
            '–',
            '–',
          ],
          ...measures.map((m) => [
            m.name,
            millis(m.alone),
            `${(m.alone / query).toFixed(1)}×`,
            m.requestsPerSecond < 100
              ? m.requestsPerSecond.toFixed(1)
              : number(m.requestsPerSecond),
            millis(m.p50),
            millis(m.p99),
          ]),
        ],
        notes: [
          `The store: ${number(rows)} rows for two services in each area over ${MONTHS} months, written set-based as the owner in ${seconds(loadMs)} (no case table is read or written).`,
          `alone ms: the median of ${ALONE} or more requests one at a time (the first left out), each checked. requests/s, p50 and p99: autocannon in its own process, ${CONNECTIONS} connections for ${SECONDS} s.`,
          'The query is the owner reading the store without row-level security, one statement; a page reads a year of it as the figures role, suppresses it as one grid, and renders the map, tables and charts.',
          `Machine: ${cpus().length} CPUs, load average ${loadAtStart} at the start and ${loadavg()[0]!.toFixed(1)} at the end.`,
        ],
      };
    } finally {
      for (const close of closing) await close().catch(() => undefined);
      await target.dispose();
    }
  },
};
