// Reads from a streaming replica (DATABASE_READ_URL, docs/adr/0023-past-one-machine.md): a
// primary and a replica of the test's own on loopback. With the replica's replay paused, a
// change on the primary is not on the replica: reports, the commissioner's area and the national
// figures show the replica's older figures while the case page shows the change; a person who
// has just changed something sees their change on the next page; and the replica's connections
// act as the primary's do (read-only, the figures role, the person's settings, row-level
// security). A PostgreSQL server deployment only: the embedded database has no replicas.
import type { FastifyInstance } from 'fastify';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { connectDatabase, type Database } from '../../src/db/connect.js';
import { figureReads } from '../../src/db/figure-reads.js';
import { migrate } from '../../src/db/migrate.js';
import type { UserActor } from '../../src/domain/roles.js';
import type { Report } from '../../src/features/reports/index.js';
import { memoryTransport, notifier } from '../../src/platform/notifications.js';
import { createServices, type Services } from '../../src/services.js';
import { registerClock } from '../support/authenticator.js';
import { testBackend } from '../support/backend.js';
import { makeService, openCase } from '../support/cases.js';
import { FakeClock } from '../support/clock.js';
import { makeOrganisation, makeUser, operator } from '../support/harness.js';
import { fileTables, tablesOfCsv, tablesOfPage, pageTables } from '../support/report-files.js';
import {
  startReplicatedPostgres,
  type ReplicatedPostgres,
} from '../support/replicated-postgres.js';
import { expectPage, signedInTo, type WebClient } from '../support/web-client.js';

const AREA = 'avon-and-somerset';
const SECRET = 'test-secret-0123456789abcdef0123456789';

let servers: ReplicatedPostgres | undefined;
let database: Database;
/** As a server with DATABASE_READ_URL has them. */
let services: Services;
/** The same, without a replica: every read from the primary, for comparison. */
let primaryOnly: Services;
let app: FastifyInstance;
let team: Awaited<ReturnType<typeof makeService>>;
let commissioner: UserActor & { email: string; password: string };
let colleague: UserActor & { email: string; password: string };
let elsewhere: UserActor & { email: string; password: string };
const clock = new FakeClock('2026-11-20T10:00:00Z');

function servicesOn(db: Database, replica: boolean) {
  return createServices({
    db: db.db,
    replica: replica ? db.replica!.db : undefined,
    clock,
    secret: SECRET,
    notifier: notifier(db.db, memoryTransport()),
    baseUrl: 'http://waymark.test',
  });
}

/** Each table of a report as the files have it, with the value-for-money row picked out. */
const tables = (report: Report) => fileTables(report);
const spendRow = (report: Report) =>
  tables(report)
    .get('value-for-money')!
    .find((row) => row[0] === 'Spend on restorative justice (£)')!
    .slice(1);
const areaReport = (s: Services, who: UserActor) => s.reports.areaReport(who, AREA, {});
const referralsInArea = async (s: Services) => {
  const figures = await s.nationalFigures.forYear(operator, 2026);
  return figures.areas.find((a) => a.areaId === AREA)!.referrals;
};

describe.skipIf(testBackend().kind !== 'postgres')(
  'reads from a streaming replica (a PostgreSQL server deployment only: the embedded database has no replicas)',
  () => {
    let manager: WebClient;
    let office: WebClient;
    let officeColleague: WebClient;
    let practitioner: WebClient;

    beforeAll(async () => {
      servers = await startReplicatedPostgres();
      database = await connectDatabase({
        kind: 'server',
        url: servers.primaryUrl,
        readUrl: servers.replicaUrl,
        poolSize: 4,
      });
      await migrate(database);
      services = servicesOn(database, true);
      primaryOnly = servicesOn(database, false);
      app = await buildApp({
        services,
        db: database.db,
        cookieSecret: 'test-cookie-secret-0123456789abcdef0123',
        baseUrl: 'http://waymark.test',
        logLevel: 'silent',
        readsFromReplica: true,
      });
      await app.ready();
      registerClock(app, clock);

      team = await makeService(services);
      const pcc = await makeOrganisation(services, { kind: 'pcc_office', area: AREA });
      commissioner = await makeUser(services, { role: 'commissioner', org: pcc });
      colleague = await makeUser(services, { role: 'commissioner', org: pcc });
      const kent = await makeOrganisation(services, { kind: 'pcc_office', area: 'kent' });
      elsewhere = await makeUser(services, { role: 'commissioner', org: kent });
      // Enough referrals that the area's and the nation's counts are not hidden as small.
      for (const day of ['01', '02', '03', '04', '05', '06'])
        await openCase(services, team.practitioner, { receivedOn: `2026-11-${day}` });
      await services.aggregates.refresh();
      manager = await signedInTo(app, team.manager);
      office = await signedInTo(app, commissioner);
      officeColleague = await signedInTo(app, colleague);
      practitioner = await signedInTo(app, team.practitioner);
      await servers.caughtUp();
    });

    afterAll(async () => {
      await app?.close();
      await database?.close();
      await servers?.destroy();
    });

    it('acts on the replica as on the primary: read-only, as the figures role, with row-level security', async () => {
      const reads = figureReads({ primary: database.db, replica: database.replica!.db });
      const session = await reads(team.manager, (tx) =>
        sql<{ standby: boolean; role: string; org: string; readOnly: string }>`select
            pg_is_in_recovery() as standby, current_user as role,
            current_setting('app.org_id') as org,
            current_setting('transaction_read_only') as "readOnly"`.execute(tx),
      );
      expect(session.rows).toEqual([
        { standby: true, role: 'waymark_figures', org: team.org.id, readOnly: 'on' },
      ]);
      // The figures role is refused case data on the replica as on the primary.
      await expect(
        reads(team.manager, (tx) => tx.selectFrom('referrals').select('id').execute()),
      ).rejects.toThrow(/permission denied/);
      // And each commissioner reads the store of their own area only.
      const servicesSeen = (who: UserActor) =>
        reads(who, (tx) =>
          tx.selectFrom('aggregate_figures').select('org_id').distinct().execute(),
        ).then((rows) => rows.map((row) => row.org_id));
      expect(await servicesSeen(commissioner)).toEqual([team.org.id]);
      expect(await servicesSeen(elsewhere)).toEqual([]);
    });

    it('reads reports from the replica: while it is behind, they show its older figures and the case page the change', async () => {
      const before = await primaryOnly.reports.serviceReport(team.manager, {});
      const areaBefore = await areaReport(primaryOnly, commissioner);
      const nationalBefore = await referralsInArea(primaryOnly);

      await servers!.pauseReplay();
      const opened = await openCase(services, team.practitioner, {
        receivedOn: '2026-11-07',
        crimeReference: 'REPLICA/1',
      });
      await services.aggregates.refresh();
      // On the primary, the new referral is in the figures.
      const now = await primaryOnly.reports.serviceReport(team.manager, {});
      expect(tables(now)).not.toEqual(tables(before));
      expect(await referralsInArea(primaryOnly)).not.toEqual(nationalBefore);

      // The service report, its CSV, the commissioner's area page and return, and the national
      // figures: the replica's figures, from before the change.
      expect(tables(await services.reports.serviceReport(team.manager, {}))).toEqual(
        tables(before),
      );
      const csv = await manager.get('/outcomes/report.csv');
      expect(csv.statusCode).toBe(200);
      expect(tablesOfCsv(csv.body, before)).toEqual(tables(before));
      const page = await manager.get('/outcomes');
      expectPage(page, 200, []);
      expect(tablesOfPage(page.body)).toEqual(pageTables(before));
      const area = await office.get(`/areas/${AREA}`);
      expectPage(area, 200, []);
      expect(tablesOfPage(area.body)).toEqual(pageTables(areaBefore));
      const areaReturn = await office.get(`/areas/${AREA}/return.csv?period=FY2026-27`);
      expect(areaReturn.statusCode).toBe(200);
      expect(tablesOfCsv(areaReturn.body, areaBefore)).toEqual(tables(areaBefore));
      expect(await referralsInArea(services)).toEqual(nationalBefore);

      // The case page reads the primary: the new case is there.
      const casePage = await practitioner.get(`/cases/${opened.caseId}`);
      expectPage(casePage, 200, [opened.caseReference]);
      // Its viewing was audited on the primary, as every report's was.
      const [audited] = await database.withOwner((owner) =>
        owner.query<{ n: number }>(
          `select count(*)::int as n from audit_events where user_id = $1 and action = 'report.downloaded'`,
          [team.manager.userId],
        ),
      );
      expect(audited!.n).toBe(1);

      // Once the replica has caught up, the reports show the change.
      await servers!.resumeReplay();
      await servers!.caughtUp();
      expect(tables(await services.reports.serviceReport(team.manager, {}))).toEqual(tables(now));
    });

    it('shows a person their own change on the next page, while others see the replica', async () => {
      await servers!.pauseReplay();
      const before = await areaReport(primaryOnly, commissioner);
      expect(spendRow(before)).not.toContain(40_000);
      await office.get(`/areas/${AREA}/spend?year=2026`);
      const saved = await office.post(`/areas/${AREA}/spend`, {
        year: '2026',
        [`spend_${team.org.id}`]: '£40,000',
      });
      expect(saved.statusCode).toBe(302);
      // The page the form leads to, and the area's figures: the spend just entered.
      const form = await office.get(saved.headers.location as string);
      expectPage(form, 200, ['40000']);
      const own = await office.get(`/areas/${AREA}`);
      expectPage(own, 200, []);
      const withSpend = await areaReport(primaryOnly, commissioner);
      expect(spendRow(withSpend)).toContain(40_000);
      expect(tablesOfPage(own.body)).toEqual(pageTables(withSpend));
      // A colleague who changed nothing reads the replica, which has not replayed it yet.
      const theirs = await officeColleague.get(`/areas/${AREA}`);
      expect(tablesOfPage(theirs.body)).toEqual(pageTables(before));

      // Once the replica has replayed the change, the person's pages read it again: a change
      // made after that, still not replayed, is not on their next page.
      await servers!.resumeReplay();
      await servers!.caughtUp();
      await servers!.pauseReplay();
      await openCase(services, team.practitioner, { receivedOn: '2026-11-08' });
      await services.aggregates.refresh();
      expect(tables(await areaReport(primaryOnly, commissioner))).not.toEqual(tables(withSpend));
      const later = await office.get(`/areas/${AREA}`);
      expect(tablesOfPage(later.body)).toEqual(pageTables(withSpend));
      await servers!.resumeReplay();
    });
  },
);
