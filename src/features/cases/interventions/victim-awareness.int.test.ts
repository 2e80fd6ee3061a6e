// Victim awareness work with the person who harmed alone: never with the person harmed, never
// counted as restorative justice between them (interventions held, the funnel, "completed"),
// counted on its own, and followed by a prompt to offer RJ to the person harmed.
import { describe, expect, it } from 'vitest';
import { interventionTestbed } from '../../../../test/support/interventions.js';
import { expectPage } from '../../../../test/support/web-client.js';
import { versionOn } from '../../../../test/support/testbed.js';

const { h, team, sql, makeReady, plan, practitionersCase, recordHeld } = interventionTestbed();

async function storedFigure(figure: string, dimension = '', value = '') {
  await h.services.aggregates.refresh();
  const rows = await sql<{ n: number }>(
    `select coalesce(sum(n), 0)::int as n from aggregate_figures
      where org_id = $1 and figure = $2 and dimension = $3 and value = $4`,
    [team.org.id, figure, dimension, value],
  );
  return rows[0]!.n;
}

describe('victim awareness work', () => {
  it('is with the person who harmed alone, and is not restorative justice between them', async () => {
    const { opened, browser } = await practitionersCase();
    const form = await browser.get(`/cases/${opened.caseId}/interventions/new`);
    expect(form.body).toContain('Victim awareness work (with the person who harmed alone)');
    const withVictim = await browser.post(`/cases/${opened.caseId}/interventions/new`, {
      version: versionOn(form.body),
      kind: 'victim_awareness',
      attendees: [opened.harmedId, opened.harmerId],
    });
    expectPage(withVictim, 400, ['remove the person harmed from who attends']);

    const id = await plan(browser, opened.caseId, {
      kind: 'victim_awareness',
      attendees: [opened.harmerId],
    });
    await makeReady(opened.caseId, opened.harmerId);
    await h.services.contacts.add(team.practitioner, opened.caseId, {
      participant_id: opened.harmerId,
      contacted_on: '2026-11-06',
      method: 'in_person',
      outcome: 'spoke',
    });
    const heldBefore = await storedFigure('interventions_held');
    const held = await recordHeld(browser, opened.caseId, id, '2026-11-20');
    expect(held.statusCode).toBe(302);

    const summary = await browser.get(`/cases/${opened.caseId}`);
    expectPage(summary, [
      'Victim awareness work with the person who harmed is complete: consider offering restorative justice to Hana Victim',
    ]);

    await sql(`update cases set stage = 'follow_up' where id = $1`, [opened.caseId]);
    const stage = await browser.get(`/cases/${opened.caseId}/stage`);
    const asCompleted = await browser.post(`/cases/${opened.caseId}/stage`, {
      action: 'close',
      outcome: 'completed',
      version: versionOn(stage.body),
    });
    expectPage(asCompleted, 409, [
      'after an intervention between the person harmed and the person who harmed was held',
    ]);
    const closed = await browser.post(`/cases/${opened.caseId}/stage`, {
      action: 'close',
      outcome: 'victim_awareness_completed',
      version: versionOn(stage.body),
    });
    expect(closed.statusCode).toBe(302);

    expect(await storedFigure('interventions_held')).toBe(heldBefore);
    expect(await storedFigure('victim_awareness_work')).toBe(1);
    expect(await storedFigure('victim_awareness_work', 'harmed_offered', 'no')).toBe(1);
    expect(await storedFigure('funnel', 'furthest', 'intervention_held')).toBe(0);
    expect(await storedFigure('cases_closed', 'outcome', 'victim_awareness_completed')).toBe(1);
  });
});
