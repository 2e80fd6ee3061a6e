// Browser journeys: Debian's Chromium driven by playwright-core, against a Waymark app served
// on a random local port from a fresh database. Every page a journey arrives on is checked
// with axe-core for WCAG 2.2 AA.
import { AxeBuilder } from '@axe-core/playwright';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect } from 'vitest';
import { createHarness, type Harness } from '../../support/harness.js';

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
// The network here is closed: without these, Chromium keeps trying to reach Google's services.
const CHROMIUM_ARGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-dev-shm-usage',
];

export interface E2E {
  harness: Harness;
  baseUrl: string;
  browser: Browser;
  newContext(options?: { javaScriptEnabled?: boolean }): Promise<BrowserContext>;
  close(): Promise<void>;
}

export async function startE2E(): Promise<E2E> {
  const harness = await createHarness();
  await harness.app.listen({ port: 0, host: '127.0.0.1' });
  const { port } = harness.app.server.address() as { port: number };
  const browser = await chromium.launch({ executablePath: CHROMIUM, args: CHROMIUM_ARGS });
  const contexts: BrowserContext[] = [];
  checkerContext = await browser.newContext({
    baseURL: `http://127.0.0.1:${port}`,
    bypassCSP: true,
  });
  return {
    harness,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    async newContext(options = {}) {
      const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}`, ...options });
      if (options.javaScriptEnabled === false) withoutJavaScript.add(context);
      contexts.push(context);
      return context;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await checkerContext?.close().catch(() => undefined);
      await browser.close();
      await harness.close();
    },
  };
}

// axe-core runs as JavaScript in the page. For a page in a context with JavaScript turned off,
// the same HTML is loaded into a page that can run it, on the same origin so styles apply.
const withoutJavaScript = new WeakSet<BrowserContext>();
let checkerContext: BrowserContext | undefined;

async function pageToCheck(page: Page): Promise<{ target: Page; done: () => Promise<void> }> {
  if (!withoutJavaScript.has(page.context()) || !checkerContext)
    return { target: page, done: async () => undefined };
  const html = await page.content();
  const checker = await checkerContext.newPage();
  await checker.goto('/ping');
  await checker.setContent(html, { waitUntil: 'load' });
  return { target: checker, done: () => checker.close() };
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

/**
 * axe-core on the page as it is now: any violation fails the test, named with its nodes.
 * Legacy mode runs axe in the page itself; the default opens a blank page for every check to
 * combine results across frames, which Waymark's pages do not have, and took twice as long.
 */
export async function expectAccessible(page: Page): Promise<void> {
  const { target, done } = await pageToCheck(page);
  const results = await new AxeBuilder({ page: target })
    .withTags(WCAG_TAGS)
    .setLegacyMode()
    .analyze();
  await done();
  const violations = results.violations.map(
    (v) =>
      `${v.id} (${v.impact}): ${v.help} — ${v.nodes
        .map((n) => n.target.join(' '))
        .slice(0, 3)
        .join(', ')}`,
  );
  expect(violations, `accessibility violations on ${page.url()}`).toEqual([]);
}

/** Arrival on a page: its h1 is as expected, and it passes the accessibility checks. */
export async function expectPage(page: Page, heading: string | RegExp): Promise<void> {
  await expect
    .poll(async () => (await page.locator('h1').first().textContent())?.trim())
    .toMatch(
      typeof heading === 'string'
        ? new RegExp(`^${heading.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}$`)
        : heading,
    );
  await expectAccessible(page);
}
