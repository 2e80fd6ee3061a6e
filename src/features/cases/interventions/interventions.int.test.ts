import { describe, expect, it } from 'vitest';
import { withActor } from '../../../db/actor-context.js';
import { caseVersion, openCase } from '../../../../test/support/cases.js';
import type { WebClient } from '../../../../test/support/web-client.js';
import { expectPage } from '../../../../test/support/web-client.js';
import {
  testbed,
  serviceFor,
  dateInput as date,
  versionOn,
} from '../../../../test/support/testbed.js';

const { h, signedIn } = testbed();
const team = serviceFor(h);

const sql = <R>(text: string, params: unknown[] = []) =>
  h.database.withOwner((owner) => owner.query<R>(text, params));

/** Informed consent given and found suitable, as the People and Assessments tabs record it. */
async function makeReady(caseId: string, participantId: string) {
  await sql(
    `insert into case_consents (org_id, case_id, participant_id, given_on, how)
       values ($1, $2, $3, '2026-11-10', 'written')`,
    [team.org.id, caseId, participantId],
  );
  await sql(
    `insert into case_assessments (org_id, case_id, participant_id, kind, decision)
       values ($1, $2, $3, 'suitability', 'suitable')`,
    [team.org.id, caseId, participantId],
  );
  await sql(`update case_participants set consent_status = 'given' where id = $1`, [participantId]);
}

async function plan(
  browser: WebClient,
  caseId: string,
  fields: Record<string, string | string[]>,
): Promise<string> {
  const form = await browser.get(`/cases/${caseId}/interventions/new`);
  const saved = await browser.post(`/cases/${caseId}/interventions/new`, {
    version: versionOn(form.body),
    ...fields,
  });
  expect(saved.headers.location).toBe(`/cases/${caseId}/interventions?done=planned`);
  const rows = await sql<{ id: string }>(
    'select id from case_interventions where case_id = $1 order by created_at desc limit 1',
    [caseId],
  );
  return rows[0]!.id;
}

async function recordOutcome(
  browser: WebClient,
  caseId: string,
  interventionId: string,
  fields: Record<string, string>,
) {
  const url = `/cases/${caseId}/interventions/${interventionId}/outcome`;
  const form = await browser.get(url);
  return browser.post(url, { version: versionOn(form.body), ...fields });
}

describe('interventions', () => {
  it('is not held, nor the case moved to intervention, before every attendee consented and was found suitable', async () => {
    const opened = await openCase(h.services, team.practitioner);
    const browser = await signedIn(team.practitioner);
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
    expect(move.statusCode).toBe(409);
    expect(move.body).toContain('Hana Victim has not given informed consent');

    const refused = await recordOutcome(browser, opened.caseId, id, {
      outcome: 'held',
      ...date('held_on', '2026-11-20'),
    });
    expectPage(refused, 409, [
      'The intervention cannot be recorded as held yet',
      'Hana Victim has not given informed consent',
      'Owain Offender has not given informed consent',
    ]);

    await makeReady(opened.caseId, opened.harmedId);
    const stillRefused = await recordOutcome(browser, opened.caseId, id, {
      outcome: 'held',
      ...date('held_on', '2026-11-20'),
    });
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
    const outOfOrder = await recordOutcome(browser, opened.caseId, id, {
      outcome: 'held',
      ...date('held_on', '2026-11-20'),
    });
    expect(outOfOrder.statusCode).toBe(409);
    expect(outOfOrder.body).toContain('It was planned for 3 December 2026');
    expect(outOfOrder.body).toContain('Record a conversation with the person harmed');
    await h.services.contacts.add(team.practitioner, opened.caseId, {
      participant_id: opened.harmedId,
      contacted_on: '2026-11-06',
      method: 'phone',
      outcome: 'spoke',
    });
    await sql(`update case_interventions set scheduled_at = '2026-11-20T14:00:00Z' where id = $1`, [
      id,
    ]);
    const beforeContact = await recordOutcome(browser, opened.caseId, id, {
      outcome: 'held',
      ...date('held_on', '2026-11-05'),
    });
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
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain('Owain Offender has withdrawn consent and cannot attend');
    expect(refused.body).toContain('typed notes');
    const count = await sql<{ n: number }>(
      'select count(*)::int as n from case_interventions where case_id = $1',
      [opened.caseId],
    );
    expect(count[0]!.n).toBe(0);
  });

  it('records shuttle messages each way, in the order they were carried', async () => {
    const opened = await openCase(h.services, team.practitioner);
    const browser = await signedIn(team.practitioner);
    const id = await plan(browser, opened.caseId, {
      kind: 'shuttle',
      attendees: [opened.harmedId, opened.harmerId],
    });
    const url = `/cases/${opened.caseId}/interventions/${id}/messages/new`;
    const message = async (from: string, to: string, on: string, summary: string) => {
      const form = await browser.get(url);
      return browser.post(url, {
        from_participant: from,
        to_participant: to,
        ...date('carried_on', on),
        summary,
        version: versionOn(form.body),
      });
    };
    const tooSoon = await message(opened.harmerId, opened.harmedId, '2026-11-12', 'Sorry');
    expect(tooSoon.statusCode).toBe(409);
    expect(tooSoon.body).toContain('Owain Offender has not given informed consent');

    await makeReady(opened.caseId, opened.harmedId);
    await makeReady(opened.caseId, opened.harmerId);
    const reply = await message(opened.harmedId, opened.harmerId, '2026-11-18', 'Why my house?');
    expect(reply.headers.location).toBe(`/cases/${opened.caseId}/interventions?done=message`);
    await message(opened.harmerId, opened.harmedId, '2026-11-14', 'I am sorry for the damage');

    const tab = await browser.get(`/cases/${opened.caseId}/interventions`);
    const table = tab.body.slice(tab.body.indexOf('data-qa="shuttle-messages"'));
    expect(table.indexOf('I am sorry for the damage')).toBeGreaterThan(0);
    expect(table.indexOf('I am sorry for the damage')).toBeLessThan(table.indexOf('Why my house?'));
    expect(table).toMatch(
      /14 November 2026<\/td>\s*<td[^>]*>Owain Offender<\/td>\s*<td[^>]*>Hana Victim/,
    );
    expect(table).toMatch(
      /18 November 2026<\/td>\s*<td[^>]*>Hana Victim<\/td>\s*<td[^>]*>Owain Offender/,
    );
    expect((await browser.get(`/cases/${opened.caseId}/timeline`)).body).toContain(
      'Message carried from Hana Victim to Owain Offender',
    );
  });

  it('never delivers a letter of apology before the harmed person was contacted and chose to receive it', async () => {
    const opened = await openCase(h.services, team.practitioner);
    const browser = await signedIn(team.practitioner);
    const id = await plan(browser, opened.caseId, {
      kind: 'letter_of_apology',
      attendees: [opened.harmerId, opened.harmedId],
    });
    const base = `/cases/${opened.caseId}/interventions/${id}`;
    let form = await browser.get(`${base}/letters/new`);
    const received = await browser.post(`${base}/letters/new`, {
      writer: opened.harmerId,
      recipient: opened.harmedId,
      ...date('received_on', '2026-11-16'),
      version: versionOn(form.body),
    });
    expect(received.statusCode).toBe(302);
    const letterId = (
      await sql<{ id: string }>('select id from case_letters where intervention_id = $1', [id])
    )[0]!.id;
    const tab = await browser.get(`/cases/${opened.caseId}/interventions`);
    expect(tab.body).toContain('The letter is held back until Hana Victim has been contacted');
    expect(tab.body).not.toContain('data-qa="letter-delivered"');

    const deliver = async () => {
      const page = await browser.get(`${base}/letters/${letterId}/delivered`);
      return browser.post(`${base}/letters/${letterId}/delivered`, {
        ...date('delivered_on', '2026-11-20'),
        version: versionOn(page.body),
      });
    };
    const decide = async (decision: string) => {
      const page = await browser.get(`${base}/letters/${letterId}/decision`);
      return browser.post(`${base}/letters/${letterId}/decision`, {
        ...date('recipient_contacted_on', '2026-11-18'),
        recipient_decision: decision,
        version: versionOn(page.body),
      });
    };
    const notContacted = await deliver();
    expect(notContacted.statusCode).toBe(409);
    expect(notContacted.body).toContain(
      'The letter cannot be delivered until Hana Victim has been contacted and has chosen to receive it',
    );
    expect((await decide('not_yet')).statusCode).toBe(302);
    expect((await deliver()).statusCode).toBe(409);
    // Everyone ready and spoken to, yet the letter is not held while the person harmed has
    // not chosen to receive it (journey-order.ts), so the case cannot close as completed.
    await makeReady(opened.caseId, opened.harmedId);
    await makeReady(opened.caseId, opened.harmerId);
    await h.services.contacts.add(team.practitioner, opened.caseId, {
      participant_id: opened.harmedId,
      contacted_on: '2026-11-18',
      method: 'phone',
      outcome: 'spoke',
    });
    const notChosen = await recordOutcome(browser, opened.caseId, id, {
      outcome: 'held',
      ...date('held_on', '2026-11-20'),
    });
    expect(notChosen.statusCode).toBe(409);
    expect(notChosen.body).toContain('The person harmed has not chosen to receive the letter');
    await expect(
      h.services.interventions.markDelivered(team.practitioner, opened.caseId, letterId, {
        delivered_on: '2026-11-20',
        version: await caseVersion(h.services, team.practitioner, opened.caseId),
      }),
    ).rejects.toMatchObject({ messageKey: 'cases.interventions.errors.cannotDeliver' });

    // The database refuses it too, whoever asks.
    await expect(
      withActor(h.database.db, team.practitioner, (tx) =>
        tx
          .updateTable('case_letters')
          .set({ delivered_on: '2026-11-20' })
          .where('id', '=', letterId)
          .execute(),
      ),
    ).rejects.toThrow(/case_letters_released_only_when_chosen/);
    expect(
      (
        await sql<{ delivered_on: string | null }>(
          'select delivered_on from case_letters where id = $1',
          [letterId],
        )
      )[0]!.delivered_on,
    ).toBeNull();

    expect((await decide('receive')).statusCode).toBe(302);
    expect((await browser.get(`/cases/${opened.caseId}/interventions`)).body).toContain(
      'data-qa="letter-delivered"',
    );
    const delivered = await deliver();
    expect(delivered.headers.location).toBe(`/cases/${opened.caseId}/interventions?done=delivered`);
    const timeline = (await browser.get(`/cases/${opened.caseId}/timeline`)).body;
    expect(timeline).toContain('Hana Victim chose to receive the letter of apology');
    expect(timeline).toContain('Letter of apology delivered to Hana Victim');
    form = await browser.get(`/cases/${opened.caseId}/interventions`);
    expect(form.body).not.toContain('data-qa="letter-held-back"');
    const held = await recordOutcome(browser, opened.caseId, id, {
      outcome: 'held',
      ...date('held_on', '2026-11-20'),
    });
    expect(held.statusCode).toBe(302);
  });
});
