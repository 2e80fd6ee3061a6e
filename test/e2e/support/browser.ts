// Browser journeys: Debian's Chromium driven by playwright-core, against a Waymark app served
// on a random local port from a fresh database. Every page a journey arrives on is checked
// with axe-core for WCAG 2.2 AA. The run's one Chromium is started by global-setup.ts; each file
// connects to it and works in contexts of its own.
import axe from 'axe-core';
import type { AxeResults } from 'axe-core';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { expect, inject } from 'vitest';
import { createHarness, type Harness } from '../../support/harness.js';

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
  const browser = await chromium.connect(inject('chromiumEndpoint'));
  const contexts: BrowserContext[] = [];
  const checkerContext = await browser.newContext({
    baseURL: `http://127.0.0.1:${port}`,
    bypassCSP: true,
  });
  await withAxe(checkerContext);
  return {
    harness,
    baseUrl: `http://127.0.0.1:${port}`,
    browser,
    async newContext(options = {}) {
      const context = await browser.newContext({ baseURL: `http://127.0.0.1:${port}`, ...options });
      if (options.javaScriptEnabled === false) checkers.set(context, checkerContext);
      else await withAxe(context);
      contexts.push(context);
      return context;
    },
    async close() {
      for (const context of contexts) await context.close().catch(() => undefined);
      await checkerContext.close().catch(() => undefined);
      // Disconnects this file; the browser itself is closed when the run ends.
      await browser.close();
      await harness.close();
    },
  };
}

// axe-core runs as JavaScript in the page. For a page in a context with JavaScript turned off,
// the same HTML is loaded into a page that can run it, on the same origin so styles apply.
const checkers = new WeakMap<BrowserContext, BrowserContext>();

/**
 * axe-core in every page of a context, put there by Chromium as each page loads: its 550 kB
 * are sent over the protocol once per context instead of once per page checked (which took
 * half of a journey's accessibility checking). It only defines `axe`; nothing runs until a
 * check asks, and a check still puts it in a page that lacks it.
 */
const withAxe = (context: BrowserContext) => context.addInitScript({ content: axe.source });

async function pageToCheck(page: Page): Promise<{ target: Page; done: () => Promise<void> }> {
  const checkerContext = checkers.get(page.context());
  if (!checkerContext) return { target: page, done: async () => undefined };
  const html = await page.content();
  const checker = await checkerContext.newPage();
  await checker.goto('/ping');
  await checker.setContent(html, { waitUntil: 'load' });
  return { target: checker, done: () => checker.close() };
}

const WCAG_TAGS = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice'];

type Violation = Pick<AxeResults['violations'][number], 'id' | 'impact' | 'help'> & {
  targets: string[];
};

/**
 * axe-core on the page as it is now, with every rule tagged for WCAG 2.2 A and AA and best
 * practice: any violation fails the test, named with its nodes. axe-core is in the page already
 * (withAxe) and asked for violations alone; what passed never leaves the page (serialising every
 * passing node back to the test took most of the time of a check). Waymark's pages have no
 * frames, so the page itself is the whole of what is checked.
 */
export async function expectAccessible(page: Page): Promise<void> {
  const { target, done } = await pageToCheck(page);
  let violations: Violation[];
  try {
    if (!(await target.evaluate(() => 'axe' in globalThis))) await target.evaluate(axe.source);
    violations = await target.evaluate(async (tags) => {
      // In the page: the browser's globals, which this project's types do not describe.
      const page = globalThis as unknown as { axe: typeof axe; document: axe.ElementContext };
      const results = await page.axe.run(page.document, {
        runOnly: { type: 'tag', values: tags },
        resultTypes: ['violations'],
      });
      return results.violations.map((v) => ({
        id: v.id,
        impact: v.impact,
        help: v.help,
        targets: v.nodes.slice(0, 3).map((n) => n.target.join(' ')),
      }));
    }, WCAG_TAGS);
  } finally {
    await done();
  }
  expect(
    violations.map((v) => `${v.id} (${v.impact}): ${v.help} — ${v.targets.join(', ')}`),
    `accessibility violations on ${page.url()}`,
  ).toEqual([]);
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
