// Ten million referrals (BENCH_REFERRALS to change) on a PostgreSQL server: does a service's
// work slow down with the size of the whole system? One service in Avon and Somerset with its
// staff and BENCH_CASES cases (100,000; bench/case-data.ts's loader) is measured twice in the
// same run: first alone in the database, then after the rest of a national system's referrals
// are written beside it (bench/national-referrals.ts, set-based, into the product's tables with
// their indexes, constraints, foreign keys and triggers) and the aggregate store is rebuilt, as a
// bulk load should be followed. Each time: the home page, two queues, the service report
// and the commissioner's quarterly return, one request at a time and with the load generator in
// a process of its own (bench/figures.ts's driver), each beside a hand-written SQL baseline for
// what it shows, run as the database owner in the same database at the same moment.
//
// PostgreSQL only (BENCH_DATABASE_URL or TEST_DATABASE_URL, a role that may create databases):
// the embedded database is one connection in one process, not meant for a national system.
import { cpus, loadavg } from 'node:os';
import { connectDatabase, type Database, type OwnerSession } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import {
  currentFinancialYear,
  firstDayOf,
  lastDayOf,
  periodKey,
  previousQuarter,
} from '../src/domain/report-periods.js';
import { londonDate } from '../src/platform/format.js';
import { CASES, loadService, PASSWORD, type Staff } from './case-data.js';
import { signIn } from './case-pages.js';
import { drive, median, refreshAfter, type Measure } from './report-requests.js';
import { loadNationalReferrals } from './national-referrals.js';
import { listeningApp, type Benchmark, SERVER_URL, millis } from './support.js';
import {
  addOrganisation,
  addThroughAdministrator,
  benchServices,
  number,
  Refusal,
  scratchDatabase,
  seconds,
} from './support.js';

export const REFERRALS = Number(process.env.BENCH_REFERRALS ?? 10_000_000);
const AREA = 'avon-and-somerset';
const SQL_RUNS = 20;

type Statement = [sql: string, args: unknown[]];
interface Page {
  name: string;
  path: string;
  who: 'practitioner' | 'manager' | 'commissioner';
  expect: string;
  /** The hand-written SQL for what the page shows, as the owner (no row-level security). */
  baseline: Statement[];
}
interface Stage {
  referrals: number;
  databaseBytes: number;
  measures: (Measure & { baseline: number })[];
  refreshOne: number;
  refreshHundred: number;
}

/** The pages measured, with their baselines. */
function pages(staff: Staff): Page[] {
  const today = londonDate(new Date());
  const quarter = previousQuarter(today);
  const year = currentFinancialYear(today);
  const org = staff.orgId;
  return [
    {
      name: 'home page (practitioner)',
      path: '/',
      who: 'practitioner',
      expect: '/cases?queue=',
      baseline: [
        [
          `select status, count(*) from referrals where org_id = $1
           and status in ('received', 'information_requested') group by status`,
          [org],
        ],
        [`select count(*) from cases where org_id = $1 and stage <> 'closed'`, [org]],
      ],
    },
    {
      name: 'queue "my cases"',
      path: '/cases?queue=mine',
      who: 'practitioner',
      expect: 'CS-',
      baseline: ['count(*)', 'c.id, c.reference, c.stage, c.created_at'].map((what, n) => [
        `select ${what} from cases c
         where c.org_id = $1 and c.stage <> 'closed' and exists (select 1 from case_allocations a
           where a.case_id = c.id and a.case_open and a.user_id = $2)
         ${n === 0 ? '' : 'order by c.created_at, c.id limit 25'}`,
        [org, staff.practitioner.userId],
      ]),
    },
    {
      name: 'queue "first contact overdue"',
      path: '/cases?queue=first_contact_overdue',
      who: 'practitioner',
      expect: '/cases?queue=',
      baseline: ['count(*)', 'c.id, c.reference, c.stage, c.created_at'].map((what, n) => [
        `select ${what} from cases c join referrals r on r.id = c.referral_id
         where c.org_id = $1 and c.stage in ('new', 'contacting') and c.first_contact_on is null
           and r.received_on < current_date - 14
         ${n === 0 ? '' : 'order by c.created_at, c.id limit 25'}`,
        [org],
      ]),
    },
    {
      name: `service report, ${periodKey(year)} (manager)`,
      path: `/outcomes?period=${periodKey(year)}`,
      who: 'manager',
      expect: 'Figures as at',
      baseline: [
        [
          `select source_org_id, source_kind, date_trunc('month', received_on), count(*)
           from referrals where org_id = $1 and received_on between $2 and $3 group by 1, 2, 3`,
          [org, firstDayOf(year), lastDayOf(year)],
        ],
      ],
    },
    {
      name: `quarterly return, ${periodKey(quarter)} (commissioner)`,
      path: `/areas/${AREA}/return.xlsx?period=${periodKey(quarter)}`,
      who: 'commissioner',
      expect: 'PK',
      baseline: [
        [
          `select r.org_id, r.source_org_id, r.source_kind, date_trunc('month', r.received_on), count(*)
           from referrals r join organisations o on o.id = r.org_id
           where o.area_id = $1 and r.received_on between $2 and $3 group by 1, 2, 3, 4`,
          [AREA, firstDayOf(quarter), lastDayOf(quarter)],
        ],
      ],
    },
  ];
}

/** The median time of the statements run one after another, after three runs to warm them. */
async function timeBaseline(owner: OwnerSession, statements: Statement[]): Promise<number> {
  const once = async () => {
    const started = performance.now();
    for (const [sql, args] of statements) await owner.query(sql, args);
    return performance.now() - started;
  };
  for (let n = 0; n < 3; n++) await once();
  const times: number[] = [];
  for (let n = 0; n < SQL_RUNS; n++) times.push(await once());
  return median(times);
}

async function measureStage(
  database: Database,
  base: string,
  cookies: Record<Page['who'], string>,
  staff: Staff,
  log: (line: string) => void,
): Promise<Stage> {
  const measures: Stage['measures'] = [];
  for (const page of pages(staff)) {
    log(`  ${page.name}…`);
    const baseline = await database.withOwner((owner) => timeBaseline(owner, page.baseline));
    const measure = await drive(base, page.path, cookies[page.who], page.expect, page.name);
    measures.push({ ...measure, baseline });
  }
  const refreshOne = await database.withOwner((owner) => refreshAfter(owner, staff.orgId, 1));
  const refreshHundred = await database.withOwner((owner) => refreshAfter(owner, staff.orgId, 100));
  const [row] = await database.withOwner((owner) =>
    owner.query<{ referrals: number; bytes: number }>(
      `select (select count(*) from referrals) as referrals,
        pg_database_size(current_database()) as bytes`,
    ),
  );
  return {
    referrals: Number(row!.referrals),
    databaseBytes: Number(row!.bytes),
    measures,
    refreshOne,
    refreshHundred,
  };
}

const gigabytes = (bytes: number) => `${(bytes / 1024 ** 3).toFixed(2)} GB`;

export const tenMillion: Benchmark = {
  name: 'ten-million',
  summary: `a service's pages and reports with ${number(CASES)} cases, alone and then among ${number(REFERRALS)} referrals in every area (PostgreSQL server only)`,
  onlyWhenNamed: true,
  async run(log) {
    if (!SERVER_URL)
      throw new Refusal(
        'ten-million runs on a PostgreSQL server only: set BENCH_DATABASE_URL (or TEST_DATABASE_URL) to a role that may create databases. The embedded database is one connection in one process and is not meant for a national system.',
      );
    if (REFERRALS < CASES)
      throw new Refusal(`BENCH_REFERRALS (${REFERRALS}) must be at least BENCH_CASES (${CASES}).`);
    const loadAtStart = loadavg()[0]!.toFixed(1);
    const target = await scratchDatabase(SERVER_URL);
    const closing: (() => Promise<unknown>)[] = [];
    try {
      const database = await connectDatabase(target.options);
      closing.unshift(() => database.close());
      await migrate(database);
      const services = benchServices(database.db);
      log(`loading ${number(CASES)} cases into one service on the ${target.description}…`);
      const { staff, loadMs } = await loadService(database, services, log);
      const buildMs = await database.withOwner(async (owner) => {
        const started = performance.now();
        await owner.query('select rebuild_aggregates()');
        return performance.now() - started;
      });
      log(`loaded in ${seconds(loadMs)}; store built in ${seconds(buildMs)}`);
      const office = await addOrganisation(services, {
        name: 'Benchmark PCC office',
        kind: 'pcc_office',
        slug: 'bench-pcc',
      });
      await addThroughAdministrator(services, office, {
        email: 'commissioner@bench.example.org',
        name: 'Chris Commissioner',
        role: 'commissioner',
        password: PASSWORD,
      });
      await database.analyze();
      const { app, base } = await listeningApp(services, database.db);
      closing.unshift(() => app.close());
      // Signed in afresh for each stage: loading may outlast an idle session.
      const cookiesNow = async () => ({
        practitioner: await signIn(app, staff.practitioner.email),
        manager: await signIn(app, staff.manager.email),
        commissioner: await signIn(app, 'commissioner@bench.example.org'),
      });
      log('the service alone:');
      const alone = await measureStage(database, base, await cookiesNow(), staff, log);

      const others = REFERRALS - alone.referrals;
      log(`writing ${number(others)} referrals of 86 services in 43 areas…`);
      const bulkStarted = performance.now();
      const bulk = await database.withOwner((owner) => loadNationalReferrals(owner, others, log));
      const bulkMs = performance.now() - bulkStarted;
      let started = performance.now();
      await database.analyze();
      const analyzeMs = performance.now() - started;
      log(
        `written in ${seconds(bulkMs)}, analysed in ${seconds(analyzeMs)}; rebuilding the store…`,
      );
      // A bulk load is followed by a rebuild, which reads every source once (ADR 0012): the
      // refresh's steps would claim its millions of marks a few thousand at a time.
      const [marked] = await database.withOwner((owner) =>
        owner.query<{ subjects: number }>(
          'select count(distinct subject_id)::int as subjects from aggregate_dirty',
        ),
      );
      started = performance.now();
      await database.withOwner((owner) => owner.query('select rebuild_aggregates()'));
      const refreshMs = performance.now() - started;
      const [sizes] = await database.withOwner((owner) =>
        owner.query<{ referrals: number; parties: number; figures: number; rows: number }>(
          `select pg_total_relation_size('referrals') as referrals,
            pg_total_relation_size('referral_parties') as parties,
            pg_total_relation_size('aggregate_figures') as figures,
            (select count(*) from aggregate_figures) as rows`,
        ),
      );
      log(`rebuilt in ${seconds(refreshMs)}; among them all:`);
      const among = await measureStage(database, base, await cookiesNow(), staff, log);

      const row = (m: Measure & { baseline: number }, i: number) => {
        const after = among.measures[i]!;
        return [
          m.name,
          millis(m.alone),
          millis(after.alone),
          `${(after.alone / m.alone).toFixed(2)}×`,
          `${m.requestsPerSecond!.toFixed(1)} / ${after.requestsPerSecond!.toFixed(1)}`,
          `${millis(m.p99)} / ${millis(after.p99)}`,
          `${millis(m.baseline)} / ${millis(after.baseline)}`,
          `${(m.alone / m.baseline).toFixed(1)}× / ${(after.alone / after.baseline).toFixed(1)}×`,
        ];
      };
      return {
        title: `One service with ${number(CASES)} cases, alone (${number(alone.referrals)} referrals) and among ${number(among.referrals)}, ${target.description}, Node ${process.version}`,
        table: [
          [
            'request (alone / among all)',
            'alone ms',
            'among all ms',
            'among ÷ alone',
            'requests/s',
            'p99 ms',
            'SQL baseline ms',
            'page ÷ SQL',
          ],
          ...alone.measures.map(row),
          [
            'store refreshed after 1 / 100 changed cases',
            `${millis(alone.refreshOne)} / ${millis(alone.refreshHundred)}`,
            `${millis(among.refreshOne)} / ${millis(among.refreshHundred)}`,
            `${(among.refreshOne / alone.refreshOne).toFixed(2)}× / ${(among.refreshHundred / alone.refreshHundred).toFixed(2)}×`,
            '–',
            '–',
            '–',
            '–',
          ],
        ],
        notes: [
          `Loading: the service's ${number(CASES)} cases in ${seconds(loadMs)} (bench/case-data.ts), its store built in ${seconds(buildMs)}; the other ${number(others)} referrals in ${bulk.statements} statements, ${seconds(bulkMs)} in all (referrals ${seconds(bulk.referralsMs)}, their ${number(2 * others)} parties ${seconds(bulk.partiesMs)}), analyse ${seconds(analyzeMs)}.`,
          `The store rebuilt after the bulk load (rebuild_aggregates(), as a bulk load should be followed): ${number(Number(marked!.subjects))} subjects had been marked; rebuilt in ${seconds(refreshMs)}; ${number(Number(sizes!.rows))} rows of figures.`,
          `Database size: ${gigabytes(alone.databaseBytes)} alone, ${gigabytes(among.databaseBytes)} among all (referrals ${gigabytes(Number(sizes!.referrals))}, referral_parties ${gigabytes(Number(sizes!.parties))}, aggregate_figures ${gigabytes(Number(sizes!.figures))}).`,
          "Baselines, as the owner without row-level security, the median of 20: the home page's referral and open-case counts; each queue's count and first page; the service report's referrals by source and month for the year; the return's referrals by service, source and month for the area's services in the quarter (from the case tables; the pages read the aggregate store).",
          `Machine: ${cpus().length} CPUs, load average ${loadAtStart} at the start and ${loadavg()[0]!.toFixed(1)} at the end.`,
        ],
      };
    } finally {
      for (const close of closing) await close().catch(() => undefined);
      await target.dispose();
    }
  },
};
