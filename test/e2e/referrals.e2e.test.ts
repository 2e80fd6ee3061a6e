import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeOrganisation, makeUser } from '../support/harness.js';
import { expectPage, startE2E, type E2E } from './support/browser.js';
import { signIn, signOut } from './support/pages.js';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  e2e.harness.clock.set('2026-11-20T10:00:00Z');
});
afterAll(() => e2e?.close());

describe('a referral from a partner agency', () => {
  it('is sent through the form, accepted by the service, and followed by the referrer', async () => {
    const { services } = e2e.harness;
    const service = await makeOrganisation(services, {
      kind: 'rj_service',
      name: 'Northvale Restorative Justice',
    });
    const police = await makeOrganisation(services, { kind: 'police', name: 'Northvale Police' });
    const referrer = await makeUser(services, {
      role: 'referrer',
      org: police,
      name: 'Rhian Referrer',
    });
    const manager = await makeUser(services, {
      role: 'service_manager',
      org: service,
      name: 'Mo Manager',
    });

    const page = await (await e2e.newContext()).newPage();
    await signIn(page, referrer.email, referrer.password);
    await expectPage(page, 'Home');
    await page.getByRole('link', { name: 'Make a referral' }).first().click();
    await expectPage(page, 'Make a referral');
    await page.locator('[data-qa="start-referral"]').click();

    await expectPage(page, 'Which restorative justice service are you referring to?');
    await page.locator('[data-qa="continue"]').click();
    await expectPage(page, 'Which restorative justice service are you referring to?'); // with the error
    await page.getByLabel('Restorative justice service').selectOption(service.slug);
    await page.locator('[data-qa="continue"]').click();

    await expectPage(page, 'About the referral');
    await page.getByLabel('The person harmed').check();
    await page.locator('#victim_consent').check();
    await page.locator('[data-qa="continue"]').click();

    await expectPage(page, 'What happened');
    await page.getByLabel('Type of offence').selectOption('criminal-damage-and-arson');
    await page.locator('#crime_reference').fill('NV/4471/26');
    await page.getByLabel('Before charge').check();
    await page.locator('[data-qa="continue"]').click();

    await expectPage(page, 'The person harmed');
    await page.locator('#victim_forename').fill('Gwen');
    await page.locator('#victim_surname').fill('Parry');
    await page.locator('#victim_postcode').fill('np20 1ab');
    await page.locator('[data-qa="continue"]').click();

    await expectPage(page, 'Contacting the person harmed safely');
    await page.locator('#victim_safe_phone').fill('01632 960 555');
    await page.locator('#victim_do_not_contact_via').fill('Not at work');
    await page.locator('[data-qa="continue"]').click();

    for (const heading of [
      'The person who harmed',
      'Contacting the person who harmed safely',
      'Anything else the service should know',
    ]) {
      await expectPage(page, heading);
      if (heading === 'The person who harmed')
        await page.locator('#offender_surname').fill('Lyons');
      await page.locator('[data-qa="continue"]').click();
    }

    await expectPage(page, 'Check your answers before sending the referral');
    expect(await page.locator('[data-qa="answers-victim"]').textContent()).toContain('NP20 1AB');
    await page.locator('[data-qa="send-referral"]').click();
    await expectPage(page, 'Referral sent');
    const reference = (await page.locator('[data-qa="reference"]').textContent())!.trim();
    expect(reference).toMatch(/^RF-/);

    await page.getByRole('link', { name: 'Follow this referral' }).click();
    await expectPage(page, `Referral ${reference}`);
    expect(await page.locator('[data-qa="referrer-status"]').textContent()).toContain('Received');
    await signOut(page);

    const staffPage = await (await e2e.newContext()).newPage();
    await signIn(staffPage, manager.email, manager.password);
    await expectPage(staffPage, 'Home');
    await staffPage.getByRole('link', { name: 'Referrals' }).first().click();
    await expectPage(staffPage, 'Referrals');
    await staffPage.getByRole('link', { name: reference }).click();
    await expectPage(staffPage, `Referral ${reference}`);
    expect(await staffPage.locator('[data-qa="safe-contact-victim"]').textContent()).toContain(
      'Do not contact: Not at work',
    );
    await staffPage.locator('[data-qa="accept"]').click();
    await expectPage(staffPage, `Referral ${reference}`);
    expect(await staffPage.locator('.govuk-notification-banner').textContent()).toContain(
      'Referral accepted',
    );

    const email = e2e.harness.mail.find((message) => message.subject.includes(reference));
    expect(email?.to).toBe(referrer.email);
    expect(email?.body).not.toContain('Parry');

    await signIn(page, referrer.email, referrer.password);
    await page.goto('/referrals/sent');
    await expectPage(page, 'Your referrals');
    await page.getByRole('link', { name: reference }).click();
    await expectPage(page, `Referral ${reference}`);
    expect(await page.locator('[data-qa="referrer-status"]').textContent()).toContain('Accepted');
    expect(await page.locator('[data-qa="sent-summary"]').textContent()).toContain('Mo Manager');
  });
});

describe('a service manager', () => {
  it('declines a referral, asks for more on another, and changes the service settings', async () => {
    const { services } = e2e.harness;
    const service = await makeOrganisation(services, { kind: 'rj_service' });
    const manager = await makeUser(services, { role: 'service_manager', org: service });
    const first = await services.referrals.create(
      manager,
      {
        source_org: 'self',
        initiated_by: 'victim',
        received_on: '2026-11-19',
        offence_group: 'robbery',
        cjs_stage: 'not_reported',
        victim_surname: 'Hale',
      },
      { channel: 'web' },
    );
    const second = await services.referrals.create(
      manager,
      {
        source_org: 'public',
        initiated_by: 'agency',
        received_on: '2026-11-19',
        offence_group: 'robbery',
        cjs_stage: 'pre_charge',
        offender_surname: 'Ivor',
      },
      { channel: 'web' },
    );
    const page = await (await e2e.newContext()).newPage();
    await signIn(page, manager.email, manager.password);
    await page.goto(`/referrals/${first.id}`);
    await expectPage(page, `Referral ${first.reference}`);
    await page.locator('[data-qa="decline"]').click();
    await expectPage(page, 'Decline the referral');
    await page.locator('[data-qa="confirm-decline"]').click();
    await expectPage(page, 'Decline the referral');
    await page.getByLabel('Out of the service').check();
    await page.locator('[data-qa="confirm-decline"]').click();
    await expectPage(page, `Referral ${first.reference}`);

    await page.goto(`/referrals/${second.id}`);
    await expectPage(page, `Referral ${second.reference}`);
    await page.locator('[data-qa="request-information"]').click();
    await expectPage(page, 'Ask the referrer for more information');
    await page
      .getByLabel('What do you need to know?')
      .fill('Has the person harmed been told about this referral?');
    await page.locator('[data-qa="send-request"]').click();
    await expectPage(page, `Referral ${second.reference}`);

    await page.goto('/referrals?status=declined');
    await expectPage(page, 'Referrals');
    await page.getByRole('link', { name: 'Service settings' }).click();
    await expectPage(page, 'Service settings');
    await page.getByLabel('Do not accept them').check();
    await page.locator('[data-qa="save-settings"]').click();
    await expectPage(page, 'Service settings');
  });
});
