// Two people change the same person's details from forms opened at the same time. The first save
// stands; the second is not saved, and its page shows what the other person changed beside what
// was typed, with the form holding both, so saving again keeps both. Every page is checked with
// axe-core.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeService, openCase } from '../support/cases.js';
import { expectPage, startE2E, type E2E } from './support/browser.js';
import { expectCasePage, expectFlash, signIn } from './support/pages.js';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  e2e.harness.clock.set('2026-11-20T10:00:00Z');
});
afterAll(() => e2e?.close());

describe("a person's details changed by two people at once", () => {
  it('keeps the first save, and shows the second what changed before it saves again', async () => {
    const { services } = e2e.harness;
    const team = await makeService(services);
    const opened = await openCase(services, team.manager, { victim: 'Nia' });
    const reference = opened.caseReference;
    const edit = `/cases/${opened.caseId}/people/${opened.harmedId}/edit`;

    const open = async (person: { email: string; password: string }) => {
      const page = await (await e2e.newContext()).newPage();
      await signIn(page, person.email, person.password);
      await expectPage(page, 'Home');
      await page.goto(edit);
      await expectCasePage(page, reference, "Change Nia Victim's details");
      return page;
    };
    const manager = await open(team.manager);
    const practitioner = await open(team.practitioner);

    // The manager saves first: her name as she gives it.
    await manager.getByLabel('Name', { exact: true }).fill('Nia Victim-Jones');
    await manager.locator('[data-qa="save-person"]').click();
    await expectCasePage(manager, reference, 'Nia Victim-Jones');
    await expectFlash(manager, 'Details saved.');

    // The practitioner, from the form opened before, changes the safe number.
    await practitioner.getByLabel('Safe number').fill('01632 960999');
    await practitioner.locator('[data-qa="save-person"]').click();
    await expectCasePage(practitioner, reference, "Change Nia Victim-Jones's details");
    expect(await practitioner.locator('.govuk-error-summary').textContent()).toContain(
      'Someone else changed these details since you opened this page',
    );
    // The table names the field only the manager changed, and that her change is in the form.
    const theirChange = practitioner.locator('[data-qa="their-change"] tbody tr > *');
    expect(await theirChange.allTextContents()).toEqual([
      'Name',
      'Nia Victim-Jones',
      'Nia Victim',
      'Their change',
    ]);
    // The form holds both: her new name and the number just typed.
    expect(await practitioner.getByLabel('Name', { exact: true }).inputValue()).toBe(
      'Nia Victim-Jones',
    );
    expect(await practitioner.getByLabel('Safe number').inputValue()).toBe('01632 960999');

    await practitioner.locator('[data-qa="save-person"]').click();
    await expectCasePage(practitioner, reference, 'Nia Victim-Jones');
    await expectFlash(practitioner, 'Details saved.');
    expect(await practitioner.locator('main').textContent()).toContain('01632 960999');
  });
});
