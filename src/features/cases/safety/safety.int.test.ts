// Safety at every door: the flags derived at intake and changed by a manager with a reason, and
// safe-contact instructions refused (quoted) unless the practitioner says why it was safe, for a
// contact, an offer of RJ and a letter.
import { describe, expect, it } from 'vitest';
import { signedInTo, expectPage } from '../../../../test/support/web-client.js';
import { teamTestbed } from '../../../../test/support/testbed.js';

const { h, team } = teamTestbed();

async function openCase(fields: Record<string, unknown>) {
  const referral = await h.services.referrals.create(
    team.practitioner,
    {
      source_org: 'self',
      initiated_by: 'victim',
      received_on: '2026-11-02',
      offence_group: 'criminal-damage-and-arson',
      cjs_stage: 'not_reported',
      victim_forename: 'Hana',
      victim_surname: 'Victim',
      offender_forename: 'Owain',
      offender_surname: 'Offender',
      ...fields,
    },
    { channel: 'web' },
  );
  const { caseId } = await h.services.triage.accept(team.practitioner, referral.id, {
    version: 1,
  });
  const view = await h.services.cases.get(team.practitioner, caseId);
  const harmed = view.participants.find((p) => p.role === 'harmed')!;
  return { caseId, harmedId: harmed.id, version: view.case.version };
}

describe('safety flags', () => {
  it('a sexual offence is flagged and needs the trained sign-off with the box left blank', async () => {
    const opened = await openCase({ offence_group: 'sexual-offences', sv_da: '' });
    const view = await h.services.cases.get(team.practitioner, opened.caseId);
    expect(view.case).toMatchObject({ sexual_violence: true, sv_da: true });
    const page = await (await signedInTo(h.app, team.practitioner)).get(`/cases/${opened.caseId}`);
    expect(page.body).toContain('data-qa="flag-sexual-violence"');
    expect(page.body).toContain('will need the sign-off of a practitioner trained');
  });

  it('the domestic abuse marker and hate crime arrive as flags', async () => {
    const opened = await openCase({ domestic_abuse: 'yes', hate_crime: 'yes' });
    const view = await h.services.cases.get(team.practitioner, opened.caseId);
    expect(view.case).toMatchObject({
      sexual_violence: false,
      domestic_abuse: true,
      hate_crime: true,
      sv_da: true,
    });
  });

  it('a manager changes a flag with a reason, on the timeline and audited; the sign-off follows', async () => {
    const opened = await openCase({});
    const manager = await signedInTo(h.app, team.manager);
    expect((await manager.get(`/cases/${opened.caseId}/safety-flags`)).statusCode).toBe(200);
    const noReason = await manager.post(`/cases/${opened.caseId}/safety-flags`, {
      version: String(opened.version),
      flags: ['_unchecked', 'domesticAbuse'],
    });
    expectPage(noReason, 400, ['Say why you are changing the flags']);
    const saved = await manager.post(`/cases/${opened.caseId}/safety-flags`, {
      version: String(opened.version),
      flags: ['_unchecked', 'domesticAbuse'],
      reason: 'Disclosed at the first home visit',
    });
    expect(saved.statusCode).toBe(302);
    const view = await h.services.cases.get(team.manager, opened.caseId);
    expect(view.case).toMatchObject({ domestic_abuse: true, sv_da: true });
    const timeline = await manager.get(`/cases/${opened.caseId}/timeline`);
    expect(timeline.body).toContain('Safety flags changed to: Domestic abuse');
    expect(timeline.body).toContain('Disclosed at the first home visit');
    const audited = await h.database.withOwner((o) =>
      o.query<{ n: number }>(
        `select count(*)::int as n from audit_events where action = 'case.safety_flags_changed' and entity_id = $1`,
        [opened.caseId],
      ),
    );
    expect(audited[0]!.n).toBe(1);

    const unchanged = await manager.post(`/cases/${opened.caseId}/safety-flags`, {
      version: String(view.case.version),
      flags: ['_unchecked', 'domesticAbuse'],
      reason: 'Again',
    });
    expectPage(unchanged, 400, ['Change at least one flag']);
  });

  it('only a service manager may change them', async () => {
    const opened = await openCase({});
    const practitioner = await signedInTo(h.app, team.practitioner);
    expect((await practitioner.get(`/cases/${opened.caseId}/safety-flags`)).statusCode).toBe(403);
    await expect(
      h.services.caseSafety.change(team.practitioner, opened.caseId, {
        flags: ['hateCrime'],
        reason: 'x',
      }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
  });
});

describe('safe-contact instructions', () => {
  it('"no messages" refuses a message left, quoting the instruction, until a reason is given', async () => {
    const opened = await openCase({ victim_may_leave_message: 'no' });
    const browser = await signedInTo(h.app, team.practitioner);
    await browser.get(`/cases/${opened.caseId}/contacts`);
    const contact = {
      participant_id: opened.harmedId,
      'contacted_on-day': '19',
      'contacted_on-month': '11',
      'contacted_on-year': '2026',
      method: 'phone',
      outcome: 'left_message',
    };
    const refused = await browser.post(`/cases/${opened.caseId}/contacts`, contact);
    expect(refused.statusCode).toBe(400);
    expect(refused.body).toContain(
      'Hana Victim&#39;s safe-contact instruction is &quot;No messages&quot;',
    );
    const saved = await browser.post(`/cases/${opened.caseId}/contacts`, {
      ...contact,
      safe_contact_reason: 'She asked for a voicemail on her own mobile',
    });
    expect(saved.statusCode).toBe(302);
    const page = await browser.get(`/cases/${opened.caseId}/contacts`);
    expect(page.body).toContain('She asked for a voicemail on her own mobile');
    const timeline = await browser.get(`/cases/${opened.caseId}/timeline`);
    expect(timeline.body).toContain(
      'Went ahead against Hana Victim&#39;s safe-contact instructions',
    );
  });

  it('"not known" refuses a message left or a text, as the case page says, and "yes" allows them', async () => {
    const unknown = await openCase({});
    const browser = await signedInTo(h.app, team.practitioner);
    await browser.get(`/cases/${unknown.caseId}/contacts`);
    const contact = (caseId: string, participantId: string, method: string, outcome: string) =>
      browser.post(`/cases/${caseId}/contacts`, {
        participant_id: participantId,
        'contacted_on-day': '19',
        'contacted_on-month': '11',
        'contacted_on-year': '2026',
        method,
        outcome,
      });
    for (const [method, outcome] of [
      ['phone', 'left_message'],
      ['text', 'other'],
    ] as const) {
      const refused = await contact(unknown.caseId, unknown.harmedId, method, outcome);
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain(
        'Hana Victim has not said whether a message may be left (&quot;Not known: do not leave a message&quot;)',
      );
    }
    expect((await contact(unknown.caseId, unknown.harmedId, 'phone', 'no_answer')).statusCode).toBe(
      302,
    );
    const agreed = await openCase({ victim_may_leave_message: 'yes' });
    await browser.get(`/cases/${agreed.caseId}/contacts`);
    expect(
      (await contact(agreed.caseId, agreed.harmedId, 'phone', 'left_message')).statusCode,
    ).toBe(302);
  });

  it('"not by letter" refuses a letter as a contact, an offer and a generated letter', async () => {
    const opened = await openCase({ victim_do_not_contact_via: 'Not by letter' });
    const quoted = /safe-contact instruction says "Not by letter"/;
    const contact = h.services.contacts.add(team.practitioner, opened.caseId, {
      participant_id: opened.harmedId,
      contacted_on: '2026-11-19',
      method: 'letter',
      outcome: 'letter_sent',
    });
    await expect(contact).rejects.toMatchObject({
      fieldErrors: [{ field: 'safe_contact_reason', params: { quote: 'Not by letter' } }],
    });
    const offer = h.services.people.recordOffer(team.practitioner, opened.caseId, opened.harmedId, {
      offered_on: '2026-11-19',
      method: 'letter',
      answer: 'yes',
    });
    await expect(offer).rejects.toMatchObject({
      fieldErrors: [{ field: 'safe_contact_reason' }],
    });
    const browser = await signedInTo(h.app, team.practitioner);
    await browser.get(`/cases/${opened.caseId}/documents`);
    const letter = await browser.post(`/cases/${opened.caseId}/documents/letters`, {
      letter: 'invitation',
      participant: opened.harmedId,
    });
    expect(letter.statusCode).toBe(400);
    expect(letter.body.replace(/&quot;/g, '"')).toMatch(quoted);
    // By telephone is fine; so is a letter with the reason recorded.
    await h.services.people.recordOffer(team.practitioner, opened.caseId, opened.harmedId, {
      offered_on: '2026-11-19',
      method: 'phone',
      answer: 'yes',
    });
    await h.services.contacts.add(team.practitioner, opened.caseId, {
      participant_id: opened.harmedId,
      contacted_on: '2026-11-19',
      method: 'letter',
      outcome: 'letter_sent',
      safe_contact_reason: 'Agreed on the phone that a letter to her sister is safe',
    });
  });

  it('"not by email" refuses a questionnaire link by email; it can still be handed over', async () => {
    const opened = await openCase({ victim_do_not_contact_via: 'No emails please' });
    await h.services.feedback.setOnlineContact(team.practitioner, opened.caseId, opened.harmedId, {
      agreed: 'yes',
      email: 'hana@example.org',
    });
    const linkBy = (delivery: string) =>
      h.services.feedback.createLink(team.practitioner, opened.caseId, opened.harmedId, {
        delivery,
      });
    await expect(linkBy('email')).rejects.toMatchObject({
      messageKey: 'feedback.links.errors.safeContact',
    });
    await linkBy('handed_over');
  });
});
