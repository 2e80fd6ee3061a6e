// The Agreement tab as the tests use it: a form opened and posted with the version it was built
// from, and an item added through its New page.
import { expect } from 'vitest';
import type { Harness } from './harness.js';
import { dateInput, versionOn } from './testbed.js';
import type { WebClient } from './web-client.js';

/** Steps through the pages in the browser `browser()` answers (a file may sign in again). */
export function agreementSteps(h: Harness, browser: () => WebClient) {
  const itemIds = async (caseId: string) =>
    (
      await h.database.withOwner((o) =>
        o.query<{ id: string }>('select id from case_agreement_items where case_id = $1', [caseId]),
      )
    ).map((row) => row.id);

  /** Opens a form page (it must open), then posts it with the version it was built from. */
  async function submit(url: string, fields: Record<string, string>) {
    const page = await browser().get(url);
    expect(page.statusCode).toBe(200);
    return browser().post(url, { version: versionOn(page.body), ...fields });
  }

  /**
   * Adds an item from the New page, owed by the person who harmed to the person harmed (to no
   * one when `owedTo` is ''), due on a day; answers its id (the one row the case did not have).
   */
  async function addItem(
    opened: { caseId: string; harmerId: string; harmedId: string },
    item: { kind: string; description: string; due: string; amount?: string; owedTo?: string },
  ): Promise<string> {
    const { caseId } = opened;
    const before = await itemIds(caseId);
    const saved = await submit(`/cases/${caseId}/agreement/items/new`, {
      kind: item.kind,
      description: item.description,
      owed_by: opened.harmerId,
      owed_to: item.owedTo ?? opened.harmedId,
      ...dateInput('due_on', item.due),
      ...(item.amount === undefined ? {} : { amount: item.amount }),
    });
    expect(saved.headers.location).toBe(`/cases/${caseId}/agreement?done=added`);
    const added = (await itemIds(caseId)).filter((id) => !before.includes(id));
    expect(added).toHaveLength(1);
    return added[0]!;
  }

  return { submit, addItem };
}
