// A case carried in the browser from an accepted referral to closure through a letter of
// apology, which reaches the person harmed only after they chose to receive it. (What the case
// journeys share is in support/case-journey.ts.)
import { describe, expect, it } from 'vitest';
import { makeService } from '../support/cases.js';
import {
  TODAY,
  JOURNEY_TIMEOUT,
  caseJourneyApp,
  goToTab,
  openFromQueue,
  nextActions,
  moveCase,
  recordContact,
  offerAndConsent,
  assess,
  SUITABLE,
  planIntervention,
  recordHeld,
  followUpDone,
  closeAsCompleted,
} from './support/case-journey.js';
import { choice, expectCasePage, expectFlash, fillDate, personLabel } from './support/pages.js';

const app = caseJourneyApp();

describe('a practitioner carries a case from accepted referral to closure', () => {
  it(
    'through a letter of apology, delivered only after the person harmed chose to receive it',
    async () => {
      const team = await makeService(app.harness.services);
      const referral = await app.referralFor(team, {
        victim: ['Ellen', 'Hughes'],
        offender: ['Tomos', 'Price'],
      });
      const reference = await app.acceptedReferral(team, referral);
      // The practitioner picks the new case up from the unallocated queue.
      const page = await app.signedIn(team.practitioner);
      await openFromQueue(page, /^Unallocated/, reference);
      expect(await nextActions(page)).toContain('Allocate a lead facilitator');
      await page.locator('[data-qa="pick-up"]').click();
      await expectCasePage(page, reference, 'Summary');
      await expectFlash(page, 'You are now the lead facilitator.');
      expect(await page.locator('[data-qa="allocations"]').textContent()).toContain(
        'Pat Practitioner',
      );
      await moveCase(page, reference, 'Start contacting people', 'Contacting');
      await goToTab(page, reference, 'Contacts');
      await recordContact(page, reference, {
        who: 'Ellen Hughes',
        how: 'Telephone',
        outcome: 'Spoke to them',
        notes: 'Does not want to meet, but would consider a letter.',
      });
      await recordContact(page, reference, {
        who: 'Tomos Price',
        how: 'In person',
        outcome: 'Spoke to them',
      });

      await goToTab(page, reference, 'People');
      await offerAndConsent(page, reference, 'Ellen Hughes', {
        offered: 'Letter',
        consent: 'in writing',
      });
      await offerAndConsent(page, reference, 'Tomos Price', {
        offered: 'In person',
        consent: 'in writing',
        consentFirst: true,
      });
      await goToTab(page, reference, 'Summary');
      await moveCase(page, reference, 'Move to assessment', 'Assessing');

      await goToTab(page, reference, 'Assessments');
      await assess(
        page,
        reference,
        'needs',
        'Ellen Hughes',
        { text: { 'What do they want to ask or say?': 'Whether he understands the harm.' } },
        'Indirect only: a letter, read with her daughter.',
      );
      await assess(page, reference, 'suitability', 'Tomos Price', SUITABLE, 'Wants to write.');
      await goToTab(page, reference, 'Summary');
      await moveCase(page, reference, 'Move to preparation', 'Preparing');

      // The letter is planned, with its writer the one taking part.
      await goToTab(page, reference, 'Interventions');
      await planIntervention(page, reference, 'Letter of apology', ['Tomos Price']);
      await goToTab(page, reference, 'Summary');
      await moveCase(page, reference, 'Move to intervention', 'Intervention');

      // The letter arrives: it is held back, with no way to mark it delivered.
      await goToTab(page, reference, 'Interventions');
      await page.locator('[data-qa="add-letter"]').click();
      await expectCasePage(page, reference, 'Record a letter of apology received');
      await choice(page, 'Who wrote the letter?', personLabel('Tomos Price')).check();
      await choice(page, 'Who is it for?', personLabel('Ellen Hughes')).check();
      await fillDate(page, 'received_on', TODAY);
      await page.getByLabel('Notes (optional)').fill('Kept in the locked case file.');
      await page.locator('[data-qa="save"]').click();
      await expectCasePage(page, reference, 'Interventions');
      await expectFlash(page, 'Letter recorded as received.');
      const letter = page.locator('[data-qa="letter"]');
      expect(await letter.locator('[data-qa="letter-held-back"]').textContent()).toContain(
        'held back until Ellen Hughes has been contacted and has chosen to receive it',
      );
      expect(await letter.locator('[data-qa="letter-delivered"]').count()).toBe(0);

      // She is contacted, and chooses to receive it; then it is delivered.
      await goToTab(page, reference, 'Contacts');
      await recordContact(page, reference, {
        who: 'Ellen Hughes',
        how: 'Telephone',
        outcome: 'Spoke to them',
        notes: 'Told her the letter has arrived. She would like to read it.',
      });
      await goToTab(page, reference, 'Interventions');
      await letter.locator('[data-qa="letter-decision"]').click();
      await expectCasePage(page, reference, "Record the recipient's choice");
      await fillDate(page, 'recipient_contacted_on', TODAY);
      await choice(page, 'What did they choose?', 'Chose to receive it').check();
      await page.locator('[data-qa="save"]').click();
      await expectCasePage(page, reference, 'Interventions');
      await expectFlash(page, 'Choice recorded.');
      expect(await letter.locator('[data-qa="letter-held-back"]').count()).toBe(0);

      await letter.locator('[data-qa="letter-delivered"]').click();
      await expectCasePage(page, reference, 'Mark the letter as delivered');
      await fillDate(page, 'delivered_on', TODAY);
      await page.locator('[data-qa="save"]').click();
      await expectCasePage(page, reference, 'Interventions');
      await expectFlash(page, 'Letter recorded as delivered.');
      expect(await letter.textContent()).toMatch(/Delivered\s*20 November 2026/);

      // Delivering the letter is not the intervention recorded as held: until it is, the case
      // cannot close as completed.
      await goToTab(page, reference, 'Summary');
      await page.locator('[data-qa="close-or-suspend"]').click();
      await expectCasePage(page, reference, 'Close or suspend the case');
      await choice(page, 'What do you want to do?', 'Close the case').check();
      await choice(page, 'How did the case end?', 'Completed').check();
      await page.locator('[data-qa="save-stage"]').click();
      await expectCasePage(page, reference, 'Close or suspend the case');
      expect(await page.locator('.govuk-error-summary').textContent()).toContain(
        'A case can only be closed as completed after an intervention between the person harmed and the person who harmed was held',
      );
      expect(await choice(page, 'How did the case end?', 'Completed').isChecked()).toBe(true);
      await goToTab(page, reference, 'Interventions');

      await recordHeld(
        page,
        reference,
        'intervention-letter_of_apology',
        'Letter delivered by hand at the follow-up visit.',
        'Ellen Hughes',
      );
      await goToTab(page, reference, 'Summary');
      await moveCase(page, reference, 'Move to follow-up', 'Follow-up');
      await goToTab(page, reference, 'Agreement');
      await followUpDone(page, reference, 'Ellen found the letter sincere.');
      await goToTab(page, reference, 'Summary');
      await closeAsCompleted(page, reference, [
        'Letter of apology received from Tomos Price',
        'Ellen Hughes chose to receive the letter of apology',
        'Letter of apology delivered to Ellen Hughes',
        'Letter of apology held',
      ]);
    },
    JOURNEY_TIMEOUT,
  );
});
