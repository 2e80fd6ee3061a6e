// A one-time questionnaire link: a practitioner records that the person harmed agreed to answer
// online and makes a link to hand over; the person answers it on a phone, without signing in and
// without JavaScript; the link then cannot be used again, and the answers are on the case.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeService, openCase } from '../support/cases.js';
import { expectPage, startE2E, type E2E } from './support/browser.js';
import { choice, expectCasePage, expectFlash, signIn } from './support/pages.js';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  e2e.harness.clock.set('2026-11-20T10:00:00Z');
});
afterAll(() => e2e?.close());

describe('a satisfaction questionnaire through a one-time link', () => {
  it('is made for someone who agreed, and answered on a phone without signing in', async () => {
    const { services } = e2e.harness;
    const team = await makeService(services);
    const opened = await openCase(services, team.practitioner, { victim: 'Gwen' });

    const page = await (await e2e.newContext()).newPage();
    await signIn(page, team.practitioner.email, team.practitioner.password);
    await expectPage(page, 'Home');
    await page.goto(`/cases/${opened.caseId}/feedback`);
    await expectCasePage(page, opened.caseReference, 'Satisfaction questionnaires');
    expect(await page.locator(`[data-qa="create-link-${opened.harmedId}"]`).count()).toBe(0);

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
    await expectCasePage(page, opened.caseReference, 'Create a questionnaire link for Gwen Victim');
    await page.getByLabel('I will give it to them myself').check();
    await page.locator('[data-qa="create-link"]').click();
    await expectCasePage(page, opened.caseReference, 'Questionnaire link created');
    const link = (await page.locator('[data-qa="questionnaire-link"]').textContent())!.trim();
    expect(link).toMatch(/\/q\/[A-Za-z0-9_-]{43}$/);
    const path = new URL(link).pathname;

    // The person, on their phone, with JavaScript off and nobody signed in.
    const phone = await (await e2e.newContext({ javaScriptEnabled: false })).newPage();
    await phone.setViewportSize({ width: 375, height: 740 });
    await phone.goto(path);
    await expectPage(phone, 'Tell us about your experience');
    const text = (await phone.locator('main').textContent()) ?? '';
    for (const personal of ['Gwen', 'Victim', 'Owain', opened.caseReference, 'Pat Practitioner'])
      expect(text).not.toContain(personal);
    expect(await phone.locator('[data-qa="service-name"]').textContent()).toContain(team.org.name);
    expect(await phone.locator('[data-qa="sign-out"]').count()).toBe(0);

    await phone.locator('[data-qa="send-answers"]').click();
    await expectPage(phone, 'Tell us about your experience'); // with "answer at least one question"
    expect(await phone.locator('.govuk-error-summary').textContent()).toContain(
      'Answer at least one question',
    );

    await choice(phone, 'I was well prepared for what happened', 'Strongly agree').check();
    await choice(phone, 'I felt safe taking part', 'Agree').check();
    await choice(phone, 'Would you recommend restorative justice to other people?', 'Yes').check();
    await phone
      .getByLabel('Is there anything else you would like to tell us?')
      .fill('It helped me move on.');
    // Nothing sticks out sideways on a 375-pixel screen.
    for (const element of await phone
      .locator('.govuk-radios__label, textarea, .govuk-button, h1')
      .all()) {
      const box = await element.boundingBox();
      expect(box!.x + box!.width).toBeLessThanOrEqual(375);
    }
    await phone.locator('[data-qa="send-answers"]').click();
    await expectPage(phone, 'Thank you');

    await phone.goto(path);
    await expectPage(phone, 'This link cannot be used');

    await page.goto(`/cases/${opened.caseId}/feedback`);
    await expectCasePage(page, opened.caseReference, 'Satisfaction questionnaires');
    expect(await page.locator(`[data-qa="responses-${opened.harmedId}"]`).textContent()).toContain(
      'Online (one-time link)',
    );
    expect(await page.locator(`[data-qa="links-${opened.harmedId}"]`).textContent()).toContain(
      'answered',
    );
    await page.locator(`[data-qa="responses-${opened.harmedId}"] a`).first().click();
    await expectCasePage(
      page,
      opened.caseReference,
      "Gwen Victim's questionnaire of 20 November 2026",
    );
    expect(await page.locator('[data-qa="answers"]').textContent()).toContain(
      'It helped me move on.',
    );
  });
});
