// Page objects: what a person does on each page, named as they would say it.
import type { Page } from 'playwright-core';
import { expect } from 'vitest';
import { expectPage } from './browser.js';
import {
  clockOf,
  currentCode,
  rememberRecoveryCodes,
  rememberSecret,
} from '../../support/authenticator.js';

/**
 * Signs in as a person would: email and password, then the second factor. The first time, they
 * set up their authenticator app from the secret key on the page and go on past the recovery
 * codes; after that they enter the code the app shows (by the app's own clock). A refused
 * password stays on the sign-in page with its error.
 */
export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await expectPage(page, 'Sign in to Waymark');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.locator('[data-qa="sign-in"]').click();
  await expect
    .poll(
      async () =>
        new URL(page.url()).pathname !== '/sign-in' ||
        (await page.locator('.govuk-error-summary').count()) > 0,
    )
    .toBe(true);
  const path = new URL(page.url()).pathname;
  if (path === '/sign-in/set-up-authenticator') {
    await setUpAuthenticator(page, email);
    await page.locator('[data-qa="recovery-codes-saved"]').click();
  } else if (path === '/sign-in/code') {
    await enterCode(page, email);
  }
}

export const SET_UP_HEADING = 'Set up an authenticator app';
export const CODE_HEADING = 'Enter the 6 digit security code from your authenticator app';

/** On the set-up page: the secret key typed into the app, and the code it then shows. */
export async function setUpAuthenticator(page: Page, email: string): Promise<string[]> {
  await expectPage(page, SET_UP_HEADING);
  rememberSecret(email, (await page.locator('[data-qa="secret-key"]').textContent()) ?? '');
  await page
    .getByLabel('Enter the 6 digit security code')
    .fill(await currentCode(email, clockOf()));
  await page.locator('[data-qa="confirm-authenticator"]').click();
  await expectPage(page, 'Save your recovery codes');
  const codes = await page.locator('[data-qa="recovery-codes"] code').allTextContents();
  rememberRecoveryCodes(email, codes);
  return codes;
}

/** On the code page: the code the app shows now. */
export async function enterCode(page: Page, email: string) {
  await expectPage(page, CODE_HEADING);
  await page.getByLabel(CODE_HEADING).fill(await currentCode(email, clockOf()));
  await page.locator('[data-qa="submit-code"]').click();
}

export async function signOut(page: Page) {
  await page.locator('[data-qa="sign-out"]').click();
  await expectPage(page, 'Sign in to Waymark');
}

// Case pages. Every tab of a case shares the h1 "Case <reference>"; each section has its own h2.

/** Arrival on a case page: the case's heading, the section's heading, and axe-core. */
export async function expectCasePage(page: Page, reference: string, section: string) {
  // Every tab has the same h1, so wait for the page a click led to before looking at it.
  await page.waitForLoadState('load');
  await expectPage(page, `Case ${reference}`);
  const heading = page.getByRole('heading', { level: 2, name: section, exact: true });
  await expect
    .poll(() => heading.count(), { message: `the section "${section}" on ${page.url()}` })
    .toBe(1);
  await expectErrorLinksWork(page);
}

/** Each link in the page's error summary goes to something on the page. */
export async function expectErrorLinksWork(page: Page) {
  for (const link of await page.locator('.govuk-error-summary a').all()) {
    const href = (await link.getAttribute('href')) ?? '';
    expect(href, `an error summary link on ${page.url()}`).toMatch(/^#./);
    const target = page.locator(`[id="${href.slice(1)}"]`);
    expect(await target.count(), `the target of ${href} on ${page.url()}`).toBe(1);
  }
}

/** The green banner a saved change leads to. */
export async function expectFlash(page: Page, text: string) {
  expect(await page.locator('.govuk-notification-banner').textContent()).toContain(text);
}

/** One of the case's sections, from its sub-navigation. */
export async function openCaseTab(page: Page, tab: string) {
  await page
    .getByRole('navigation', { name: 'Case sections' })
    .getByRole('link', { name: tab, exact: true })
    .click();
}

/** Types an ISO date (YYYY-MM-DD) into the GOV.UK date input named `name`. */
export async function fillDate(page: Page, name: string, iso: string) {
  const [year, month, day] = iso.split('-');
  await page.locator(`#${name}-day`).fill(String(Number(day)));
  await page.locator(`#${name}-month`).fill(String(Number(month)));
  await page.locator(`#${name}-year`).fill(year!);
}

/** A radio or checkbox inside the fieldset with this legend. */
export function choice(page: Page, legend: string, label: string | RegExp) {
  return page.getByRole('group', { name: legend, exact: true }).getByLabel(label, { exact: true });
}

/** The label of a person to choose, "Name (their role)", by the name alone. */
export function personLabel(name: string): RegExp {
  return new RegExp(`^\\s*${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')} \\(`);
}
