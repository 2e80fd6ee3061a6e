// Page objects for measuring success: the Wellbeing tab and its forms, and reading the figures
// (charts' data tables, summary lists) the way a person reads them off the page.
import type { Locator, Page } from 'playwright-core';
import { choice } from './pages.js';

/** One person's section on a case's Wellbeing tab, found by their name. */
export function wellbeingPerson(page: Page, name: string): Locator {
  return page
    .locator('[data-qa="wellbeing-person"]')
    .filter({ has: page.getByRole('heading', { level: 3, name: new RegExp(`^${name}\\b`) }) });
}

/** On an entry, exit or follow-up form: a score from 1 to 5 for each category, by its label. */
export async function scoreCategories(page: Page, scores: Record<string, number>) {
  for (const [category, score] of Object.entries(scores))
    await choice(page, category, String(score)).check();
}

/** On the exit review: whether a cope-and-recover goal was met, with an optional note. */
export async function reviewGoal(
  page: Page,
  goal: { category: string; goal: string },
  outcome: 'Met' | 'Partly met' | 'Not met',
  note?: string,
) {
  await choice(page, `${goal.category}: ${goal.goal}`, outcome).check();
  if (note)
    await page
      .locator('[data-qa="goal-review"]')
      .filter({ hasText: goal.goal })
      .getByLabel('Note about this goal (optional)')
      .fill(note);
}

const tidy = (text: string) => text.replace(/\s+/g, ' ').trim();

/** The body rows of a table, each as its cells' text as read (header cells included). */
export async function tableRows(table: Locator): Promise<string[][]> {
  const rows: string[][] = [];
  for (const row of await table.locator('tbody tr').all())
    rows.push((await row.locator('th, td').allInnerTexts()).map(tidy));
  return rows;
}

/** A chart's data table (every chart has one beside it), by the chart's id. */
export function chartTable(page: Page, chartId: string): Promise<string[][]> {
  return tableRows(page.locator(`[data-qa="chart-table-${chartId}"]`));
}

/** A report table (service report or area view), by its id. */
export function reportTable(page: Page, tableId: string): Promise<string[][]> {
  return tableRows(page.locator(`[data-qa="report-table-${tableId}"]`));
}

/** A GOV.UK summary list as { key: value }, each as its text. */
export async function summaryList(list: Locator): Promise<Record<string, string>> {
  const entries: [string, string][] = [];
  for (const row of await list.locator('.govuk-summary-list__row').all())
    entries.push([
      tidy((await row.locator('.govuk-summary-list__key').textContent()) ?? ''),
      tidy((await row.locator('.govuk-summary-list__value').textContent()) ?? ''),
    ]);
  return Object.fromEntries(entries);
}
