// A case carried in the browser from an accepted referral to closure through a face-to-face
// conference: the manager accepts and allocates it, the lead facilitator contacts, offers,
// assesses, prepares, holds the conference, records the outcome agreement kept, and closes it.
// (The two other case journeys are case-shuttle and case-letter; what they share is in
// support/case-journey.ts.)
import { describe, expect, it } from 'vitest';
import { makeService } from '../support/cases.js';
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
import { choice, expectCasePage, expectFlash, fillDate } from './support/pages.js';

const app = caseJourneyApp();

describe('a practitioner carries a case from accepted referral to closure', () => {
  it(
    'through a face-to-face conference, with an outcome agreement kept',
    async () => {
      const team = await makeService(app.harness.services);
      const referral = await app.referralFor(team, {
        victim: ['Gwen', 'Parry'],
        offender: ['Dylan', 'Lyons'],
      });
      // The manager accepts the referral. Its page does not link to the case it opened, so
      // the manager finds the case among the unallocated ones, and allocates it.
      const managerPage = await app.signedIn(team.manager);
      const reference = await app.acceptReferral(managerPage, team.manager, referral);
      await openFromQueue(managerPage, /^Unallocated/, reference);
      await allocate(managerPage, reference, 'Pat Practitioner', ['Val Volunteer']);
      await managerPage.context().close();

      // The lead facilitator finds it in "My cases", the first queue.
      const page = await app.signedIn(team.practitioner);
      await openFromQueue(page, null, reference);
      expect(await nextActions(page)).toContain('Offer restorative justice to Gwen Parry');
      await moveCase(page, reference, 'Start contacting people', 'Contacting');

      // Contact: an attempt, then a conversation with each of them.
      await goToTab(page, reference, 'Contacts');
      expect(await page.locator('[data-qa="safe-contact-reminder"]').textContent()).toContain(
        'Work email',
      );
      await recordContact(page, reference, {
        who: 'Gwen Parry',
        time: '09:15',
        how: 'Telephone',
        outcome: 'No answer',
      });
      await recordContact(page, reference, {
        who: 'Gwen Parry',
        time: '09:40',
        how: 'Telephone',
        outcome: 'Spoke to them',
        notes: 'Explained restorative justice: she would like to meet him.',
      });
      await recordContact(page, reference, {
        who: 'Dylan Lyons',
        how: 'In person',
        outcome: 'Spoke to them',
      });
      expect(await page.locator('[data-qa="contacts"] tbody tr').count()).toBe(3);
      expect(await page.locator('[data-qa="first-contact"]').textContent()).toContain(
        '4 working days after the referral',
      );

      // The offer of RJ, and informed consent, from each.
      await goToTab(page, reference, 'People');
      await offerAndConsent(page, reference, 'Gwen Parry', {
        offered: 'Telephone',
        consent: 'in writing',
      });
      await offerAndConsent(page, reference, 'Dylan Lyons', {
        offered: 'In person',
        consent: 'verbally, witnessed',
        witness: 'Val Volunteer, co-facilitator',
      });
      await goToTab(page, reference, 'Summary');
      expect(await nextActions(page)).toContain("Assess Gwen Parry's needs, risks and suitability");
      await moveCase(page, reference, 'Move to assessment', 'Assessing');

      // Her needs, and both found suitable (the practitioner's own decision is signed off).
      await goToTab(page, reference, 'Assessments');
      await assess(
        page,
        reference,
        'needs',
        'Gwen Parry',
        {
          yes: ['Is support already in place for them?'],
          text: { 'Who would they like with them?': 'Her sister' },
        },
        'Wants to ask why her house, and to say how the burglary affected her children.',
      );
      await assess(page, reference, 'suitability', 'Gwen Parry', SUITABLE, 'Ready to meet.');
      await assess(page, reference, 'suitability', 'Dylan Lyons', SUITABLE, 'Accepts it all.');
      expect(await page.locator('[data-qa="standing"]').allTextContents()).toEqual([
        'Suitable',
        'Suitable',
      ]);

      // Preparation: a note of the preparation meetings, and the conference planned.
      await goToTab(page, reference, 'Summary');
      expect(await nextActions(page)).toContain('Plan an intervention');
      await moveCase(page, reference, 'Move to preparation', 'Preparing');
      await page
        .getByLabel('Add a case note')
        .fill('Preparation meetings held with both: ground rules agreed.');
      await page.locator('[data-qa="add-note"]').click();
      await expectCasePage(page, reference, 'Summary');
      await expectFlash(page, 'Note added.');

      await goToTab(page, reference, 'Interventions');
      await planIntervention(
        page,
        reference,
        'Face-to-face conference',
        ['Gwen Parry', 'Dylan Lyons'],
        async (form) => {
          await fillDate(form, 'scheduled_on', TODAY);
          await form.getByLabel('Time (optional)').fill('8:15am');
          await choice(form, 'Where will it take place? (optional)', 'Community venue').check();
          await form.getByLabel('Venue details (optional)').fill('Northvale library, room 2');
        },
      );
      const card = page.locator('[data-qa="intervention-conference"]');
      expect(await card.textContent()).toContain('20 November 2026 at 8:15am');
      expect(await card.locator('[data-qa="not-ready"]').count()).toBe(0);
      await goToTab(page, reference, 'Summary');
      await moveCase(page, reference, 'Move to intervention', 'Intervention');

      // The conference is held; follow-up is scheduled; the agreement is written down.
      app.harness.clock.set(`${TODAY}T08:20:00Z`);
      await goToTab(page, reference, 'Interventions');
      await recordHeld(
        page,
        reference,
        'intervention-conference',
        'Both attended; Gwen asked her questions and Dylan apologised.',
        'Gwen Parry',
      );
      await addAgreementItem(page, reference, {
        kind: 'Reparation',
        what: 'Repair the garden fence',
        by: 'Dylan Lyons',
        to: 'Gwen Parry',
        due: '2026-12-18',
      });
      await addAgreementItem(page, reference, {
        kind: 'Restitution',
        what: 'Pay for the broken window',
        by: 'Dylan Lyons',
        to: 'Gwen Parry',
        due: '2026-12-18',
        amount: '120',
      });
      await goToTab(page, reference, 'Summary');
      await moveCase(page, reference, 'Move to follow-up', 'Follow-up');

      // Follow-up: the agreement kept in full, and the follow-up contact made.
      await goToTab(page, reference, 'Agreement');
      await page.locator('[data-qa="agreement-item-restitution"] [data-qa="add-payment"]').click();
      await expectCasePage(page, reference, 'Record a restitution payment');
      await fillDate(page, 'paid_on', TODAY);
      await page.getByLabel('Amount paid').fill('120');
      await page.locator('[data-qa="save"]').click();
      await expectCasePage(page, reference, 'Outcome agreement');
      await expectFlash(page, 'Payment recorded.');
      // Paying the balance in full completes the item.
      expect(
        await page
          .locator('[data-qa="agreement-item-restitution"] [data-qa="item-tag"]')
          .textContent(),
      ).toBe('Completed');
      await completeItem(page, reference, 'reparation');
      await followUpDone(page, reference, 'Fence repaired; Gwen feels safer at home.');

      await goToTab(page, reference, 'Summary');
      await closeAsCompleted(page, reference, [
        'Face-to-face conference held',
        'Payment of £120.00 received: Pay for the broken window',
        'Agreement item completed: Repair the garden fence',
        'Follow-up contact done',
      ]);
    },
    JOURNEY_TIMEOUT,
  );
});
