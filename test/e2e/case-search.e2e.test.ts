// A closed case is found again: searched for by the name of the person harmed from the work
// queues, narrowed to closed cases with the filters, opened, and reopened with a reason; the
// accepted referral and its case link to each other. Every page is checked with axe-core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeService, openCase } from '../support/cases.js';
import { expectPage, startE2E, type E2E } from './support/browser.js';
import {
  choice,
  expectCasePage,
  expectErrorLinksWork,
  expectFlash,
  signIn,
} from './support/pages.js';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  e2e.harness.clock.set('2026-11-20T10:00:00Z');
});
afterAll(() => e2e?.close());

describe('finding a closed case', () => {
  it('is searched for by name, filtered to closed cases and reopened with a reason', async () => {
    const { services } = e2e.harness;
    const team = await makeService(services);
    const closed = await openCase(services, team.manager, {
      victim: 'Ffion',
      crimeReference: 'NV/77/26',
    });
    const stillOpen = await openCase(services, team.manager, { victim: 'Ffion' });
    await services.cases.transition(team.manager, closed.caseId, {
      action: 'close',
      outcome: 'could_not_contact',
      version: 1,
    });

    const page = await (await e2e.newContext()).newPage();
    await signIn(page, team.manager.email, team.manager.password);
    await expectPage(page, 'Home');
    await page.goto('/cases');
    await expectPage(page, 'Cases');
    await page.locator('[data-qa="quick-search"] #term').fill('ffion victim');
    await page.locator('[data-qa="quick-search"] button').click();
    await expectPage(page, 'All cases');
    const results = page.locator('[data-qa="case-results"]');
    await expect.poll(() => results.textContent()).toContain(closed.caseReference);
    expect(await results.textContent()).toContain(stillOpen.caseReference);
    expect(await results.textContent()).toContain("Matched a person's name");

    // A date that is not real is told at its field, and nothing else is lost.
    await page.locator('#from-day').fill('30');
    await page.locator('#from-month').fill('2');
    await page.locator('#from-year').fill('2026');
    await page.locator('[data-qa="apply-filters"]').click();
    await expectPage(page, 'All cases');
    await expectErrorLinksWork(page);
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'The "from" date must be a real date',
    );
    expect(await page.locator('#term').inputValue()).toBe('ffion victim');

    await page.locator('#from-day').fill('');
    await page.locator('#from-month').fill('');
    await page.locator('#from-year').fill('');
    await choice(page, 'Stage', 'Closed').check();
    await page.locator('[data-qa="apply-filters"]').click();
    await expectPage(page, 'All cases');
    expect(await page.locator('[data-qa="selected-filters"]').textContent()).toContain('Closed');
    await expect.poll(() => results.textContent()).not.toContain(stillOpen.caseReference);
    expect(await results.textContent()).toContain('Could not make contact');

    await results.getByRole('link', { name: closed.caseReference }).click();
    await expectCasePage(page, closed.caseReference, 'Summary');
    await page.locator('[data-qa="close-or-suspend"]').click();
    await expectCasePage(page, closed.caseReference, 'Close or suspend the case');
    await page.locator('[data-qa="reopen"]').click();
    await expectCasePage(page, closed.caseReference, 'Close or suspend the case');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Say why the case is reopened',
    );
    await page.locator('#reason').fill('The person harmed got in touch again');
    await page.locator('[data-qa="reopen"]').click();
    await expectCasePage(page, closed.caseReference, 'Summary');
    await expectFlash(page, 'The case has moved on.');
    // Back where it was when it closed.
    expect(await page.locator('[data-qa="case-stage"]').first().textContent()).toBe('New');

    // The case and the referral it came from link to each other.
    await page.locator('[data-qa="case-referral"]').click();
    await expectPage(page, /^Referral /);
    await page.locator('[data-qa="opened-case"]').click();
    await expectCasePage(page, closed.caseReference, 'Summary');
  });
});
