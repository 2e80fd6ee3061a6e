// A service manager imports a partner's spreadsheet of referrals: checks the file first, imports
// it while another import of the service is still saving (so the progress page is seen), takes
// the rejected rows away to correct, and is told plainly when a file cannot be read. Every page
// visited is checked with axe-core.
import { Readable } from 'node:stream';
import { text } from 'node:stream/consumers';
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeService } from '../support/cases.js';
import { expectPage, startE2E, type E2E } from './support/browser.js';
import { signIn } from './support/pages.js';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  e2e.harness.clock.set('2026-11-20T10:00:00Z');
});
afterAll(() => e2e?.close());

const HEADER =
  'source_org,initiated_by,received_on,offence_group,cjs_stage,victim_forename,victim_surname';
const PARTNER_FILE = [
  HEADER,
  'self,victim,03/11/2026,robbery,pre_charge,Gwen,Parry',
  'self,victim,04/11/2026,robbery,pre_charge,Owen,Pritchard',
  // No such day: rejected, with its reason.
  'self,victim,31/02/2026,robbery,pre_charge,Cerys,Lloyd',
].join('\n');

async function upload(page: Page, name: string, text: string, options: { check?: boolean } = {}) {
  await page.goto('/referrals');
  await expectPage(page, 'Referrals');
  await page.getByRole('button', { name: 'Import referrals' }).click();
  await expectPage(page, 'Import referrals');
  await page
    .locator('#file')
    .setInputFiles({ name, mimeType: 'text/csv', buffer: Buffer.from(text) });
  if (options.check) await page.getByLabel('Only check the file, do not import anything').check();
  await page.locator('[data-qa="import-submit"]').click();
}

/** The summary list's value for a key, as shown. */
async function summary(page: Page, key: string) {
  const row = page.locator('[data-qa="import-summary"] .govuk-summary-list__row', { hasText: key });
  return (await row.locator('.govuk-summary-list__value').textContent())?.trim();
}

describe('importing referrals from a file', () => {
  it('is checked, followed while it waits its turn, imported, and its rejects downloaded', async () => {
    const { services, database } = e2e.harness;
    const team = await makeService(services);
    const page = await (await e2e.newContext()).newPage();
    await signIn(page, team.manager.email, team.manager.password);

    // A file that is not a CSV is refused on the form, with the reason.
    await upload(page, 'referrals.xlsx', 'PK\u0003\u0004');
    await expectPage(page, 'Import referrals');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'The file is not a CSV file. Save it from the spreadsheet as "CSV UTF-8 (comma delimited)"',
    );

    // Checked only: nothing imported, what would be said.
    await upload(page, 'partner.csv', PARTNER_FILE, { check: true });
    await expectPage(page, 'File checked');
    expect(await summary(page, 'Would be imported')).toBe('2');
    expect(await summary(page, 'Rejected')).toBe('1');

    // Another import of the service is saving its referrals (one started from the command line,
    // say): this one checks its rows, then waits its turn, and its page says so.
    const other = await services.imports.start(team.manager, {
      name: 'nightly.csv',
      size: HEADER.length,
      open: () => Readable.from([HEADER]),
    });
    await database.withOwner((owner) =>
      owner.query('update import_jobs set publishing_since = now() where id = $1', [other.jobId]),
    );
    await upload(page, 'partner.csv', PARTNER_FILE);
    await expectPage(page, 'Importing referrals');
    await expect
      .poll(() => page.locator('[data-progress-message]').textContent())
      .toContain('Every row has been checked. Saving the referrals');
    await database.withOwner((owner) =>
      owner.query(`update import_jobs set status = 'failed' where id = $1`, [other.jobId]),
    );
    // The page reloads itself when the import is done.
    await expectPage(page, 'Referrals imported');
    expect(await page.locator('[data-qa="import-done"]').textContent()).toContain(
      '2 referrals were imported from partner.csv',
    );
    expect(await summary(page, 'Rejected')).toBe('1');

    const [download] = await Promise.all([
      page.waitForEvent('download'),
      page.locator('[data-qa="download-rejects"]').click(),
    ]);
    const rejects = await text(await download.createReadStream());
    expect(rejects).toContain('Cerys');
    expect(rejects).not.toContain('Gwen');

    await page.getByRole('link', { name: 'Go to the referrals' }).click();
    await expectPage(page, 'Referrals');
    const list = await page.locator('main').textContent();
    expect(list).toContain('Parry');
    expect(list).toContain('Pritchard');
    expect(list).not.toContain('Lloyd');

    // A quote never closed: the import fails part way, says where, and imports nothing.
    await upload(
      page,
      'broken.csv',
      [HEADER, 'self,victim,05/11/2026,robbery,pre_charge,"Rhys,Morgan'].join('\n'),
    );
    await expectPage(page, 'The import failed');
    expect(await page.locator('[data-qa="import-error"]').textContent()).toMatch(
      /opens a quoted value that is never closed/,
    );
    expect(await page.locator('main').textContent()).toContain('Nothing was imported');
  });
});
