// The commissioner's view of their police force area: both of the area's services, each and
// together, small numbers hidden the same way on the page, in the CSV and in the workbook;
// another area's view not found; spend entered by the office and its value for money.
import { beforeAll, describe, expect, it } from 'vitest';
import { SUPPRESSED_MARKER } from '../../domain/suppression.js';
import type { Report } from '../reports/index.js';
import { loadReportData, type ReportData } from '../../../test/support/report-data.js';
import {
  fileTables,
  pageTables,
  tablesOfCsv,
  tablesOfPage,
  tablesOfWorkbook,
} from '../../../test/support/report-files.js';
import { WebClient, expectPage } from '../../../test/support/web-client.js';
import { testbed } from '../../../test/support/testbed.js';

const { h, signedIn } = testbed({ realClock: true });
let data: ReportData;
let browser: WebClient;

beforeAll(async () => {
  data = await loadReportData(h);
  browser = await signedIn(data.commissioner);
});

const row = (report: Report, table: string, label: string) =>
  fileTables(report)
    .get(table)!
    .find((r) => r[0] === label)!
    .slice(1);

describe("a commissioner's area", () => {
  it("opens on the commissioner's own area, with its services and no other", async () => {
    const start = await browser.get('/area');
    expect(start.statusCode).toBe(302);
    expect(start.headers.location).toBe('/areas/northumbria');
    const page = await browser.get('/areas/northumbria?period=2026-Q2');
    expectPage(page, 200, [
      'Northumbria: restorative justice figures',
      'North Restorative Justice, Tyneside Mediation',
    ]);
    expect(page.body).not.toContain('Kent RJ Hub');
    expect(page.body).toContain('data-qa="suppression-note"');
  });

  it('is not found for another area, or an area that does not exist', async () => {
    for (const url of [
      '/areas/kent',
      '/areas/kent/return.xlsx',
      '/areas/kent/return.csv',
      '/areas/kent/spend',
      '/areas/atlantis',
    ])
      expect((await browser.get(url)).statusCode, url).toBe(404);
    const kent = new WebClient(h.app);
    await kent.signIn(data.otherCommissioner.email, data.otherCommissioner.password);
    expect((await kent.get('/areas/northumbria')).statusCode).toBe(404);
    expect((await kent.get('/areas/kent')).statusCode).toBe(200);
  });

  it('hides small numbers, and any figure that would give one away', async () => {
    const report = await h.services.reports.areaReport(data.commissioner, 'northumbria', {
      period: '2026-Q2',
    });
    const H = SUPPRESSED_MARKER;
    const expected: [table: string, label: string, cells: unknown[]][] = [
      // North: 6 referrals (2 a month), Tyneside: 2 (in May), 8 in all. Tyneside's 2 is small,
      // so North's 6 would give it away (8 - 6): hidden too. Each month's count is small.
      ['referrals-by-month', 'Tyneside Mediation', [0, H, 0, H]],
      ['referrals-by-month', 'All services', [H, H, H, 8]],
      ['referrals-by-source', 'Northumbria Police', [H, H, 5]],
      // A rate resting on a hidden count is hidden with it.
      ['satisfaction-harmed', 'Satisfied overall', [H, H, H]],
    ];
    for (const [table, label, cells] of expected)
      expect(row(report, table, label), `${table}: ${label}`).toEqual(cells);
    // No count shown is below 5, but 0, anywhere.
    for (const [key, value] of report.counts)
      if (!report.hidden.has(key)) expect(value === 0 || value >= 5, key).toBe(true);
    expect(report.hidden.size).toBeGreaterThan(0);
  });

  it('says the same on the page, in the CSV and in the workbook', async () => {
    const report = await h.services.reports.areaReport(data.commissioner, 'northumbria', {
      period: '2026-Q2',
    });
    const page = await browser.get('/areas/northumbria?period=2026-Q2');
    expect(tablesOfPage(page.body)).toEqual(pageTables(report));
    const csv = await browser.get('/areas/northumbria/return.csv?period=2026-Q2');
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="northumbria-2026-Q2.csv"',
    );
    expect(tablesOfCsv(csv.body, report)).toEqual(fileTables(report));
    const xlsx = await browser.get('/areas/northumbria/return.xlsx?period=2026-Q2');
    const read = await tablesOfWorkbook(xlsx.rawPayload, report);
    expect(read.tables).toEqual(fileTables(report));
    // The cover sheet: the period, the services, when, the definitions and their versions.
    const cover: string[] = [];
    read.workbook
      .getWorksheet('Cover')!
      .eachRow((r) => cover.push((r.values as unknown[]).slice(1).join(' | ')));
    expect(cover).toEqual(
      expect.arrayContaining([
        'Northumbria: restorative justice figures',
        'Police force area | Northumbria',
        'Period | April to June 2026 (quarter 1 of financial year 2026 to 2027) (2026-Q2)',
        'Services included | North Restorative Justice; Tyneside Mediation',
        'Produced at | 10 July 2026 at 11:00am',
        'Referrals received | http://waymark.test/definitions/referrals_received | 3',
        "Persons supported (victims' grant return) | http://waymark.test/definitions/persons_supported | 1",
      ]),
    );
  });

  it('offers the last whole quarter as the quarterly return', async () => {
    const xlsx = await browser.get('/areas/northumbria/return.xlsx');
    expect(xlsx.statusCode).toBe(200);
    expect(xlsx.headers['content-disposition']).toBe(
      'attachment; filename="northumbria-2026-Q2.xlsx"',
    );
  });

  it('takes the spend the office enters, and works out value for money from it', async () => {
    const form = await browser.get('/areas/northumbria/spend?year=2026');
    expectPage(form, 200, ['North Restorative Justice: spend in pounds']);
    const bad = await browser.post('/areas/northumbria/spend', {
      year: '2026',
      [`spend_${data.service.id}`]: 'forty thousand',
    });
    expectPage(bad, 400, ['Enter the spend for North Restorative Justice in pounds']);
    const saved = await browser.post('/areas/northumbria/spend', {
      year: '2026',
      [`spend_${data.service.id}`]: '£40,000',
      [`spend_${data.other.id}`]: '12000.00',
    });
    expect(saved.statusCode).toBe(302);
    const report = await h.services.reports.areaReport(data.commissioner, 'northumbria', {
      period: '2026-Q2',
    });
    // A quarter of each year's spend: £10,000 and £3,000, £13,000 in all. North closed 3 cases
    // (2 completed): its cost per case rests on counts under 5, so it is hidden.
    expect(row(report, 'value-for-money', 'Spend on restorative justice (£)')).toEqual([
      10000, 3000, 13000,
    ]);
    expect(row(report, 'value-for-money', 'Estimated savings at £8 for every £1 (£)')).toEqual([
      80000, 24000, 104000,
    ]);
    expect(row(report, 'value-for-money', 'Cost per case closed (£)')).toEqual([
      SUPPRESSED_MARKER,
      '',
      SUPPRESSED_MARKER,
    ]);
    const page = await browser.get('/areas/northumbria?period=2026-Q2');
    expect(page.body).toContain('Estimated savings are an estimate, not a measurement');
    expect(page.body).toContain('University of Sheffield');
    // The manager of the service sees it in their own report, in full.
    const own = await h.services.reports.serviceReport(data.manager, { period: '2026-Q2' });
    expect(row(own, 'value-for-money', 'Cost per case closed (£)')).toEqual([3333.33]);
  });

  it('refuses spend for a service in another area, in the database too', async () => {
    const kent = new WebClient(h.app);
    await kent.signIn(data.otherCommissioner.email, data.otherCommissioner.password);
    await kent.get('/areas/kent/spend');
    // The Northumbria service's field is not on Kent's form, so it is ignored...
    await kent.post('/areas/kent/spend', { year: '2026', [`spend_${data.service.id}`]: '1' });
    const spend = await h.database.withOwner((owner) =>
      owner.query<{ amount_pence: number }>(
        'select amount_pence from service_spend where org_id = $1 and financial_year = 2026',
        [data.service.id],
      ),
    );
    expect(spend).toEqual([{ amount_pence: 4000000 }]);
    // ...and row-level security refuses it even if asked directly.
    const { withActor } = await import('../../db/actor-context.js');
    await expect(
      withActor(h.database.db, data.otherCommissioner, (tx) =>
        tx
          .insertInto('service_spend')
          .values({ org_id: data.service.id, financial_year: 2027, amount_pence: 1 })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
  });
});
