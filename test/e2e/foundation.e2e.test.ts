import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeUserWithRole } from '../support/harness.js';
import { expectAccessible, expectPage, startE2E, type E2E } from './support/browser.js';
import {
  CODE_HEADING,
  enterCode,
  SET_UP_HEADING,
  setUpAuthenticator,
  signIn,
  signOut,
} from './support/pages.js';

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
});
afterAll(() => e2e?.close());

describe('signing in and out', () => {
  it('signs in, sets up an authenticator app, signs out, and signs in again with a code', async () => {
    const user = await makeUserWithRole(e2e.harness.services, 'practitioner');
    const page = await (await e2e.newContext()).newPage();
    await signIn(page, user.email, 'a wrong password');
    await expectPage(page, 'Sign in to Waymark');
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('Enter a correct email address and password');

    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.locator('[data-qa="sign-in"]').click();
    // The first time: an authenticator app is set up before anything else...
    await expectPage(page, SET_UP_HEADING);
    expect(await page.locator('[data-qa="qr-code"] svg[role="img"]').count()).toBe(1);
    const codes = await setUpAuthenticator(page, user.email);
    expect(codes).toHaveLength(10);
    await page.locator('[data-qa="recovery-codes-saved"]').click();
    await expectPage(page, 'Home');
    expect(await page.locator('[data-qa="signed-in-as"]').textContent()).toContain(user.name);

    await signOut(page);
    expect(await page.locator('.govuk-notification-banner').textContent()).toContain(
      'You have signed out',
    );
    await page.goto('/');
    await expectPage(page, 'Sign in to Waymark');

    // ...and then the password and the code the app shows.
    await page.getByLabel('Email address').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.locator('[data-qa="sign-in"]').click();
    await expectPage(page, CODE_HEADING);
    await page.getByLabel(CODE_HEADING).fill('000000');
    await page.locator('[data-qa="submit-code"]').click();
    await expectPage(page, CODE_HEADING);
    await expect
      .poll(() => page.locator('.govuk-error-summary').textContent())
      .toContain('The security code is not correct');
    await enterCode(page, user.email);
    await expectPage(page, 'Home');
    await signOut(page);

    // A recovery code instead of the app, once.
    await page.getByLabel('Email address').fill(user.email);
    await page.getByLabel('Password', { exact: true }).fill(user.password);
    await page.locator('[data-qa="sign-in"]').click();
    await expectPage(page, CODE_HEADING);
    await page.locator('[data-qa="use-recovery-code"]').click();
    await expectPage(page, 'Enter a recovery code');
    await page.getByLabel('Enter a recovery code').fill(codes[0]!);
    await page.locator('[data-qa="submit-recovery-code"]').click();
    await expectPage(page, 'Home');
  });

  it('works with JavaScript turned off', async () => {
    const user = await makeUserWithRole(e2e.harness.services, 'referrer');
    const page = await (await e2e.newContext({ javaScriptEnabled: false })).newPage();
    await signIn(page, user.email, user.password);
    await expectPage(page, 'Home');
    await signOut(page);
  });
});

describe('administration', () => {
  it("sets up Waymark, adds an organisation and its first administrator, who adds the organisation's people", async () => {
    const token = await e2e.harness.services.setup.issueLinkIfNeeded();
    const page = await (await e2e.newContext()).newPage();
    if (token) {
      await page.goto(`/setup/${token}`);
      await expectPage(page, 'Set up Waymark');
      await page.getByLabel('Full name').fill('Ada Administrator');
      await page.getByLabel('Email address').fill('ada.e2e@example.org');
      await page.getByLabel('Name', { exact: true }).fill('Waymark Admin Team');
      await page.getByLabel('Kind of organisation').selectOption('other');
      await page.getByLabel('New password', { exact: true }).fill('quartz meadow lantern');
      await page.getByLabel('Confirm new password').fill('quartz meadow lantern');
      await page.locator('[data-qa="complete-setup"]').click();
      await setUpAuthenticator(page, 'ada.e2e@example.org');
      await page.locator('[data-qa="recovery-codes-saved"]').click();
    } else {
      const admin = await makeUserWithRole(e2e.harness.services, 'system_admin');
      await signIn(page, admin.email, admin.password);
    }
    await expectPage(page, 'Home');

    await page.getByRole('link', { name: 'Organisations' }).first().click();
    await expectPage(page, 'Organisations');
    await page.locator('[data-qa="add-organisation"]').click();
    await expectPage(page, 'Add an organisation');
    await page.locator('[data-qa="save-organisation"]').click();
    await expectPage(page, 'Add an organisation');
    await expectAccessible(page); // with the error summary showing
    await page.getByLabel('Name', { exact: true }).fill('Cleveland Restorative Justice');
    await page.getByLabel('Kind of organisation').selectOption('rj_service');
    await page.getByLabel('Police force area').selectOption('cleveland');
    await page.locator('[data-qa="save-organisation"]').click();
    await expectPage(page, 'Cleveland Restorative Justice');

    // From outside, the system administrator may add its first administrator and nobody else.
    await page.locator('[data-qa="add-first-administrator"]').click();
    await expectPage(page, 'Add a user');
    await page.getByLabel('Full name').fill('Cara Practitioner');
    await page.getByLabel('Email address').fill('cara.e2e@example.org');
    await page.getByLabel('Role').selectOption('practitioner');
    await page.locator('[data-qa="save-user"]').click();
    await expectPage(page, 'Add a user');
    expect(await page.locator('.govuk-error-summary').textContent()).toContain(
      'You can add only an organisation administrator',
    );
    await page.getByLabel('Full name').fill('Olwen Administrator');
    await page.getByLabel('Email address').fill('olwen.e2e@example.org');
    await page.getByLabel('Role').selectOption('org_admin');
    await page.locator('[data-qa="save-user"]').click();
    await expectPage(page, 'User added');
    const adminLink = (await page.locator('[data-qa="password-link"]').textContent())!.trim();

    await page.getByRole('link', { name: 'Audit trail' }).click();
    await expectPage(page, 'Audit trail');
    expect(await page.locator('[data-qa="audit-events"]').textContent()).toContain('user.created');

    const olwen = await (await e2e.newContext()).newPage();
    await olwen.goto(new URL(adminLink).pathname);
    await expectPage(olwen, 'Choose your password');
    await olwen.getByLabel('New password', { exact: true }).fill('copper island meadow');
    await olwen.getByLabel('Confirm new password').fill('copper island meadow');
    await olwen.locator('[data-qa="set-password"]').click();
    await expectPage(olwen, 'Sign in to Waymark');
    await signIn(olwen, 'olwen.e2e@example.org', 'copper island meadow');
    await expectPage(olwen, 'Home');
    await olwen.getByRole('link', { name: 'Users' }).first().click();
    await expectPage(olwen, 'Users');
    await olwen.locator('[data-qa="add-user"]').click();
    await expectPage(olwen, 'Add a user');
    await olwen.getByLabel('Full name').fill('Cara Practitioner');
    await olwen.getByLabel('Email address').fill('cara.e2e@example.org');
    await olwen.getByLabel('Role').selectOption('practitioner');
    await olwen.locator('[data-qa="save-user"]').click();
    await expectPage(olwen, 'User added');
    const link = (await olwen.locator('[data-qa="password-link"]').textContent())!.trim();
    await olwen.getByRole('link', { name: 'Back to Cara Practitioner' }).click();
    await expectPage(olwen, 'Cara Practitioner');
    await olwen.getByLabel('Role').selectOption('service_manager');
    await olwen.locator('[data-qa="save-role"]').click();
    await expectPage(olwen, 'Cara Practitioner');
    expect(await olwen.locator('.govuk-notification-banner').textContent()).toContain(
      'The role has been changed',
    );

    await olwen.getByRole('link', { name: 'Staff changes' }).first().click();
    await expectPage(olwen, 'Staff changes');
    const outside = olwen.locator('[data-qa="staff-change"]', {
      has: olwen.locator('[data-qa="from-outside"]'),
    });
    // Olwen's arrival, and the refused attempt to add a practitioner from outside.
    const fromOutside = await outside.allTextContents();
    expect(fromOutside).toHaveLength(2);
    expect(fromOutside.join('\n')).toMatch(
      /Olwen Administrator[\s\S]*Added as Organisation administrator/,
    );
    expect(fromOutside.join('\n')).toMatch(/Added as Practitioner\s*Refused/);

    const newcomer = await (await e2e.newContext()).newPage();
    await newcomer.goto(new URL(link).pathname);
    await expectPage(newcomer, 'Choose your password');
    await newcomer.getByLabel('New password', { exact: true }).fill('harbour thistle engine');
    await newcomer.getByLabel('Confirm new password').fill('harbour thistle engine');
    await newcomer.locator('[data-qa="set-password"]').click();
    await expectPage(newcomer, 'Sign in to Waymark');
    await signIn(newcomer, 'cara.e2e@example.org', 'harbour thistle engine');
    await expectPage(newcomer, 'Home');
  });
});

describe('public and error pages', () => {
  it('are accessible', async () => {
    const page = await (await e2e.newContext()).newPage();
    for (const [path, heading] of [
      ['/cookies', 'Cookies'],
      ['/accessibility', 'Accessibility statement for Waymark'],
      ['/no-such-page', 'Page not found'],
      ['/setup/not-a-real-token-0000000000000000000000', 'This link cannot be used'],
    ] as const) {
      await page.goto(path);
      await expectPage(page, heading);
    }
  });
});
