// The outcome agreement on the Agreement tab: items and their payments, overdue items and
// follow-ups in their queues, out-of-date edits and withdrawn consent refused, views audited.
import { describe, expect, it } from 'vitest';
import { agreementSteps } from '../../../../test/support/agreements.js';
import { openCase, allocateVolunteer } from '../../../../test/support/cases.js';
import { browserFor, dateInput as date, teamTestbed } from '../../../../test/support/testbed.js';
import { versionOn } from '../../../../test/support/testbed.js';

const { h, signedIn, team } = teamTestbed();
const browser = browserFor(h, () => team.practitioner);

const sql = <R>(text: string, params: unknown[] = []) =>
  h.database.withOwner((owner) => owner.query<R>(text, params));
const { submit, addItem } = agreementSteps(h, () => browser);

describe('the outcome agreement', () => {
  it('keeps a ledger of restitution payments with the balance outstanding, and completes when paid', async () => {
    const opened = await openCase(h.services, team.practitioner);
    const itemId = await addItem(opened, {
      kind: 'restitution',
      description: 'Pay for the broken window',
      due: '2026-12-31',
      amount: '£120',
    });
    const pay = (amount: string, on: string) =>
      submit(`/cases/${opened.caseId}/agreement/items/${itemId}/payments/new`, {
        ...date('paid_on', on),
        amount,
      });
    expect((await pay('50', '2026-11-18')).headers.location).toBe(
      `/cases/${opened.caseId}/agreement?done=payment`,
    );
    let tab = await browser.get(`/cases/${opened.caseId}/agreement`);
    expect(tab.body).toMatch(/Paid so far\s*<\/dt>\s*<dd[^>]*>\s*£50\.00/);
    expect(tab.body).toMatch(/Balance outstanding\s*<\/dt>\s*<dd[^>]*>\s*£70\.00/);
    expect(tab.body).toContain('data-qa="payments"');

    const over = await pay('80.00', '2026-11-19');
    expect(over.statusCode).toBe(400);
    expect(over.body).toContain('more than the balance outstanding of £70.00');
    expect(over.body).toContain('value="80.00"');

    expect((await pay('70', '2026-11-19')).statusCode).toBe(302);
    tab = await browser.get(`/cases/${opened.caseId}/agreement`);
    expect(tab.body).toMatch(/Balance outstanding\s*<\/dt>\s*<dd[^>]*>\s*£0\.00/);
    expect(tab.body).toContain('data-qa="item-tag">Completed');
    const items = await sql<{ completed_on: string; paid: number }>(
      `select i.completed_on::text, (select sum(amount_pence)::int from case_agreement_payments p where p.item_id = i.id) as paid
         from case_agreement_items i where i.id = $1`,
      [itemId],
    );
    expect(items[0]).toEqual({ completed_on: '2026-11-19', paid: 12_000 });
    expect((await browser.get(`/cases/${opened.caseId}/timeline`)).body).toContain(
      'Payment of £70.00 received: Pay for the broken window',
    );
  });

  it('shows overdue items with a red tag and in the overdue queue until completed', async () => {
    const late = await openCase(h.services, team.practitioner);
    const onTime = await openCase(h.services, team.practitioner);
    const itemId = await addItem(late, {
      kind: 'reparation',
      description: 'Repaint the fence',
      due: '2026-11-10',
    });
    await addItem(onTime, {
      kind: 'community_work',
      description: 'Ten hours at the allotments',
      due: '2026-12-10',
      owedTo: '',
    });
    const tab = await browser.get(`/cases/${late.caseId}/agreement`);
    expect(tab.body).toContain('govuk-tag--red" data-qa="item-tag">Overdue');
    expect(tab.body).toContain('1 agreement item is overdue.');
    let queue = await browser.get('/cases?queue=agreements_overdue');
    expect(queue.body).toContain(late.caseReference);
    expect(queue.body).not.toContain(onTime.caseReference);

    const done = await submit(`/cases/${late.caseId}/agreement/items/${itemId}/complete`, {
      ...date('completed_on', '2026-11-20'),
    });
    expect(done.headers.location).toBe(`/cases/${late.caseId}/agreement?done=completed`);
    queue = await browser.get('/cases?queue=agreements_overdue');
    expect(queue.body).not.toContain(late.caseReference);
  });

  it('schedules follow-up contact, lists it in the follow-ups queue when due, and marks it done', async () => {
    const due = await openCase(h.services, team.practitioner);
    const later = await openCase(h.services, team.practitioner);
    const scheduled = await submit(`/cases/${due.caseId}/agreement/follow-ups/new`, {
      participant: due.harmedId,
      ...date('due_on', '2026-11-19'),
      notes: 'Ask how the conference felt',
    });
    expect(scheduled.headers.location).toBe(`/cases/${due.caseId}/agreement?done=followUp`);
    await submit(`/cases/${later.caseId}/agreement/follow-ups/new`, {
      participant: '',
      ...date('due_on', '2026-12-19'),
    });
    const tab = await browser.get(`/cases/${due.caseId}/agreement`);
    expect(tab.body).toContain('<h2 class="govuk-heading-m" id="follow-up">Follow-up</h2>');
    expect(tab.body).toContain('Ask how the conference felt');
    let queue = await browser.get('/cases?queue=follow_ups_due');
    expect(queue.body).toContain(due.caseReference);
    expect(queue.body).not.toContain(later.caseReference);

    const [followUp] = await sql<{ id: string }>(
      'select id from case_follow_ups where case_id = $1',
      [due.caseId],
    );
    const done = await submit(`/cases/${due.caseId}/agreement/follow-ups/${followUp!.id}/done`, {
      ...date('done_on', '2026-11-20'),
    });
    expect(done.headers.location).toBe(`/cases/${due.caseId}/agreement?done=followUpDone`);
    expect((await browser.get(`/cases/${due.caseId}/agreement`)).body).toContain(
      'Done 20 November 2026',
    );
    queue = await browser.get('/cases?queue=follow_ups_due');
    expect(queue.body).not.toContain(due.caseReference);
  });

  it('refuses an item edit made from an out-of-date page, and an item owed by someone who withdrew', async () => {
    const opened = await openCase(h.services, team.practitioner);
    const itemId = await addItem(opened, {
      kind: 'apology',
      description: 'A spoken apology',
      due: '2026-12-01',
    });
    const url = `/cases/${opened.caseId}/agreement/items/${itemId}/edit`;
    const stalePage = await browser.get(url);
    await h.services.cases.addNote(team.manager, opened.caseId, { body: 'Checked the agreement' });
    const stale = await browser.post(url, {
      kind: 'apology',
      description: 'A written apology',
      owed_by: opened.harmerId,
      owed_to: opened.harmedId,
      ...date('due_on', '2026-12-01'),
      version: versionOn(stalePage.body),
    });
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('This case was changed by Morgan Manager');
    expect(stale.body).toContain('A written apology');

    await sql(`update case_participants set consent_status = 'withdrawn' where id = $1`, [
      opened.harmerId,
    ]);
    const refused = await submit(`/cases/${opened.caseId}/agreement/items/new`, {
      kind: 'reparation',
      description: 'Clean the wall',
      owed_by: opened.harmerId,
      ...date('due_on', '2026-12-01'),
    });
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Owain Offender has withdrawn consent');
  });

  it('is hidden from a volunteer not allocated to the case, and every view is audited', async () => {
    const opened = await openCase(h.services, team.practitioner);
    const volunteer = await signedIn(team.volunteer);
    expect((await volunteer.get(`/cases/${opened.caseId}/agreement`)).statusCode).toBe(404);
    expect((await volunteer.get(`/cases/${opened.caseId}/agreement/items/new`)).statusCode).toBe(
      404,
    );
    await allocateVolunteer(h.services, team, opened.caseId);
    expect((await volunteer.get(`/cases/${opened.caseId}/agreement`)).statusCode).toBe(200);
    const audited = await sql<{ n: number }>(
      `select count(*)::int as n from audit_events
         where action = 'case.viewed' and entity_id = $1 and details->>'part' = 'agreement'`,
      [opened.caseId],
    );
    expect(audited[0]!.n).toBe(1);
  });
});
