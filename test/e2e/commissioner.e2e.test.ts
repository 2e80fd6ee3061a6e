// The commissioner's view, in a browser: the area's figures for a financial year, then for a
// quarter chosen on the period form; a figure's definition followed and come back from; the
// quarterly return downloaded and read back with exceljs; the spend entered. Every page passes
// axe-core. The data is the reports' fixed data set (test/support/report-data.ts).
import ExcelJS from 'exceljs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadReportData, PERSONAL, type ReportData } from '../support/report-data.js';
import { WORKBOOK_SHEETS } from '../support/report-expected.js';
import { expectAccessible, expectPage, startE2E, type E2E } from './support/browser.js';
import { signIn } from './support/pages.js';

// Each journey opens several pages, each checked by axe-core: minutes on a busy machine.
const JOURNEY = 300_000;

let e2e: E2E;
let data: ReportData;

beforeAll(async () => {
  e2e = await startE2E();
  data = await loadReportData(e2e.harness);
}, JOURNEY);
afterAll(() => e2e?.close());

describe("the commissioner's view of their area", () => {
  it(
    'shows the area, changes the period, explains a figure and downloads the return',
    async () => {
      const page = await (await e2e.newContext()).newPage();
      await signIn(page, data.commissioner.email, data.commissioner.password);
      await expectPage(page, 'Home');
      await page
        .getByRole('navigation', { name: 'Menu' })
        .getByRole('link', { name: 'Area figures' })
        .click();
      await expectPage(page, 'Northumbria: restorative justice figures');
      await expect
        .poll(() => page.locator('[data-qa="report-period"]').textContent())
        .toBe('Financial year 2026 to 2027 (April 2026 to March 2027)');
      expect(await page.locator('[data-qa="area-services"]').textContent()).toContain(
        'North Restorative Justice, Tyneside Mediation',
      );

      // A quarter, chosen on the period form.
      await page
        .getByLabel('Quarter', { exact: true })
        .selectOption({ label: 'April to June 2026 (quarter 1 of financial year 2026 to 2027)' });
      await page.getByRole('button', { name: 'Show this quarter' }).click();
      await expectPage(page, 'Northumbria: restorative justice figures');
      expect(page.url()).toContain('kind=quarter');
      expect(await page.locator('[data-qa="report-period"]').textContent()).toBe(
        'April to June 2026 (quarter 1 of financial year 2026 to 2027)',
      );
      // Eight referrals in the quarter; the services' own counts are small, so hidden.
      const month = page.locator('[data-qa="report-table-referrals-by-month"] tbody tr');
      expect(await month.last().locator('td').last().textContent()).toBe('8');
      expect(await month.first().locator('td').last().textContent()).toContain('[c]');
      const main = (await page.locator('main').textContent()) ?? '';
      for (const value of [...PERSONAL.names, ...PERSONAL.phones])
        expect(main).not.toContain(value);

      // A figure's definition, and back.
      await page
        .locator('#referrals-by-month')
        .getByRole('link', { name: /About this figure: Referrals received/ })
        .click();
      await expectPage(page, 'Referrals received');
      expect(await page.locator('[data-qa="definition-version"]').textContent()).toBe('Version 3');
      await page.goBack();
      await expectPage(page, 'Northumbria: restorative justice figures');

      // The quarterly return, read back.
      const [download] = await Promise.all([
        page.waitForEvent('download'),
        page.locator('[data-qa="download-xlsx"]').click(),
      ]);
      expect(download.suggestedFilename()).toBe('northumbria-2026-Q2.xlsx');
      const workbook = new ExcelJS.Workbook();
      // The browser may run apart from the test: the file is read through its stream.
      const chunks: Buffer[] = [];
      for await (const chunk of await download.createReadStream()) chunks.push(chunk as Buffer);
      await workbook.xlsx.load(Buffer.concat(chunks) as unknown as ArrayBuffer);
      expect(workbook.worksheets.map((w) => w.name)).toEqual(WORKBOOK_SHEETS);
      const cover = workbook.getWorksheet('Cover')!;
      expect(cover.getCell('B3').value).toBe(
        'April to June 2026 (quarter 1 of financial year 2026 to 2027) (2026-Q2)',
      );
      expect(cover.getCell('B4').value).toBe('North Restorative Justice; Tyneside Mediation');
      const volumes: unknown[][] = [];
      workbook
        .getWorksheet('Volumes')!
        .eachRow((r) => volumes.push((r.values as unknown[]).slice(1)));
      expect(volumes.find((r) => r[0] === 'All services')).toEqual([
        'All services',
        '[c]',
        '[c]',
        '[c]',
        8,
      ]);
    },
    JOURNEY,
  );

  it(
    'enters the spend, and sees the value for money',
    async () => {
      const page = await (await e2e.newContext()).newPage();
      await signIn(page, data.commissioner.email, data.commissioner.password);
      await page.goto('/areas/northumbria?period=2026-Q2');
      await expectPage(page, 'Northumbria: restorative justice figures');
      await page.locator('[data-qa="enter-spend"]').click();
      await expectPage(page, 'Spend on restorative justice');
      await page.getByLabel('North Restorative Justice: spend in pounds').fill('forty thousand');
      await page.locator('[data-qa="save-spend"]').click();
      await expectPage(page, 'Spend on restorative justice');
      expect(await page.locator('.govuk-error-summary').textContent()).toContain(
        'Enter the spend for North Restorative Justice in pounds',
      );
      await page.getByLabel('North Restorative Justice: spend in pounds').fill('£40,000');
      await page.locator('[data-qa="save-spend"]').click();
      await expectPage(page, 'Spend on restorative justice');
      expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
        'Spend saved.',
      );
      await page.goto('/areas/northumbria?period=2026-Q2');
      const spend = page.locator('[data-qa="report-table-value-for-money"] tbody tr').first();
      expect(await spend.locator('td').first().textContent()).toBe('£10,000.00');
      expect(await page.locator('#value-for-money').textContent()).toContain(
        'Estimated savings are an estimate, not a measurement',
      );
      await expectAccessible(page);
    },
    JOURNEY,
  );

  it(
    'answers "not found" for another area',
    async () => {
      const page = await (await e2e.newContext()).newPage();
      await signIn(page, data.commissioner.email, data.commissioner.password);
      const response = await page.goto('/areas/kent');
      expect(response?.status()).toBe(404);
      await expectPage(page, 'Page not found');
    },
    JOURNEY,
  );
});
