// A case carried in the browser from an accepted referral to closure through shuttle (indirect)
// communication, in a domestic abuse case whose decisions a manager trained for such cases signs
// off. (What the case journeys share is in support/case-journey.ts.)
import { describe, expect, it } from 'vitest';
import { makeService } from '../support/cases.js';
import { administratorOf } from '../support/harness.js';
import {
  TODAY,
  JOURNEY_TIMEOUT,
  caseJourneyApp,
  goToTab,
  openFromQueue,
  allocate,
  nextActions,
  moveCase,
  recordContact,
  offerAndConsent,
  assess,
  SUITABLE,
  planIntervention,
  recordHeld,
  addAgreementItem,
  completeItem,
  followUpDone,
  closeAsCompleted,
} from './support/case-journey.js';
import { choice, expectCasePage, expectFlash, fillDate, personLabel } from './support/pages.js';

const app = caseJourneyApp();

describe('a practitioner carries a case from accepted referral to closure', () => {
  it(
    'through shuttle communication, in a domestic abuse case signed off by a trained manager',
    async () => {
      const team = await makeService(app.harness.services);
      await app.harness.services.users.setTrainedSvDa(
        await administratorOf(app.harness.services, team.org),
        team.manager.userId,
        true,
      );
      const referral = await app.referralFor(team, {
        victim: ['Amira', 'Shah'],
        offender: ['Callum', 'Reid'],
        svDa: true,
      });
      const reference = await app.acceptedReferral(team, referral);
      // The manager, trained for such cases, co-works it so the decisions can be signed off.
      const managerPage = await app.signedIn(team.manager);
      await openFromQueue(managerPage, /^Unallocated/, reference);
      await allocate(managerPage, reference, 'Pat Practitioner', ['Morgan Manager']);

      const page = await app.signedIn(team.practitioner);
      await openFromQueue(page, null, reference);
      await moveCase(page, reference, 'Start contacting people', 'Contacting');
      await goToTab(page, reference, 'Contacts');
      await recordContact(page, reference, {
        who: 'Amira Shah',
        how: 'Text message',
        outcome: 'Left a message',
        notes: 'Asked her to call the safe number back.',
      });
      await recordContact(page, reference, {
        who: 'Amira Shah',
        time: '11:00',
        how: 'Telephone',
        outcome: 'Spoke to them',
      });
      await recordContact(page, reference, {
        who: 'Callum Reid',
        how: 'Video call',
        outcome: 'Spoke to them',
      });

      await goToTab(page, reference, 'People');
      await offerAndConsent(page, reference, 'Amira Shah', {
        offered: 'Telephone',
        consent: 'verbally, witnessed',
        witness: 'Morgan Manager, service manager',
        witnessForgotten: true,
      });
      await offerAndConsent(page, reference, 'Callum Reid', {
        offered: 'Video call',
        consent: 'in writing',
      });
      await goToTab(page, reference, 'Summary');
      await moveCase(page, reference, 'Move to assessment', 'Assessing');

      await goToTab(page, reference, 'Assessments');
      await assess(
        page,
        reference,
        'risk',
        'Callum Reid',
        {
          yes: ['Are there orders or conditions limiting contact?'],
          text: { 'Safety plan': 'No direct contact; messages only through the facilitator.' },
          choose: 'Medium risk',
        },
        'A restraining order is in place: indirect communication only.',
      );
      await assess(page, reference, 'suitability', 'Amira Shah', SUITABLE, 'Wants answers.');
      await assess(page, reference, 'suitability', 'Callum Reid', SUITABLE, 'Remorseful.');
      expect(await page.locator('[data-qa="standing"]').allTextContents()).toEqual([
        'Suitability awaiting sign-off',
        'Suitability awaiting sign-off',
      ]);

      // Unsigned, the decisions do not count: the case cannot move on, and the page says why.
      await goToTab(page, reference, 'Summary');
      expect(await nextActions(page)).toContain("Get Amira Shah's suitability decision signed off");
      await page.getByRole('button', { name: 'Move to preparation', exact: true }).click();
      await expectCasePage(page, reference, 'Summary');
      expect(await page.locator('.govuk-error-summary').textContent()).toContain(
        'Someone must have given consent and been assessed as suitable first',
      );
      expect(await page.locator('[data-qa="case-stage"]').textContent()).toBe('Assessing');

      // The trained manager signs both decisions off.
      await openFromQueue(managerPage, null, reference);
      await goToTab(managerPage, reference, 'Assessments');
      for (let signed = 0; signed < 2; signed++) {
        await managerPage.locator('[data-qa="sign-off"]').first().click();
        await expectCasePage(managerPage, reference, 'Assessments');
        await expectFlash(managerPage, 'Decision signed off.');
      }
      expect(await managerPage.locator('[data-qa="standing"]').allTextContents()).toEqual([
        'Suitable',
        'Suitable',
      ]);
      await managerPage.context().close();

      // Preparation and the shuttle: messages carried each way.
      await page.reload();
      await expectCasePage(page, reference, 'Summary');
      await moveCase(page, reference, 'Move to preparation', 'Preparing');
      await goToTab(page, reference, 'Interventions');
      await planIntervention(page, reference, 'Shuttle (indirect) communication', [
        'Amira Shah',
        'Callum Reid',
      ]);
      await goToTab(page, reference, 'Summary');
      await moveCase(page, reference, 'Move to intervention', 'Intervention');

      await goToTab(page, reference, 'Interventions');
      for (const [from, to, said] of [
        ['Amira Shah', 'Callum Reid', 'Why did it happen, and has he had help since?'],
        ['Callum Reid', 'Amira Shah', 'He is sorry, and has finished a programme on anger.'],
      ] as const) {
        await page.locator('[data-qa="add-message"]').click();
        await expectCasePage(page, reference, 'Record a message carried');
        await choice(page, 'Message from', personLabel(from)).check();
        await choice(page, 'Message to', personLabel(to)).check();
        await fillDate(page, 'carried_on', TODAY);
        await page.getByLabel('What the message said').fill(said);
        await page.locator('[data-qa="save"]').click();
        await expectCasePage(page, reference, 'Interventions');
        await expectFlash(page, 'Message recorded.');
      }
      const messages = page.locator('[data-qa="shuttle-messages"] tbody tr');
      expect(await messages.count()).toBe(2);
      expect(await messages.nth(1).textContent()).toContain('has finished a programme');

      await recordHeld(
        page,
        reference,
        'intervention-shuttle',
        'Messages carried both ways; both satisfied with the outcome.',
        'Amira Shah',
      );
      await addAgreementItem(page, reference, {
        kind: 'Other',
        what: 'Complete a healthy relationships course',
        by: 'Callum Reid',
        due: '2027-02-26',
      });
      await goToTab(page, reference, 'Summary');
      await moveCase(page, reference, 'Move to follow-up', 'Follow-up');

      await goToTab(page, reference, 'Agreement');
      await completeItem(page, reference, 'other');
      await followUpDone(page, reference, 'Amira feels able to move on.');
      await goToTab(page, reference, 'Summary');
      await closeAsCompleted(page, reference, [
        'Suitability decision signed off by Morgan Manager',
        'Message carried from Callum Reid to Amira Shah',
        'Shuttle (indirect) communication held',
      ]);
    },
    JOURNEY_TIMEOUT,
  );
});
