// Page objects: what a person does on each page, named as they would say it.
import type { Page } from 'playwright-core';
import { expectPage } from './browser.js';

export async function signIn(page: Page, email: string, password: string) {
  await page.goto('/sign-in');
  await expectPage(page, 'Sign in to Waymark');
  await page.getByLabel('Email address').fill(email);
  await page.getByLabel('Password', { exact: true }).fill(password);
  await page.locator('[data-qa="sign-in"]').click();
}

export async function signOut(page: Page) {
  await page.locator('[data-qa="sign-out"]').click();
  await expectPage(page, 'Sign in to Waymark');
}
