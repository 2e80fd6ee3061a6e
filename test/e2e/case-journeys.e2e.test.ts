// A case carried from an accepted referral to closure in the browser, once for each of three
// interventions along the spectrum: a face-to-face conference, shuttle (indirect) communication
// and a letter of apology. Only the referral is made through the services (and, after the first
// journey, its acceptance); from the case it opens to its closure everything is done on the
// pages, and every page a journey arrives on is checked with axe-core.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { makeService } from '../support/cases.js';
import { administratorOf } from '../support/harness.js';
import { expectPage, startE2E, type E2E } from './support/browser.js';
import {
  choice,
  expectCasePage,
  expectFlash,
  fillDate,
  openCaseTab,
  personLabel,
  signIn,
} from './support/pages.js';

const TODAY = '2026-11-20';
/** Some 50 pages a journey, each checked with axe-core: more than the default minute. */
const JOURNEY_TIMEOUT = 300_000;

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());
// The clock stands still: every date a form defaults to is TODAY. Sessions end after 30 idle
// minutes by this clock, so a journey moves it on by less than that at a time.
beforeEach(() => e2e.harness.clock.set(`${TODAY}T08:00:00Z`));

type Team = Awaited<ReturnType<typeof makeService>>;
type Staff = Team['manager'];

/** A referral the service received, waiting for its decision. */
async function referralFor(
  team: Team,
  parties: { victim: [string, string]; offender: [string, string]; svDa?: boolean },
) {
  return e2e.harness.services.referrals.create(
    team.manager,
    {
      source_org: 'self',
      initiated_by: 'victim',
      received_on: '2026-11-16',
      offence_group: parties.svDa ? 'violence-against-the-person' : 'theft-offences',
      cjs_stage: 'pre_sentence',
      sv_da: parties.svDa ? 'yes' : 'no',
      victim_forename: parties.victim[0],
      victim_surname: parties.victim[1],
      victim_safe_phone: '01632 960100',
      victim_do_not_contact_via: 'Work email',
      offender_forename: parties.offender[0],
      offender_surname: parties.offender[1],
    },
    { channel: 'web' },
  );
}

async function signedIn(person: Staff): Promise<Page> {
  const page = await (await e2e.newContext()).newPage();
  await signIn(page, person.email, person.password);
  await expectPage(page, 'Home');
  return page;
}

/** The h2 each case tab arrives with. */
const TAB_HEADINGS = {
  Summary: 'Summary',
  People: 'People',
  Contacts: 'Contacts',
  Assessments: 'Assessments',
  Interventions: 'Interventions',
  Agreement: 'Outcome agreement',
  Timeline: 'Timeline',
} as const;

async function goToTab(page: Page, reference: string, tab: keyof typeof TAB_HEADINGS) {
  await openCaseTab(page, tab);
  await expectCasePage(page, reference, TAB_HEADINGS[tab]);
}

/** The manager accepts the referral on its page. Answers the case's reference. */
async function acceptReferral(page: Page, manager: Staff, referral: { reference: string }) {
  await page.getByRole('link', { name: 'Referrals', exact: true }).first().click();
  await expectPage(page, 'Referrals');
  await page.getByRole('link', { name: referral.reference }).click();
  await expectPage(page, `Referral ${referral.reference}`);
  await page.locator('[data-qa="accept"]').click();
  await expectPage(page, `Referral ${referral.reference}`);
  await expectFlash(page, 'Referral accepted');
  const caseId = new URL(page.url()).searchParams.get('case')!;
  return (await e2e.harness.services.cases.get(manager, caseId)).case.reference;
}

/** A referral accepted by the service (through the services), opening a new case. */
async function acceptedReferral(team: Team, referral: { id: string }) {
  const { caseReference } = await e2e.harness.services.triage.accept(team.manager, referral.id, {
    version: 1,
  });
  return caseReference;
}

/** From anywhere: Cases, then one of the queues, then the case. */
async function openFromQueue(page: Page, queue: RegExp | null, reference: string) {
  await page.getByRole('link', { name: 'Cases', exact: true }).first().click();
  await expectPage(page, 'Cases');
  if (queue) {
    await page.getByRole('link', { name: queue }).click();
    await expectPage(page, 'Cases');
  }
  await page.getByRole('link', { name: reference, exact: true }).click();
  await expectCasePage(page, reference, 'Summary');
}

/** On a new case's summary: the manager allocates a lead facilitator and any co-workers. */
async function allocate(page: Page, reference: string, lead: string, coWorkers: string[] = []) {
  expect(await page.locator('[data-qa="case-stage"]').textContent()).toBe('New');
  expect(await nextActions(page)).toContain('Allocate a lead facilitator');
  await page.locator('[data-qa="allocate"]').click();
  await expectCasePage(page, reference, 'Allocate facilitators');
  await choice(page, 'Lead facilitator', personLabel(lead)).check();
  for (const name of coWorkers)
    await choice(page, 'Co-workers (optional)', personLabel(name)).check();
  await page.locator('[data-qa="save-allocation"]').click();
  await expectCasePage(page, reference, 'Summary');
  await expectFlash(page, 'Facilitators allocated.');
  expect(await page.locator('[data-qa="allocations"]').textContent()).toContain(lead);
}

async function nextActions(page: Page) {
  return (await page.locator('[data-qa="next-actions"]').textContent()) ?? '';
}

/** On the summary: a button in the Stage box moves the case on. */
async function moveCase(page: Page, reference: string, button: string, stage: string) {
  await page.getByRole('button', { name: button, exact: true }).click();
  await expectCasePage(page, reference, 'Summary');
  await expectFlash(page, 'The case has moved on.');
  expect(await page.locator('[data-qa="case-stage"]').textContent()).toBe(stage);
}

/** On the Contacts tab: an attempt or a contact, logged. */
async function recordContact(
  page: Page,
  reference: string,
  contact: { who: string; time?: string; how: string; outcome: string; notes?: string },
) {
  await choice(page, 'Who', personLabel(contact.who)).check();
  if (contact.time) await page.getByLabel('Time (optional)').fill(contact.time);
  await choice(page, 'How', contact.how).check();
  await choice(page, 'Outcome', contact.outcome).check();
  if (contact.notes) await page.getByLabel('Notes (optional)').fill(contact.notes);
  await page.locator('[data-qa="record-contact"]').click();
  await expectCasePage(page, reference, 'Contacts');
  await expectFlash(page, 'Contact recorded.');
}

/**
 * From the People tab: RJ offered to someone who says yes, then their informed consent. Two
 * slips on the way, if asked for: consent recorded before the offer (refused), and verbal
 * consent saved without its witness (a mistake, with what was ticked kept).
 */
async function offerAndConsent(
  page: Page,
  reference: string,
  name: string,
  how: {
    offered: string;
    consent: 'in writing' | 'verbally, witnessed';
    witness?: string;
    consentFirst?: boolean;
    witnessForgotten?: boolean;
  },
) {
  await page.getByRole('link', { name: `View and update ${name}` }).click();
  await expectCasePage(page, reference, name);
  const explained = page
    .getByRole('group', { name: 'What was explained', exact: true })
    .getByRole('checkbox');
  const consent = async () => {
    for (const box of await explained.all()) await box.check();
    await choice(page, 'How consent was given', how.consent).check();
    await page.locator('[data-qa="record-consent"]').click();
    await expectCasePage(page, reference, name);
  };
  if (how.consentFirst) {
    await consent();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      `${name} must say yes to restorative justice before consent is recorded`,
    );
    for (const box of await explained.all()) expect(await box.isChecked()).toBe(true);
  }

  await choice(page, 'How it was offered', how.offered).check();
  await choice(page, 'Their answer', 'Said yes to RJ').check();
  await page.locator('[data-qa="record-offer"]').click();
  await expectCasePage(page, reference, name);
  await expectFlash(page, 'Offer recorded.');

  if (how.witnessForgotten) {
    await consent();
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'Enter who witnessed verbal consent',
    );
    for (const box of await explained.all()) expect(await box.isChecked()).toBe(true);
    await page.getByLabel('Witness (for verbal consent)').fill(how.witness!);
    await page.locator('[data-qa="record-consent"]').click();
    await expectCasePage(page, reference, name);
  } else {
    if (how.witness) await page.getByLabel('Witness (for verbal consent)').fill(how.witness);
    await consent();
  }
  await expectFlash(page, 'Consent recorded.');
  expect(await page.locator('[data-qa="consents"]').textContent()).toContain(how.consent);

  await page.getByRole('link', { name: 'Back to people' }).click();
  await expectCasePage(page, reference, 'People');
}

const ASSESSMENTS = {
  needs: { title: 'Assess needs', choice: '' },
  risk: { title: 'Assess risk', choice: 'Level of risk' },
  suitability: { title: 'Decide suitability', choice: 'Suitability decision' },
};

/** From the Assessments tab: one assessment of one person, with its answers and summary. */
async function assess(
  page: Page,
  reference: string,
  kind: keyof typeof ASSESSMENTS,
  who: string,
  answers: { yes?: string[]; no?: string[]; text?: Record<string, string>; choose?: string },
  summary: string,
) {
  await page.locator(`[data-qa="new-${kind}"]`).click();
  await expectCasePage(page, reference, ASSESSMENTS[kind].title);
  await choice(page, 'Who is being assessed', personLabel(who)).check();
  for (const question of answers.yes ?? []) await choice(page, question, 'Yes').check();
  for (const question of answers.no ?? []) await choice(page, question, 'No').check();
  for (const [question, text] of Object.entries(answers.text ?? {}))
    await page.getByLabel(question, { exact: true }).fill(text);
  if (answers.choose) await choice(page, ASSESSMENTS[kind].choice, answers.choose).check();
  await page.getByLabel('Summary', { exact: true }).fill(summary);
  await page.locator('[data-qa="save-assessment"]').click();
  await expectCasePage(page, reference, 'Assessments');
  await expectFlash(page, 'Assessment saved.');
}

const SUITABLE = {
  yes: [
    'Does the person who harmed accept responsibility for the harm?',
    'Do they understand what taking part involves?',
    'Are they taking part freely, without pressure?',
    'Can they take part safely?',
  ],
  choose: 'Suitable',
};

/** From the Interventions tab: one planned, with who attends and whatever else `more` adds. */
async function planIntervention(
  page: Page,
  reference: string,
  kind: string,
  attendees: string[],
  more: (page: Page) => Promise<void> = async () => undefined,
) {
  await page.locator('[data-qa="plan-intervention"]').click();
  await expectCasePage(page, reference, 'Plan an intervention');
  await choice(page, 'What kind of intervention?', kind).check();
  for (const name of attendees) await choice(page, 'Who attends?', personLabel(name)).check();
  await more(page);
  await page.locator('[data-qa="save"]').click();
  await expectCasePage(page, reference, 'Interventions');
  await expectFlash(page, 'Intervention planned.');
}

/**
 * From the Interventions tab: the intervention (its card's data-qa) was held today. Saving
 * offers follow-up contact straight away: it is scheduled with `followUpWith`, due today.
 */
async function recordHeld(
  page: Page,
  reference: string,
  card: string,
  notes: string,
  followUpWith: string,
) {
  await page.locator(`[data-qa="${card}"] [data-qa="record"]`).click();
  await expectCasePage(page, reference, 'Record what happened');
  await choice(page, 'What happened?', 'It was held').check();
  await fillDate(page, 'held_on', TODAY);
  await page.getByLabel('Notes (optional)').fill(notes);
  await page.locator('[data-qa="save"]').click();

  await expectCasePage(page, reference, 'Schedule follow-up contact');
  await expectFlash(page, 'Intervention recorded as held.');
  await choice(page, 'Who is the follow-up contact with?', personLabel(followUpWith)).check();
  await fillDate(page, 'due_on', TODAY);
  await page.getByLabel('Notes (optional)').fill('How are they, and is the agreement kept?');
  await page.locator('[data-qa="save"]').click();
  await expectCasePage(page, reference, 'Outcome agreement');
  await expectFlash(page, 'Follow-up contact scheduled.');
}

/** On the Agreement tab: an item of the outcome agreement, due on `due`. */
async function addAgreementItem(
  page: Page,
  reference: string,
  item: { kind: string; what: string; by: string; to?: string; due: string; amount?: string },
) {
  await page.locator('[data-qa="add-item"]').click();
  await expectCasePage(page, reference, 'Add an agreement item');
  await choice(page, 'What kind of item?', item.kind).check();
  await page.getByLabel('What was agreed').fill(item.what);
  await choice(page, 'Who owes it?', personLabel(item.by)).check();
  await choice(
    page,
    'Who is it owed to?',
    item.to ? personLabel(item.to) : 'No one in particular (for example, the community)',
  ).check();
  await fillDate(page, 'due_on', item.due);
  if (item.amount) await page.getByLabel('Amount (restitution only)').fill(item.amount);
  await page.locator('[data-qa="save"]').click();
  await expectCasePage(page, reference, 'Outcome agreement');
  await expectFlash(page, 'Agreement item added.');
}

/** On the Agreement tab: the item of this kind was done today. */
async function completeItem(page: Page, reference: string, kind: string) {
  await page.locator(`[data-qa="agreement-item-${kind}"] [data-qa="complete-item"]`).click();
  await expectCasePage(page, reference, 'Mark the item as completed');
  await fillDate(page, 'completed_on', TODAY);
  await page.locator('[data-qa="save"]').click();
  await expectCasePage(page, reference, 'Outcome agreement');
  await expectFlash(page, 'Agreement item marked as completed.');
  expect(
    await page.locator(`[data-qa="agreement-item-${kind}"] [data-qa="item-tag"]`).textContent(),
  ).toBe('Completed');
}

/** On the Agreement tab: the follow-up contact was made today. */
async function followUpDone(page: Page, reference: string, notes: string) {
  await page.locator('[data-qa="follow-up-done"]').click();
  await expectCasePage(page, reference, 'Record the follow-up contact');
  await fillDate(page, 'done_on', TODAY);
  await page.getByLabel('Notes (optional)').fill(notes);
  await page.locator('[data-qa="save"]').click();
  await expectCasePage(page, reference, 'Outcome agreement');
  await expectFlash(page, 'Follow-up contact recorded as done.');
}

/** From the summary: the case is closed as completed, and its timeline tells the story. */
async function closeAsCompleted(page: Page, reference: string, story: string[]) {
  expect(await nextActions(page)).toContain('Follow up, then close the case');
  await page.locator('[data-qa="close-or-suspend"]').click();
  await expectCasePage(page, reference, 'Close or suspend the case');
  await choice(page, 'What do you want to do?', 'Close the case').check();
  await choice(page, 'How did the case end?', 'Completed').check();
  await page.locator('[data-qa="save-stage"]').click();
  await expectCasePage(page, reference, 'Summary');
  expect(await page.locator('[data-qa="case-stage"]').textContent()).toBe('Closed');
  expect(await page.locator('[data-qa="summary-card"]').textContent()).toContain(
    'Completed, 20 November 2026',
  );
  expect(await page.locator('#main-content').textContent()).toContain('Nothing to do next.');

  await goToTab(page, reference, 'Timeline');
  const timeline = (await page.locator('[data-qa="timeline"]').textContent()) ?? '';
  for (const event of [...story, 'Closed: Completed']) expect(timeline).toContain(event);
}

describe('a practitioner carries a case from accepted referral to closure', () => {
  it(
    'through a face-to-face conference, with an outcome agreement kept',
    async () => {
      const team = await makeService(e2e.harness.services);
      const referral = await referralFor(team, {
        victim: ['Gwen', 'Parry'],
        offender: ['Dylan', 'Lyons'],
      });
      // The manager accepts the referral. Its page does not link to the case it opened, so
      // the manager finds the case among the unallocated ones, and allocates it.
      const managerPage = await signedIn(team.manager);
      const reference = await acceptReferral(managerPage, team.manager, referral);
      await openFromQueue(managerPage, /^Unallocated/, reference);
      await allocate(managerPage, reference, 'Pat Practitioner', ['Val Volunteer']);
      await managerPage.context().close();

      // The lead facilitator finds it in "My cases", the first queue.
      const page = await signedIn(team.practitioner);
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
      e2e.harness.clock.set(`${TODAY}T08:20:00Z`);
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

  it(
    'through shuttle communication, in a domestic abuse case signed off by a trained manager',
    async () => {
      const team = await makeService(e2e.harness.services);
      await e2e.harness.services.users.setTrainedSvDa(
        await administratorOf(e2e.harness.services, team.org),
        team.manager.userId,
        true,
      );
      const referral = await referralFor(team, {
        victim: ['Amira', 'Shah'],
        offender: ['Callum', 'Reid'],
        svDa: true,
      });
      const reference = await acceptedReferral(team, referral);
      // The manager, trained for such cases, co-works it so the decisions can be signed off.
      const managerPage = await signedIn(team.manager);
      await openFromQueue(managerPage, /^Unallocated/, reference);
      await allocate(managerPage, reference, 'Pat Practitioner', ['Morgan Manager']);

      const page = await signedIn(team.practitioner);
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

  it(
    'through a letter of apology, delivered only after the person harmed chose to receive it',
    async () => {
      const team = await makeService(e2e.harness.services);
      const referral = await referralFor(team, {
        victim: ['Ellen', 'Hughes'],
        offender: ['Tomos', 'Price'],
      });
      const reference = await acceptedReferral(team, referral);
      // The practitioner picks the new case up from the unallocated queue.
      const page = await signedIn(team.practitioner);
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
        'A case can only be closed as completed after an intervention was held',
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
