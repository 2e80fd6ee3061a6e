// Keeping people informed: an update says what they were told and how, the person's interval
// overrides the service's, the "updates due" queue and the case's tab agree on the date, and
// the referrer sees the date of the last update (never what was said).
import { describe, expect, it } from 'vitest';
import { caseReferredByPolice, openCase } from '../../../../test/support/cases.js';
import { signedInTo } from '../../../../test/support/web-client.js';
import { teamTestbed } from '../../../../test/support/testbed.js';

const { h, team } = teamTestbed();

const sql = <R>(text: string, params: unknown[] = []) =>
  h.database.withOwner((owner) => owner.query<R>(text, params));

function date(name: string, iso: string) {
  const [year, month, day] = iso.split('-');
  return { [`${name}-day`]: day!, [`${name}-month`]: month!, [`${name}-year`]: year! };
}

/** A case opened on a known day, so the update clock is not the wall clock's. */
async function caseOpenedOn(day: string, traits: Parameters<typeof openCase>[2] = {}) {
  const opened = await openCase(h.services, team.practitioner, { receivedOn: day, ...traits });
  await sql(`update cases set created_at = $2::date + time '09:00' where id = $1`, [
    opened.caseId,
    day,
  ]);
  return opened;
}

const queueDue = async (caseId: string, when = 'now') => {
  const browser = await signedInTo(h.app, team.practitioner);
  const page = await browser.get(`/cases?queue=updates_due&when=${when}`);
  const row = new RegExp(`/cases/${caseId}"[\\s\\S]*?data-qa="due-on">([^<]*)<`).exec(page.body);
  return row?.[1];
};

describe('keeping people informed', () => {
  it('lists who is due an update, with the date, and records what they were told and how', async () => {
    const opened = await caseOpenedOn('2026-10-01', { victim: 'Ivy' });
    // 28 days from opening: due 29 October, so in the queue with that date.
    expect(await queueDue(opened.caseId)).toBe('29 October 2026');
    const browser = await signedInTo(h.app, team.practitioner);
    const tab = await browser.get(`/cases/${opened.caseId}/updates`);
    expect(tab.statusCode).toBe(200);
    expect(tab.body).toContain('29 October 2026');
    // An update as the tab's form posts it: to whom, on which day, by phone unless said.
    const tell = (participantId: string, toldOn: string, fields: Record<string, string>) =>
      browser.post(`/cases/${opened.caseId}/updates`, {
        participant_id: participantId,
        ...date('told_on', toldOn),
        method: 'phone',
        ...fields,
      });

    const empty = await tell(opened.harmedId, '2026-11-18', {});
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Say what they were told');
    // Listed in the page's error summary too, linking to the box.
    expect(empty.body).toMatch(/govuk-error-summary[\s\S]*href="#what_told"/);
    const early = await tell(opened.harmedId, '2026-09-30', { what_told: 'Too early' });
    expect(early.statusCode).toBe(400);
    expect(early.body).toContain('on or after 1 October 2026');

    const told = await tell(opened.harmedId, '2026-11-18', {
      what_told: 'Owain has agreed to meet; we are assessing risk now.',
    });
    expect(told.headers.location).toBe(`/cases/${opened.caseId}/updates?done=recorded`);
    const after = await browser.get(`/cases/${opened.caseId}/updates`);
    expect(after.body).toContain('Owain has agreed to meet');
    expect(after.body).toContain('Telephone');
    // The person harmed is next due on 16 December; the person who harmed, never spoken to,
    // is still due from the opening, so the case stays in the queue with the earliest date.
    expect(after.body).toContain('16 December 2026');
    expect(await queueDue(opened.caseId)).toBe('29 October 2026');
    await tell(opened.harmerId, '2026-11-19', { method: 'letter', what_told: 'Where the case is' });
    expect(await queueDue(opened.caseId)).toBeUndefined();
    expect(await queueDue(opened.caseId, 'later')).toBe('16 December 2026');
    const timeline = await browser.get(`/cases/${opened.caseId}/timeline`);
    expect(timeline.body).toContain('Ivy Victim was told how the case is going');
  });

  it("refuses an update given in a way the person's safe-contact instructions rule out, until a reason is given", async () => {
    const opened = await caseOpenedOn('2026-10-01', { victim: 'Mair' });
    await sql(
      `update case_participants set do_not_contact_via = 'Not by letter', may_leave_message = false
        where id = $1`,
      [opened.harmedId],
    );
    const browser = await signedInTo(h.app, team.practitioner);
    await browser.get(`/cases/${opened.caseId}/updates`);
    const update = (method: string, reason?: string) =>
      browser.post(`/cases/${opened.caseId}/updates`, {
        participant_id: opened.harmedId,
        ...date('told_on', '2026-11-18'),
        method,
        what_told: 'The person who harmed has agreed to a letter of apology.',
        ...(reason ? { safe_contact_reason: reason } : {}),
      });
    const letter = await update('letter');
    expect(letter.statusCode).toBe(400);
    expect(letter.body).toContain(
      'Mair Victim&#39;s safe-contact instruction says &quot;Not by letter&quot;',
    );
    const text = await update('text');
    expect(text.statusCode).toBe(400);
    expect(text.body).toContain('safe-contact instruction is &quot;No messages&quot;');
    expect((await browser.get(`/cases/${opened.caseId}/updates`)).body).not.toContain(
      'has agreed to a letter of apology',
    );

    const allowed = await update('letter', 'She asked on the safe number for it in writing');
    expect(allowed.headers.location).toBe(`/cases/${opened.caseId}/updates?done=recorded`);
    const tab = await browser.get(`/cases/${opened.caseId}/updates`);
    expect(tab.body).toContain('because: She asked on the safe number for it in writing');
    const timeline = await browser.get(`/cases/${opened.caseId}/timeline`);
    expect(timeline.body).toContain(
      'Went ahead against Mair Victim&#39;s safe-contact instructions',
    );
    // A call to the safe number breaks nothing.
    expect((await update('phone')).statusCode).toBe(302);
  });

  it("uses a person's own interval over the service's, and the service's over the default", async () => {
    const opened = await caseOpenedOn('2026-11-10');
    const browser = await signedInTo(h.app, team.practitioner);
    await browser.get(`/cases/${opened.caseId}/updates`);
    const bad = await browser.post(`/cases/${opened.caseId}/updates/interval`, {
      participant_id: opened.harmedId,
      interval_days: 'weekly',
    });
    expect(bad.statusCode).toBe(400);
    expect(bad.body).toContain('Enter a whole number of days from 1 to 365');
    expect(bad.body).toMatch(/govuk-error-summary[\s\S]*href="#interval_days"/);
    await browser.post(`/cases/${opened.caseId}/updates/interval`, {
      participant_id: opened.harmedId,
      interval_days: '7',
    });
    expect(await queueDue(opened.caseId)).toBe('17 November 2026');
    await browser.post(`/cases/${opened.caseId}/updates/interval`, {
      participant_id: opened.harmedId,
      interval_days: '',
    });
    expect(await queueDue(opened.caseId)).toBeUndefined();
    const manager = await signedInTo(h.app, team.manager);
    const saved = await manager.submitForm('/settings', {
      offender_initiated_sv_da: 'specialist_assessment',
      reoffer_interval_days: '90',
      update_interval_days: '5',
    });
    expect(saved.statusCode).toBe(302);
    expect(await queueDue(opened.caseId)).toBe('15 November 2026');
    await manager.post('/settings', {
      offender_initiated_sv_da: 'specialist_assessment',
      reoffer_interval_days: '90',
      update_interval_days: '28',
    });
    expect(await queueDue(opened.caseId)).toBeUndefined();
    expect(await queueDue(opened.caseId, 'later')).toBe('8 December 2026');
  });

  it('counts from the last time someone spoke with them, and no longer once they may not be contacted', async () => {
    // The date is kept on the case (migration 0042): each change below must move it.
    const opened = await caseOpenedOn('2026-10-01', { victim: 'Nia' });
    const spoke = (participantId: string, day: string, outcome = 'spoke') =>
      h.services.contacts.add(team.practitioner, opened.caseId, {
        participant_id: participantId,
        contacted_on: day,
        method: 'phone',
        outcome,
      });
    await spoke(opened.harmedId, '2026-10-20');
    await spoke(opened.harmerId, '2026-10-22');
    expect(await queueDue(opened.caseId)).toBe('17 November 2026');
    // A call not answered is not a conversation: the clock does not move.
    await spoke(opened.harmedId, '2026-11-01', 'no_answer');
    expect(await queueDue(opened.caseId)).toBe('17 November 2026');
    await spoke(opened.harmedId, '2026-11-02');
    expect(await queueDue(opened.caseId)).toBe('19 November 2026');
    // Nobody is kept informed who may not be contacted: the case falls due later (the tests'
    // day is 20 November).
    await sql(`update case_participants set unsafe_to_contact = true where id = $1`, [
      opened.harmerId,
    ]);
    expect(await queueDue(opened.caseId)).toBeUndefined();
    expect(await queueDue(opened.caseId, 'later')).toBe('30 November 2026');
    // The conversation struck out of the log (as the owner would), the earlier one counts again.
    await sql(
      `delete from case_contacts where participant_id = $1 and contacted_at > '2026-11-02'`,
      [opened.harmedId],
    );
    expect(await queueDue(opened.caseId)).toBe('17 November 2026');
    await sql(`update case_participants set unsafe_to_contact = true where id = $1`, [
      opened.harmedId,
    ]);
    expect(await queueDue(opened.caseId)).toBeUndefined();
    expect(await queueDue(opened.caseId, 'later')).toBeUndefined();
  });

  it('shows the referrer the date of the last update, and nothing of what was said', async () => {
    const { referrer, referral, caseId } = await caseReferredByPolice(h.services, {
      service: team.org,
      accepter: team.manager,
      people: { victim_forename: 'Vera', victim_surname: 'Told' },
    });
    const view = await h.services.cases.get(team.practitioner, caseId);
    const vera = view.participants.find((p) => p.role === 'harmed')!;
    const partner = await signedInTo(h.app, referrer);
    expect((await partner.get(`/referrals/sent/${referral.id}`)).body).toMatch(
      /Last update\s*<\/dt>\s*<dd[^>]*>\s*None recorded yet/,
    );
    await h.services.updates.record(team.practitioner, caseId, {
      participant_id: vera.id,
      told_on: '2026-11-20',
      method: 'phone',
      what_told: 'A private word about the other party',
    });
    const sent = await partner.get(`/referrals/sent/${referral.id}`);
    expect(sent.body).toContain('Last update');
    expect(sent.body).toMatch(/Last update\s*<\/dt>\s*<dd[^>]*>\s*20 November 2026/);
    expect(sent.body).not.toContain('A private word');
  });
});
