// The service report (/outcomes): every figure for a fixed data set (test/support/report-data.ts)
// against values worked out by hand (test/support/report-expected.ts), and the page, the CSV
// and the workbook saying the same.
import { beforeAll, describe, expect, it } from 'vitest';
import { EQUALITY_FIELDS } from '../../../domain/equality.js';
import type { Report } from '../../reports/index.js';
import { loadReportData, type ReportData } from '../../../../test/support/report-data.js';
import { EXPECTED, WORKBOOK_SHEETS } from '../../../../test/support/report-expected.js';
import {
  fileTables,
  pageTables,
  tablesOfCsv,
  tablesOfPage,
  tablesOfWorkbook,
} from '../../../../test/support/report-files.js';
import { expectPage } from '../../../../test/support/web-client.js';
import { testbed } from '../../../../test/support/testbed.js';

const { h, signedIn } = testbed({ realClock: true });
let data: ReportData;
let report: Report;

beforeAll(async () => {
  data = await loadReportData(h);
  report = await h.services.reports.serviceReport(data.manager, { period: '2026-Q2' });
});

describe('the service report', () => {
  it('gives every figure worked out by hand', async () => {
    await h.database.withOwner((owner) =>
      owner.query(
        `insert into service_spend (org_id, financial_year, amount_pence) values ($1, 2026, 4000000)`,
        [data.service.id],
      ),
    );
    report = await h.services.reports.serviceReport(data.manager, { period: '2026-Q2' });
    const tables = fileTables(report);
    expect([...tables.keys()].sort()).toEqual(Object.keys(EXPECTED).sort());
    for (const [id, rows] of tables) expect(rows, id).toEqual(EXPECTED[id]);
    expect(EQUALITY_FIELDS.length).toBe(7);
    expect(report.hidden.size).toBe(0);
    // Every total the report shows is the sum of its parts (what suppression relies on).
    for (const relation of report.relations)
      expect(report.counts.get(relation.total), relation.total).toBe(
        relation.parts.reduce((sum, p) => sum + report.counts.get(p)!, 0),
      );
    expect(report.sections.find((s) => s.id === 'outcomes')?.testimonials).toEqual([
      {
        service: 'North Restorative Justice',
        approvedOn: '2026-06-05',
        text: 'I felt listened to.',
      },
      {
        service: 'North Restorative Justice',
        approvedOn: '2026-06-03',
        text: 'Meeting him changed everything for me.',
      },
    ]);
  });

  it('says the same on the page, in the CSV and in the workbook', async () => {
    const browser = await signedIn(data.manager);
    const page = await browser.get('/outcomes?period=2026-Q2');
    expectPage(page, 200, [
      'April to June 2026 (quarter 1 of financial year 2026 to 2027)',
      'Figures as at',
    ]);
    expect(tablesOfPage(page.body)).toEqual(pageTables(report));

    const csv = await browser.get('/outcomes/report.csv?period=2026-Q2');
    expect(csv.headers['content-type']).toMatch(/text\/csv/);
    expect(csv.headers['content-disposition']).toBe(
      'attachment; filename="north-restorative-justice-2026-Q2.csv"',
    );
    expect(tablesOfCsv(csv.body, report)).toEqual(fileTables(report));

    const xlsx = await browser.get('/outcomes/report.xlsx?period=2026-Q2');
    expect(xlsx.headers['content-type']).toMatch(/spreadsheetml/);
    const read = await tablesOfWorkbook(xlsx.rawPayload, report);
    expect(read.tables).toEqual(fileTables(report));
    expect(read.workbook.worksheets.map((w) => w.name)).toEqual(WORKBOOK_SHEETS);
  });

  it('links every table to its definition and version', async () => {
    const browser = await signedIn(data.manager);
    const page = await browser.get('/outcomes?period=2026-Q2');
    const links = [...page.body.matchAll(/data-qa="definition-link">([^<]+)</g)].map((m) => m[1]);
    expect(links.length).toBe(Object.keys(EXPECTED).length);
    expect(page.body).toContain('href="/definitions/funnel"');
    expect(page.body).toContain('About this figure: How far referrals got (definition version 2)');
  });

  it('refuses a period that is not one, at its field', async () => {
    const browser = await signedIn(data.manager);
    const bad = await browser.get('/outcomes?period=2026-Q7');
    expectPage(bad, 400, ['Choose a period from the list']);
    const notWhole = await browser.get('/outcomes?from=2026-04-03&to=2026-06-30');
    expectPage(notWhole, 400, ['Reports cover whole months']);
    const custom = await browser.get('/outcomes?kind=custom&from=2026-06&to=2026-04');
    expectPage(custom, 400, ['The last month must be the same as or after the first']);
    const whole = await browser.get('/outcomes?from=2026-04-01&to=2026-06-30');
    expectPage(whole, 200, ['April 2026 to June 2026']);
  });

  it('is for managers only', async () => {
    const browser = await signedIn(data.practitioner);
    expect((await browser.get('/outcomes')).statusCode).toBe(403);
    expect((await browser.get('/outcomes/report.csv')).statusCode).toBe(403);
  });
});
