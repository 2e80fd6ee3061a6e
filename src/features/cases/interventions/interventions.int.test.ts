// Holding an intervention: not before every attendee consented and was found suitable, in the
// case's order, and never with someone who withdrew consent.
import { describe, expect, it } from 'vitest';
import { openCase } from '../../../../test/support/cases.js';
import { interventionTestbed } from '../../../../test/support/interventions.js';
import { expectPage } from '../../../../test/support/web-client.js';
import { dateInput as date, versionOn } from '../../../../test/support/testbed.js';

const { h, signedIn, team, sql, makeReady, plan, recordOutcome, recordHeld, practitionersCase } =
  interventionTestbed();

describe('interventions', () => {
  it('is not held, nor the case moved to intervention, before every attendee consented and was found suitable', async () => {
    const { opened, browser } = await practitionersCase();
    const id = await plan(browser, opened.caseId, {
      kind: 'conference',
      ...date('scheduled_on', '2026-12-03'),
      scheduled_time: '2pm',
      venue_kind: 'prison_visit',
      venue_detail: 'HMP Example, visits hall',
      attendees: [opened.harmedId, opened.harmerId],
    });
    const tab = await browser.get(`/cases/${opened.caseId}/interventions`);
    expectPage(tab, [
      '3 December 2026 at 2:00pm',
      'Prison visit: HMP Example, visits hall',
      'data-qa="not-ready"',
    ]);

    await sql(`update cases set stage = 'preparing' where id = $1`, [opened.caseId]);
    const summary = await browser.get(`/cases/${opened.caseId}`);
    const move = await browser.post(`/cases/${opened.caseId}/stage`, {
      action: 'begin_intervention',
      version: versionOn(summary.body),
    });
    expectPage(move, 409, ['Hana Victim has not given informed consent']);

    const refused = await recordHeld(browser, opened.caseId, id, '2026-11-20');
    expectPage(refused, 409, [
      'The intervention cannot be recorded as held yet',
      'Hana Victim has not given informed consent',
      'Owain Offender has not given informed consent',
    ]);

    await makeReady(opened.caseId, opened.harmedId);
    const stillRefused = await recordHeld(browser, opened.caseId, id, '2026-11-20');
    expect(stillRefused.statusCode).toBe(409);
    expect(stillRefused.body).not.toContain('Hana Victim has not given informed consent');
    expect(stillRefused.body).toContain('Owain Offender has not given informed consent');
    expect(
      (
        await sql<{ status: string }>('select status from case_interventions where id = $1', [id])
      )[0]!.status,
    ).toBe('planned');

    await makeReady(opened.caseId, opened.harmerId);
    // Ready, but planned for next month and nobody spoken to: not held today (journey-order.ts).
    const outOfOrder = await recordHeld(browser, opened.caseId, id, '2026-11-20');
    expectPage(outOfOrder, 409, [
      'It was planned for 3 December 2026',
      'Record a conversation with the person harmed',
    ]);
    await h.services.contacts.add(team.practitioner, opened.caseId, {
      participant_id: opened.harmedId,
      contacted_on: '2026-11-06',
      method: 'phone',
      outcome: 'spoke',
    });
    await sql(`update case_interventions set scheduled_at = '2026-11-20T14:00:00Z' where id = $1`, [
      id,
    ]);
    const beforeContact = await recordHeld(browser, opened.caseId, id, '2026-11-05');
    expect(beforeContact.body).toContain(
      'must be on or after 6 November 2026, the first conversation',
    );
    const held = await recordOutcome(browser, opened.caseId, id, {
      outcome: 'held',
      ...date('held_on', '2026-11-20'),
      notes: 'Both spoke; agreement reached',
    });
    expect(held.headers.location).toBe(
      `/cases/${opened.caseId}/agreement/follow-ups/new?after=held`,
    );
    const offer = await browser.get(held.headers.location as string);
    expect(offer.body).toContain('Intervention recorded as held.');
    expect(offer.body).toContain('Schedule follow-up contact');
    expect((await browser.get(`/cases/${opened.caseId}/timeline`)).body).toContain(
      'Face-to-face conference held',
    );
  });

  it('will not let someone who withdrew consent attend', async () => {
    const opened = await openCase(h.services, team.practitioner);
    await sql(`update case_participants set consent_status = 'withdrawn' where id = $1`, [
      opened.harmerId,
    ]);
    const browser = await signedIn(team.practitioner);
    const form = await browser.get(`/cases/${opened.caseId}/interventions/new`);
    expect(form.body).toContain('Consent withdrawn: cannot take part');
    const refused = await browser.post(`/cases/${opened.caseId}/interventions/new`, {
      kind: 'mediation',
      attendees: [opened.harmedId, opened.harmerId],
      notes: 'typed notes',
      version: versionOn(form.body),
    });
    expectPage(refused, 400, [
      'Owain Offender has withdrawn consent and cannot attend',
      'typed notes',
    ]);
    const count = await sql<{ n: number }>(
      'select count(*)::int as n from case_interventions where case_id = $1',
      [opened.caseId],
    );
    expect(count[0]!.n).toBe(0);
  });
});
