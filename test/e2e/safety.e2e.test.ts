// Safety in the browser: a "Sexual offences" referral with the SV/DA box left blank still needs
// the trained sign-off; a service manager changes a flag with a reason; a "no messages"
// instruction refuses a "left a message" contact until the practitioner says why it was safe.
// Every page visited is checked with axe-core.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeService } from '../support/cases.js';
import { expectPage, startE2E, type E2E } from './support/browser.js';
import {
  choice,
  expectCasePage,
  expectFlash,
  openCaseTab,
  personLabel,
  signIn,
} from './support/pages.js';

const TODAY = '2026-11-20';
/** A dozen pages, each checked with axe-core: more than the default minute on a busy machine. */
const JOURNEY_TIMEOUT = 300_000;

let e2e: E2E;
let team: Awaited<ReturnType<typeof makeService>>;
beforeAll(async () => {
  e2e = await startE2E();
  team = await makeService(e2e.harness.services);
});
afterAll(() => e2e?.close());
beforeEach(() => e2e.harness.clock.set(`${TODAY}T08:00:00Z`));

async function signedIn(person: { email: string; password: string }): Promise<Page> {
  const page = await (await e2e.newContext()).newPage();
  await signIn(page, person.email, person.password);
  await expectPage(page, 'Home');
  return page;
}

describe('safety in a sexual offence case', () => {
  it(
    'needs the trained sign-off without the box ticked; a manager changes a flag; "no messages" holds',
    async () => {
      const referral = await e2e.harness.services.referrals.create(
        team.manager,
        {
          source_org: 'self',
          initiated_by: 'victim',
          received_on: '2026-11-16',
          offence_group: 'sexual-offences',
          cjs_stage: 'not_reported',
          sv_da: '',
          victim_forename: 'Sana',
          victim_surname: 'Reid',
          victim_safe_phone: '07700 900321',
          victim_may_leave_message: 'no',
          offender_forename: 'Troy',
          offender_surname: 'Hale',
        },
        { channel: 'web' },
      );

      // The manager accepts it: the case is flagged sexual violence and needs the trained sign-off.
      const manager = await signedIn(team.manager);
      await manager.getByRole('link', { name: 'Referrals', exact: true }).first().click();
      await expectPage(manager, 'Referrals');
      await manager.getByRole('link', { name: referral.reference }).click();
      await expectPage(manager, `Referral ${referral.reference}`);
      await manager.locator('[data-qa="accept"]').click();
      await expectPage(manager, `Referral ${referral.reference}`);
      await expectFlash(manager, 'Referral accepted');
      const caseId = new URL(manager.url()).searchParams.get('case')!;
      const reference = (await e2e.harness.services.cases.get(team.manager, caseId)).case.reference;
      await manager.goto(`/cases/${caseId}`);
      await expectCasePage(manager, reference, 'Summary');
      expect(await manager.locator('[data-qa="flag-sexual-violence"]').count()).toBe(1);
      expect(await manager.content()).toContain(
        'its suitability decision will need the sign-off of a practitioner trained',
      );

      // An untrained practitioner's suitability decision waits for the trained sign-off.
      const harmer = (await e2e.harness.services.cases.get(team.manager, caseId)).participants.find(
        (p) => p.role === 'harmer',
      )!;
      await e2e.harness.services.assessments.record(team.practitioner, caseId, {
        kind: 'suitability',
        participant_id: harmer.id,
        decision: 'suitable',
        summary: 'Accepts responsibility',
        q_accepts_responsibility: 'yes',
      });
      await openCaseTab(manager, 'Assessments');
      await expectCasePage(manager, reference, 'Assessments');
      expect(await manager.content()).toContain('Suitability awaiting sign-off');

      // The manager adds domestic abuse, first forgetting the reason.
      await openCaseTab(manager, 'Summary');
      await expectCasePage(manager, reference, 'Summary');
      await manager.locator('[data-qa="change-flags"]').click();
      await expectCasePage(manager, reference, 'Safety flags');
      await choice(manager, 'This case involves', 'Domestic abuse').check();
      await manager.locator('[data-qa="save-flags"]').click();
      await expectCasePage(manager, reference, 'Safety flags');
      expect(await manager.locator('.govuk-error-summary').textContent()).toContain(
        'Say why you are changing the flags',
      );
      expect(await choice(manager, 'This case involves', 'Domestic abuse').isChecked()).toBe(true);
      await manager
        .getByLabel('Why are you changing them?')
        .fill('The person harmed disclosed they had been in a relationship');
      await manager.locator('[data-qa="save-flags"]').click();
      await expectCasePage(manager, reference, 'Summary');
      await expectFlash(manager, 'Safety flags changed.');
      expect(await manager.locator('[data-qa="flag-domestic-abuse"]').count()).toBe(1);
      await openCaseTab(manager, 'Timeline');
      await expectCasePage(manager, reference, 'Timeline');
      const timeline = await manager.content();
      expect(timeline).toContain('Safety flags changed to: Sexual violence, Domestic abuse');
      expect(timeline).toContain('disclosed they had been in a relationship');

      // "No messages": a message left is refused, the instruction quoted, until a reason is given.
      const practitioner = await signedIn(team.practitioner);
      await practitioner.goto(`/cases/${caseId}/contacts`);
      await expectCasePage(practitioner, reference, 'Contacts');
      const leaveMessage = async () => {
        await choice(practitioner, 'Who', personLabel('Sana Reid')).check();
        await choice(practitioner, 'How', 'Telephone').check();
        await choice(practitioner, 'Outcome', 'Left a message').check();
        await practitioner.locator('[data-qa="record-contact"]').click();
        await expectCasePage(practitioner, reference, 'Contacts');
      };
      await leaveMessage();
      expect(await practitioner.locator('.govuk-error-summary').textContent()).toContain(
        `Sana Reid's safe-contact instruction is "No messages"`,
      );
      expect(await practitioner.locator('[data-qa="contacts"]').count()).toBe(0);
      await practitioner
        .locator('[data-qa="safe-contact-reason"]')
        .fill('She asked on the safe number for a voicemail with the time of the next call');
      await leaveMessage();
      await expectFlash(practitioner, 'Contact recorded.');
      expect(
        await practitioner.locator('[data-qa="safe-contact-override"]').textContent(),
      ).toContain('She asked on the safe number');
    },
    JOURNEY_TIMEOUT,
  );
});
