// What an intervention carries between the people in it: shuttle messages in the order they
// were carried, and a letter of apology delivered only when the harmed person chose to receive it.
import { describe, expect, it } from 'vitest';
import { withActor } from '../../../db/actor-context.js';
import { caseVersion } from '../../../../test/support/cases.js';
import { interventionTestbed } from '../../../../test/support/interventions.js';
import { dateInput as date, versionOn } from '../../../../test/support/testbed.js';
import { expectPage } from '../../../../test/support/web-client.js';

const { h, team, sql, makeReady, plan, practitionersCase, recordHeld } = interventionTestbed();

describe('messages and letters', () => {
  it('records shuttle messages each way, in the order they were carried', async () => {
    const { opened, browser } = await practitionersCase();
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
    expectPage(tooSoon, 409, ['Owain Offender has not given informed consent']);

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
    const { opened, browser } = await practitionersCase();
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
    const notChosen = await recordHeld(browser, opened.caseId, id, '2026-11-20');
    expectPage(notChosen, 409, ['The person harmed has not chosen to receive the letter']);
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
    const held = await recordHeld(browser, opened.caseId, id, '2026-11-20');
    expect(held.statusCode).toBe(302);
  });
});
