// The figures above the service with 100,000 cases in one police force area (BENCH_CASES to
// change): the commissioner's quarterly return (the workbook) and area page, and the manager's
// service report, over HTTP, each against one hand-written SQL aggregate over the same case
// data measured in the same run (referrals by source and month for the period, straight from
// the case tables, as the database owner). Also how long the aggregate store takes to build
// from scratch, and to refresh after a change. The load generator (autocannon) runs in a
// process of its own (bench/load-generator.ts).
//
// The embedded database by default; BENCH_DATABASE_URL=postgres://… runs it on a server.
import { cpus, loadavg } from 'node:os';
import { connectDatabase, type OwnerSession } from '../src/db/connect.js';
import { migrate } from '../src/db/migrate.js';
import { StatementRecorder, type RecordedStatement } from '../src/db/statement-recorder.js';
import {
  currentFinancialYear,
  firstDayOf,
  lastDayOf,
  periodKey,
  previousQuarter,
  type ReportPeriod,
} from '../src/domain/report-periods.js';
import { londonDate } from '../src/platform/format.js';
import { CASES, loadService, PASSWORD } from './case-data.js';
import { signIn } from './case-pages.js';
import {
  CONNECTIONS,
  drive,
  median,
  refreshAfter,
  SECONDS,
  type Measure,
} from './report-requests.js';
import { listeningApp, type Benchmark, millis } from './support.js';
import {
  addOrganisation,
  addThroughAdministrator,
  benchServices,
  number,
  scratchDatabase,
  seconds,
} from './support.js';

const SQL_RUNS = 20;
const AREA = 'avon-and-somerset';

/** The hand-written aggregate: the period's referrals by source and month, from case tables. */
export async function handWritten(
  owner: OwnerSession,
  orgId: string,
  period: ReportPeriod,
): Promise<number> {
  const query = `select source_org_id, source_kind, date_trunc('month', received_on) as month, count(*)
    from referrals where org_id = $1 and received_on between $2 and $3 group by 1, 2, 3`;
  const args = [orgId, firstDayOf(period), lastDayOf(period)];
  for (let n = 0; n < 3; n++) await owner.query(query, args);
  const times: number[] = [];
  for (let n = 0; n < SQL_RUNS; n++) {
    const started = performance.now();
    await owner.query(query, args);
    times.push(performance.now() - started);
  }
  return median(times);
}

const TRANSACTION_CONTROL = /^\s*(begin|start transaction|commit|rollback)\b/i;

/** One request's statements, and its round trips (its transactions' begin and commit too). */
async function statementsOf(recorder: StatementRecorder, url: string, cookie: string) {
  recorder.start();
  let recorded: RecordedStatement[];
  try {
    await (await fetch(url, { headers: { cookie } })).arrayBuffer();
  } finally {
    recorded = recorder.stop();
  }
  const statements = recorded.filter((s) => !TRANSACTION_CONTROL.test(s.sql)).length;
  return `${statements} (${recorded.length})`;
}

export const figures: Benchmark = {
  name: 'figures',
  summary: `the quarterly return, the area page and the service report with ${number(CASES)} cases in one area, against one hand-written SQL aggregate over the case tables`,
  async run(log) {
    const loadAtStart = loadavg()[0]!.toFixed(1);
    const target = await scratchDatabase();
    const closing: (() => Promise<unknown>)[] = [];
    try {
      // What each request runs, counted once (bench/page-replay.ts): a report's statements are
      // round trips to a PostgreSQL server.
      const recorder = new StatementRecorder();
      const database = await connectDatabase({ ...target.options, recorder });
      closing.unshift(() => database.close());
      await migrate(database);
      const services = benchServices(database.db);
      log(`loading ${number(CASES)} cases into the ${target.description}…`);
      const { staff, loadMs } = await loadService(database, services, log);
      log(`loaded in ${seconds(loadMs)}; building the aggregate store…`);
      const buildMs = await database.withOwner(async (owner) => {
        const started = performance.now();
        await owner.query('select rebuild_aggregates()');
        return performance.now() - started;
      });
      await database.analyze();
      const [stored] = await database.withOwner((owner) =>
        owner.query<{ n: number }>('select count(*) as n from aggregate_figures'),
      );
      log(`built ${number(Number(stored!.n))} rows of figures in ${seconds(buildMs)}`);
      const refreshOne = await database.withOwner((owner) => refreshAfter(owner, staff.orgId, 1));
      const refreshHundred = await database.withOwner((owner) =>
        refreshAfter(owner, staff.orgId, 100),
      );

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
      const { app, base } = await listeningApp(services, database.db);
      closing.unshift(() => app.close());
      const commissioner = await signIn(app, 'commissioner@bench.example.org');
      const manager = await signIn(app, staff.manager.email);

      const today = londonDate(new Date());
      const quarter = previousQuarter(today);
      const year = currentFinancialYear(today);
      const sqlQuarter = await database.withOwner((owner) =>
        handWritten(owner, staff.orgId, quarter),
      );
      const sqlYear = await database.withOwner((owner) => handWritten(owner, staff.orgId, year));
      const [inQuarter] = await database.withOwner((owner) =>
        owner.query<{ n: number }>(
          'select count(*) as n from referrals where received_on between $1 and $2',
          [firstDayOf(quarter), lastDayOf(quarter)],
        ),
      );

      const pages: [string, string, string, string, number][] = [
        [
          `quarterly return, ${periodKey(quarter)} (workbook, commissioner)`,
          `/areas/${AREA}/return.xlsx?period=${periodKey(quarter)}`,
          commissioner,
          'PK',
          sqlQuarter,
        ],
        [
          `area page, ${periodKey(quarter)} (commissioner)`,
          `/areas/${AREA}?period=${periodKey(quarter)}`,
          commissioner,
          'Figures as at',
          sqlQuarter,
        ],
        [
          `service report, ${periodKey(year)} (manager)`,
          `/outcomes?period=${periodKey(year)}`,
          manager,
          'Figures as at',
          sqlYear,
        ],
        [
          `service report CSV, ${periodKey(year)} (manager)`,
          `/outcomes/report.csv?period=${periodKey(year)}`,
          manager,
          'referrals_received',
          sqlYear,
        ],
      ];
      // Counted before any load: requests the load generator left in flight would be counted too.
      const ran = new Map<string, string>();
      for (const [, path, cookie] of pages)
        ran.set(path, await statementsOf(recorder, `${base}${path}`, cookie));
      const measures: (Measure & { baseline: number; ran: string })[] = [];
      for (const [name, path, cookie, expect, baseline] of pages) {
        log(`${name}…`);
        const measure = await drive(base, path, cookie, expect, name);
        measures.push({ ...measure, baseline, ran: ran.get(path)! });
      }
      return {
        title: `${number(CASES)} cases in one area, ${target.description}, ${CONNECTIONS} connections for ${SECONDS} s a page (load generator in its own process), Node ${process.version}`,
        table: [
          [
            'request',
            'statements (round trips)',
            'alone ms',
            'requests/s',
            'p50 ms',
            'p99 ms',
            'SQL aggregate ms',
            'alone ÷ SQL',
          ],
          ...measures.map((m) => [
            m.name,
            m.ran,
            millis(m.alone),
            m.requestsPerSecond === null ? '–' : m.requestsPerSecond.toFixed(1),
            millis(m.p50),
            millis(m.p99),
            millis(m.baseline),
            `${(m.alone / m.baseline).toFixed(1)}×`,
          ]),
          [
            'hand-written SQL aggregate, quarter (baseline)',
            '1 (1)',
            millis(sqlQuarter),
            '–',
            '–',
            '–',
            millis(sqlQuarter),
            '1.0×',
          ],
          [
            'hand-written SQL aggregate, financial year (baseline)',
            '1 (1)',
            millis(sqlYear),
            '–',
            '–',
            '–',
            millis(sqlYear),
            '1.0×',
          ],
        ],
        notes: [
          `The store: ${number(Number(stored!.n))} rows of figures, built from scratch in ${seconds(buildMs)}; refreshed after 1 changed case in ${millis(refreshOne)} ms and after 100 in ${millis(refreshHundred)} ms.`,
          `The hand-written aggregate: the period's referrals by source and month, from the referrals table as the database owner (no row-level security), the median of ${SQL_RUNS}; ${number(Number(inQuarter!.n))} referrals in ${periodKey(quarter)}.`,
          'Each report request reads the aggregate store as waymark_figures, builds every section (about 40 tables), suppresses small numbers for the commissioner across all of them, audits the view, and renders the page, the CSV or the workbook.',
          `Machine: ${cpus().length} CPUs, load average ${loadAtStart} at the start and ${loadavg()[0]!.toFixed(1)} at the end.`,
        ],
      };
    } finally {
      for (const close of closing) await close().catch(() => undefined);
      await target.dispose();
    }
  },
};
