// A date in the audit trail's filters that is not a real date is pointed out (400), never a 500.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, makeUserWithRole, type Harness } from '../../../test/support/harness.js';
import { WebClient, expectPage } from '../../../test/support/web-client.js';

let h: Harness;
let browser: WebClient;

beforeAll(async () => {
  h = await createHarness();
  const admin = await makeUserWithRole(h.services, 'system_admin');
  browser = new WebClient(h.app);
  await browser.signIn(admin.email, admin.password);
});
afterAll(() => h.close());

describe('the audit trail date filters', () => {
  it.each([
    ['from=2026-02-31', '“From” must be a real date as YYYY-MM-DD', '2026-02-31'],
    ['to=2026-13-01', '“To” must be a real date as YYYY-MM-DD', '2026-13-01'],
    ['from=yesterday', '“From” must be a real date as YYYY-MM-DD', 'yesterday'],
    ['from=0000-00-00', '“From” must be a real date', '0000-00-00'],
    ['to=2026-02-29', '“To” must be a real date', '2026-02-29'],
    ['from=2026-03-02&to=2026-03-01', '“From” (2026-03-02) must be on or before “To”', ''],
  ])('answers 400 for %s, saying what is wrong', async (query, message, echoed) => {
    const page = await browser.get(`/admin/audit?${query}`);
    expectPage(page, 400, [message]);
    if (echoed) expect(page.body).toContain(`(not “${echoed}”)`);
  });

  it('escapes what it echoes', async () => {
    const page = await browser.get(`/admin/audit?from=${encodeURIComponent('<b>x</b>')}`);
    expect(page.statusCode).toBe(400);
    expect(page.body).not.toContain('<b>x</b>');
  });

  it('accepts real dates, a leap day and an empty filter', async () => {
    for (const query of ['from=2024-02-29&to=2024-03-01', 'from=&to=', 'from=2026-01-01']) {
      expect((await browser.get(`/admin/audit?${query}`)).statusCode).toBe(200);
    }
  });
});
