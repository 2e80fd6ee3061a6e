// A case carried from an accepted referral to closure in the browser: what the three case
// journeys share (case-conference, case-shuttle and case-letter .e2e.test.ts, one journey a
// file so they run side by side). Only the referral is made through the services (and, in two
// of the journeys, its acceptance); from the case it opens to its closure everything is done on
// the pages, and every page a journey arrives on is checked with axe-core.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, beforeEach, expect } from 'vitest';
import type { makeService } from '../../support/cases.js';
import { expectPage, startE2E, type E2E } from './browser.js';
import {
  choice,
  expectCasePage,
  expectFlash,
  fillDate,
  openCaseTab,
  personLabel,
  signIn,
} from './pages.js';

export const TODAY = '2026-11-20';
/**
 * Some 70 pages a journey, each checked with axe-core: two minutes on a busy machine, so ten
 * rather than the default three.
 */
export const JOURNEY_TIMEOUT = 600_000;

export type Team = Awaited<ReturnType<typeof makeService>>;
export type Staff = Team['manager'];

/**
 * A Waymark app and browser for one journey file, started before its journey and stopped after
 * it, with the helpers that reach into the app. The clock stands still: every date a form
 * defaults to is TODAY. Sessions end after 30 idle minutes by this clock, so a journey moves it
 * on by less than that at a time.
 */
export function caseJourneyApp() {
  let e2e: E2E;
  beforeAll(async () => {
    e2e = await startE2E();
  });
  afterAll(() => e2e?.close());
  beforeEach(() => e2e.harness.clock.set(`${TODAY}T08:00:00Z`));

  return {
    get harness() {
      return e2e.harness;
    },

    /** A referral the service received, waiting for its decision. */
    referralFor(
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
          // The journeys leave her a message on the safe number, which she agreed to.
          victim_may_leave_message: 'yes',
          victim_do_not_contact_via: 'Work email',
          offender_forename: parties.offender[0],
          offender_surname: parties.offender[1],
        },
        { channel: 'web' },
      );
    },

    async signedIn(person: Staff): Promise<Page> {
      const page = await (await e2e.newContext()).newPage();
      await signIn(page, person.email, person.password);
      await expectPage(page, 'Home');
      return page;
    },

    /** The manager accepts the referral on its page. Answers the case's reference. */
    async acceptReferral(page: Page, manager: Staff, referral: { reference: string }) {
      await page.getByRole('link', { name: 'Referrals', exact: true }).first().click();
      await expectPage(page, 'Referrals');
      await page.getByRole('link', { name: referral.reference }).click();
      await expectPage(page, `Referral ${referral.reference}`);
      await page.locator('[data-qa="accept"]').click();
      await expectPage(page, `Referral ${referral.reference}`);
      await expectFlash(page, 'Referral accepted');
      const caseId = new URL(page.url()).searchParams.get('case')!;
      return (await e2e.harness.services.cases.get(manager, caseId)).case.reference;
    },

    /** A referral accepted by the service (through the services), opening a new case. */
    async acceptedReferral(team: Team, referral: { id: string }) {
      const { caseReference } = await e2e.harness.services.triage.accept(
        team.manager,
        referral.id,
        { version: 1 },
      );
      return caseReference;
    },
  };
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

export async function goToTab(page: Page, reference: string, tab: keyof typeof TAB_HEADINGS) {
  await openCaseTab(page, tab);
  await expectCasePage(page, reference, TAB_HEADINGS[tab]);
}

/** From anywhere: Cases, then one of the queues, then the case. */
export async function openFromQueue(page: Page, queue: RegExp | null, reference: string) {
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
export async function allocate(
  page: Page,
  reference: string,
  lead: string,
  coWorkers: string[] = [],
) {
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

export async function nextActions(page: Page) {
  return (await page.locator('[data-qa="next-actions"]').textContent()) ?? '';
}

/** On the summary: a button in the Stage box moves the case on. */
export async function moveCase(page: Page, reference: string, button: string, stage: string) {
  await page.getByRole('button', { name: button, exact: true }).click();
  await expectCasePage(page, reference, 'Summary');
  await expectFlash(page, 'The case has moved on.');
  expect(await page.locator('[data-qa="case-stage"]').textContent()).toBe(stage);
}

/** On the Contacts tab: an attempt or a contact, logged. */
export async function recordContact(
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
export async function offerAndConsent(
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
export async function assess(
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

export const SUITABLE = {
  yes: [
    'Does the person who harmed accept responsibility for the harm?',
    'Do they understand what taking part involves?',
    'Are they taking part freely, without pressure?',
    'Can they take part safely?',
  ],
  choose: 'Suitable',
};

/** From the Interventions tab: one planned, with who attends and whatever else `more` adds. */
export async function planIntervention(
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
export async function recordHeld(
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
export async function addAgreementItem(
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
export async function completeItem(page: Page, reference: string, kind: string) {
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
export async function followUpDone(page: Page, reference: string, notes: string) {
  await page.locator('[data-qa="follow-up-done"]').click();
  await expectCasePage(page, reference, 'Record the follow-up contact');
  await fillDate(page, 'done_on', TODAY);
  await page.getByLabel('Notes (optional)').fill(notes);
  await page.locator('[data-qa="save"]').click();
  await expectCasePage(page, reference, 'Outcome agreement');
  await expectFlash(page, 'Follow-up contact recorded as done.');
}

/** From the summary: the case is closed as completed, and its timeline tells the story. */
export async function closeAsCompleted(page: Page, reference: string, story: string[]) {
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
  // What is left is dated: the reoffending check a year after closure.
  expect(await nextActions(page)).toContain('Reoffending check on 20 November 2027');

  await goToTab(page, reference, 'Timeline');
  const timeline = (await page.locator('[data-qa="timeline"]').textContent()) ?? '';
  for (const event of [...story, 'Closed: Completed']) expect(timeline).toContain(event);
}
