// Measuring success for one person, end to end: the practitioner records Gwen's wellbeing at
// entry and her cope-and-recover goals; three months on, Gwen answers the satisfaction
// questionnaire through a one-time link on her phone (no account, no JavaScript); the exit
// review checks her goals; her distance travelled shows on the case, and the service manager
// sees it, with her answers, in the service outcomes.
//
// The steps run in order and share the case. Every figure asserted is worked out by hand from
// the scores and answers below.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EXPLAINED_ITEMS } from '../../src/domain/case-lifecycle.js';
import { makeService, openCase } from '../support/cases.js';
import { expectPage, startE2E, type E2E } from './support/browser.js';
import {
  chartTable,
  reportTable,
  reviewGoal,
  scoreCategories,
  tableRows,
  wellbeingPerson,
} from './support/measures.js';
import { choice, expectCasePage, expectFlash, openCaseTab, signIn } from './support/pages.js';

const ENTRY_DAY = '2026-02-03T10:00:00Z';
const EXIT_DAY = '2026-05-12T10:00:00Z';

// Scores from 1 (not coping at all) to 5 (coping well), on the shipped categories of need.
const ENTRY = {
  'Mental and physical health': 2,
  'Shelter and accommodation': 3,
  'Family, friends and children': 2,
  'Education, skills and employment': 3,
  'Drugs and alcohol': 4,
  'Finance and benefits': 3,
  'Outlook and attitudes': 1,
  'Social interaction': 2,
};
const EXIT = {
  'Mental and physical health': 4, // +2
  'Shelter and accommodation': 3, //  0
  'Family, friends and children': 3, // +1
  'Education, skills and employment': 3, //  0
  'Drugs and alcohol': 4, //  0
  'Finance and benefits': 2, // −1
  'Outlook and attitudes': 3, // +2
  'Social interaction': 4, // +2
};
// Overall: (2 + 0 + 1 + 0 + 0 − 1 + 2 + 2) / 8 = 6 / 8 = 0.75.
const CHANGES = [
  ['Mental and physical health', '+2'],
  ['Shelter and accommodation', '0'],
  ['Family, friends and children', '+1'],
  ['Education, skills and employment', '0'],
  ['Drugs and alcohol', '0'],
  ['Finance and benefits', '\u22121'],
  ['Outlook and attitudes', '+2'],
  ['Social interaction', '+2'],
];

const TOWN = { category: 'Outlook and attitudes', goal: 'Feel safe going into town on her own' };
const FRIENDS = { category: 'Social interaction', goal: 'See her friends at least once a week' };

let e2e: E2E;
let team: Awaited<ReturnType<typeof makeService>>;
let opened: Awaited<ReturnType<typeof openCase>>;
/** The practitioner's browser, signed in for each step (a jump of the clock ends a session). */
let practitioner: Page;

beforeAll(async () => {
  e2e = await startE2E();
  e2e.harness.clock.set(ENTRY_DAY);
  const { services } = e2e.harness;
  team = await makeService(services);
  opened = await openCase(services, team.practitioner, {
    victim: 'Gwen',
    receivedOn: '2026-02-02',
  });
  // Gwen said yes to restorative justice and gave informed consent in writing.
  await services.people.recordOffer(team.practitioner, opened.caseId, opened.harmedId, {
    offered_on: '2026-02-03',
    method: 'in_person',
    answer: 'yes',
  });
  await services.people.recordConsent(team.practitioner, opened.caseId, opened.harmedId, {
    given_on: '2026-02-03',
    how: 'written',
    explained: [...EXPLAINED_ITEMS],
  });
  practitioner = await (await e2e.newContext()).newPage();
});
afterAll(() => e2e?.close());

async function signInAsPractitioner() {
  await signIn(practitioner, team.practitioner.email, team.practitioner.password);
  await expectPage(practitioner, 'Home');
}

async function openWellbeingTab(page: Page) {
  await page.goto(`/cases/${opened.caseId}`);
  await expectCasePage(page, opened.caseReference, 'Summary');
  await openCaseTab(page, 'Wellbeing');
  await expectCasePage(page, opened.caseReference, 'Wellbeing');
}

// Each step visits several pages, each checked with axe-core: more than the default three
// minutes when the machine is busy.
const STEP = { timeout: 300_000 };

describe("a participant's distance travelled, from entry to the service outcomes", () => {
  it('starts with the entry measure and a cope-and-recover plan', STEP, async () => {
    const page = practitioner;
    await signInAsPractitioner();
    await openWellbeingTab(page);
    const gwen = wellbeingPerson(page, 'Gwen Victim');
    expect(await gwen.locator('[data-qa="wellbeing-none"]').textContent()).toContain(
      'No wellbeing measures have been recorded for Gwen Victim yet.',
    );

    await gwen.locator('[data-qa="wellbeing-entry"]').click();
    await expectCasePage(page, opened.caseReference, 'Entry measure for Gwen Victim');
    await scoreCategories(page, ENTRY);
    await page.locator('[data-qa="save-measure"]').click();
    await expectCasePage(page, opened.caseReference, 'Wellbeing');
    await expectFlash(page, 'Entry measure saved.');
    expect(await gwen.locator('[data-qa="wellbeing-only-entry"]').textContent()).toContain(
      'The distance travelled shows once the exit review is recorded.',
    );
    expect(await tableRows(gwen.locator('[data-qa="wellbeing-scores"]'))).toEqual(
      Object.entries(ENTRY).map(([category, score]) => [category, String(score)]),
    );

    for (const goal of [TOWN, FRIENDS]) {
      await gwen.locator('[data-qa="wellbeing-goal"]').click();
      await expectCasePage(page, opened.caseReference, 'Add a goal for Gwen Victim');
      await choice(page, 'Category of need', goal.category).check();
      await page.getByLabel('Goal', { exact: true }).fill(goal.goal);
      await page.locator('[data-qa="save-goal"]').click();
      await expectCasePage(page, opened.caseReference, 'Wellbeing');
      await expectFlash(page, 'Goal added.');
    }
    expect(await tableRows(gwen.locator('[data-qa="wellbeing-goals"]'))).toEqual([
      [TOWN.category, TOWN.goal, '3 February 2026', 'Not reviewed yet'],
      [FRIENDS.category, FRIENDS.goal, '3 February 2026', 'Not reviewed yet'],
    ]);
  });

  it(
    'takes her answers to the questionnaire through a one-time link, without signing in',
    STEP,
    async () => {
      // Three months on: the clock's jump has ended the practitioner's session.
      e2e.harness.clock.set(EXIT_DAY);
      const page = practitioner;
      await signInAsPractitioner();
      await page.goto(`/cases/${opened.caseId}`);
      await expectCasePage(page, opened.caseReference, 'Summary');
      await openCaseTab(page, 'Feedback');
      await expectCasePage(page, opened.caseReference, 'Satisfaction questionnaires');

      await page.locator(`[data-qa="agreement-change-${opened.harmedId}"]`).click();
      await expectCasePage(page, opened.caseReference, 'Answering online: Gwen Victim');
      await choice(
        page,
        'Did they agree to be sent a link to answer the questionnaire online?',
        'Yes, they agreed',
      ).check();
      await page.locator('[data-qa="save-agreement"]').click();
      await expectCasePage(page, opened.caseReference, 'Satisfaction questionnaires');
      await expectFlash(page, 'Saved.');

      await page.locator(`[data-qa="create-link-${opened.harmedId}"]`).click();
      await expectCasePage(
        page,
        opened.caseReference,
        'Create a questionnaire link for Gwen Victim',
      );
      await page.getByLabel('I will give it to them myself').check();
      await page.locator('[data-qa="create-link"]').click();
      await expectCasePage(page, opened.caseReference, 'Questionnaire link created');
      const link = (await page.locator('[data-qa="questionnaire-link"]').textContent())!.trim();
      const path = new URL(link).pathname;

      // Gwen, on her phone: a second browser, nobody signed in, JavaScript off.
      const phone = await (await e2e.newContext({ javaScriptEnabled: false })).newPage();
      await phone.setViewportSize({ width: 375, height: 740 });
      await phone.goto(path);
      await expectPage(phone, 'Tell us about your experience');
      expect(await phone.locator('[data-qa="sign-out"]').count()).toBe(0);
      const answers: [string, string][] = [
        ['I was well prepared for what happened', 'Strongly agree'],
        ['The people who worked with me listened to me', 'Agree'],
        ['I felt safe taking part', 'Agree'],
        ['The process was well organised and managed', 'Neither agree nor disagree'],
        ['Taking part has helped me to move on from what happened', 'Agree'],
        ['Overall, I am satisfied with how the service worked with me', 'Strongly agree'],
        ['Would you recommend restorative justice to other people?', 'Yes'],
      ];
      for (const [question, answer] of answers) await choice(phone, question, answer).check();
      await phone
        .getByLabel('Is there anything else you would like to tell us?')
        .fill('I can go into town again.');
      await phone.locator('[data-qa="send-answers"]').click();
      await expectPage(phone, 'Thank you');

      await page.goto(`/cases/${opened.caseId}/feedback`);
      await expectCasePage(page, opened.caseReference, 'Satisfaction questionnaires');
      expect(await tableRows(page.locator(`[data-qa="responses-${opened.harmedId}"]`))).toEqual([
        ['12 May 2026', 'Online (one-time link)', '1', '', 'View the response of 12 May 2026'],
      ]);
      expect(await page.locator(`[data-qa="links-${opened.harmedId}"]`).textContent()).toContain(
        'answered',
      );
    },
  );

  it(
    'checks her goals at the exit review and shows the distance travelled on the case',
    STEP,
    async () => {
      const page = practitioner;
      await openWellbeingTab(page);
      const gwen = wellbeingPerson(page, 'Gwen Victim');
      await gwen.locator('[data-qa="wellbeing-exit"]').click();
      await expectCasePage(page, opened.caseReference, 'Exit review for Gwen Victim');
      await scoreCategories(page, EXIT);
      await reviewGoal(page, TOWN, 'Met');
      // One goal left unchecked: the form says so, and keeps everything already entered.
      await page.locator('[data-qa="save-measure"]').click();
      await expectCasePage(page, opened.caseReference, 'Exit review for Gwen Victim');
      expect(await page.locator('.govuk-error-summary').textContent()).toContain(
        'Choose whether the goal was met, partly met or not met',
      );
      for (const [category, score] of Object.entries(EXIT))
        expect(await choice(page, category, String(score)).isChecked()).toBe(true);
      expect(await choice(page, `${TOWN.category}: ${TOWN.goal}`, 'Met').isChecked()).toBe(true);

      await reviewGoal(page, FRIENDS, 'Partly met', 'Sees one friend most weeks');
      await page.locator('[data-qa="save-measure"]').click();
      await expectCasePage(page, opened.caseReference, 'Wellbeing');
      await expectFlash(page, 'Exit review saved.');

      expect(await chartTable(page, `distance-${opened.harmedId}`)).toEqual([
        ...CHANGES,
        ['Overall (mean of 8 categories)', '+0.75'],
      ]);
      expect(await gwen.locator('[data-qa="wellbeing-overall"]').textContent()).toBe(
        'Overall change: +0.75, the mean over 8 categories scored at both entry and exit.',
      );
      expect(await tableRows(gwen.locator('[data-qa="wellbeing-scores"]'))).toEqual(
        Object.keys(ENTRY).map((category) => [
          category,
          String(ENTRY[category as keyof typeof ENTRY]),
          String(EXIT[category as keyof typeof EXIT]),
        ]),
      );
      expect(await tableRows(gwen.locator('[data-qa="wellbeing-goals"]'))).toEqual([
        [TOWN.category, TOWN.goal, '3 February 2026', 'Met (12 May 2026)'],
        [
          FRIENDS.category,
          FRIENDS.goal,
          '3 February 2026',
          'Partly met (12 May 2026) Sees one friend most weeks',
        ],
      ]);

      // The case's summary gives the overall change, and leads to the chart.
      await openCaseTab(page, 'Summary');
      await expectCasePage(page, opened.caseReference, 'Summary');
      expect(await page.locator('[data-qa="wellbeing-distances"] li').allInnerTexts()).toEqual([
        'Gwen Victim: +0.75 overall, entry to exit review (8 categories of need)',
      ]);
      await page.locator('[data-qa="wellbeing-link"]').click();
      await expectCasePage(page, opened.caseReference, 'Wellbeing');
    },
  );

  it('counts her in the service outcomes for the period', STEP, async () => {
    // The figures come from the aggregate store, which the server brings up to date every
    // minute; the test does not wait for it.
    await e2e.harness.services.aggregates.refresh();
    const page = await (await e2e.newContext()).newPage();
    await signIn(page, team.manager.email, team.manager.password);
    await expectPage(page, 'Home');
    await page
      .getByRole('navigation', { name: 'Menu' })
      .getByRole('link', { name: 'Outcomes' })
      .click();
    await expectPage(page, 'Service outcomes');
    await page
      .getByLabel('Quarter', { exact: true })
      .selectOption({ label: 'April to June 2026 (quarter 1 of financial year 2026 to 2027)' });
    await page.getByRole('button', { name: 'Show this quarter' }).click();
    await expectPage(page, 'Service outcomes');
    expect(await page.locator('[data-qa="report-period"]').textContent()).toBe(
      'April to June 2026 (quarter 1 of financial year 2026 to 2027)',
    );

    // One questionnaire (satisfied: strongly agree), one person compared (overall +0.75).
    // Agreeing is "agree" or "strongly agree": everything but "well managed" (neither).
    expect(await reportTable(page, 'satisfaction-harmed')).toEqual([
      ['Felt well prepared', '1', '1', '100.0%'],
      ['Felt listened to', '1', '1', '100.0%'],
      ['Felt safe', '1', '1', '100.0%'],
      ['The process was well managed', '0', '1', '0.0%'],
      ['It helped them move on', '1', '1', '100.0%'],
      ['Satisfied overall', '1', '1', '100.0%'],
      ['Would recommend restorative justice', '1', '1', '100.0%'],
    ]);
    const wellbeing = await reportTable(page, 'wellbeing');
    expect(wellbeing.find((r) => r[0]!.startsWith('Median change'))).toEqual([
      'Median change, entry to exit (scale 1 to 5)',
      '+0.75',
    ]);
    expect(await reportTable(page, 'wellbeing-categories')).toEqual(
      CHANGES.map(([category, change]) => [category, '1', change]),
    );
    // Her overall change of 0.75 rounds to a move of one point up.
    const distribution = await reportTable(page, 'wellbeing-distribution');
    expect(distribution.filter(([, people]) => people !== '0')).toEqual([['Up 1 point', '1']]);
  });
});
