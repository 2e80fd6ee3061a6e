// Answering a questionnaire through a one-time link: without an account, once, showing no personal data; an unknown, used or expired link looks the same.
import { describe, expect, it } from 'vitest';
import { makeService, openCase, allocateVolunteer } from '../../../../test/support/cases.js';
import { WebClient, expectPage } from '../../../../test/support/web-client.js';
import { testbed, serviceFor, caseFor } from '../../../../test/support/testbed.js';

const { h, signedIn, owner } = testbed();
const team = serviceFor(h);
const opened = caseFor(h, team, { victim: 'Hermione' });

function masked(body: string): string {
  return body
    .replace(/name="_csrf" value="[^"]*"/g, 'name="_csrf" value="…"')
    .replace(/nonce="[^"]*"/g, 'nonce="…"');
}

/** A handed-over link for the participant, made on the web; returns its token. */
async function handedOver(browser: WebClient, caseId: string, participantId: string) {
  const made = await browser.submitForm(`/cases/${caseId}/feedback/people/${participantId}/link`, {
    delivery: 'handed_over',
  });
  expect(made.statusCode).toBe(200);
  const url = /data-qa="questionnaire-link">([^<]+)</.exec(made.body)![1]!;
  expect(url).toMatch(/^http:\/\/waymark\.test\/q\/[A-Za-z0-9_-]{43}$/);
  return url.split('/q/')[1]!;
}

describe('answering through a link', () => {
  it('works end to end without signing in, then the link cannot be used again', async () => {
    const practitioner = await signedIn(team.practitioner);
    await h.services.feedback.setOnlineContact(team.practitioner, opened.caseId, opened.harmedId, {
      agreed: 'yes',
    });
    const token = await handedOver(practitioner, opened.caseId, opened.harmedId);

    const respondent = new WebClient(h.app, '198.51.100.7');
    const page = await respondent.get(`/q/${token}`);
    expectPage(page, 200, ['Tell us about your experience', team.org.name, 'name="_csrf"']);
    expect(page.headers['cache-control']).toBe('no-store');
    for (const personal of [
      'Hermione',
      'Victim',
      'Owain',
      'Offender',
      opened.caseReference,
      'Pat Practitioner',
      'Sign out',
    ]) {
      expect(page.body).not.toContain(personal);
    }

    const withoutCsrf = await respondent.post(`/q/${token}`, { q_prepared: '5' }, { csrf: false });
    expect(withoutCsrf.statusCode).toBe(403);
    const empty = await respondent.submitForm(`/q/${token}`, {});
    expectPage(empty, 400, ['Answer at least one question']);
    const answered = await respondent.post(`/q/${token}`, {
      q_prepared: '5',
      q_safe: '4',
      q_recommend: 'yes',
      q_comments: 'Thank you',
    });
    expect(answered.statusCode).toBe(303);
    expect(answered.headers.location).toBe('/q/thank-you');
    expect((await respondent.get('/q/thank-you')).body).toContain('Your answers have been sent');

    const [row] = await owner<{
      id: string;
      channel: string;
      answers: unknown;
      recorded_by: string | null;
      responded_on: string;
    }>(
      `select id, channel, answers, recorded_by, responded_on::text from questionnaire_responses where participant_id = $1`,
      [opened.harmedId],
    );
    expect(row).toMatchObject({
      channel: 'online',
      recorded_by: null,
      responded_on: '2026-11-20',
      answers: { prepared: 5, safe: 4, recommend: 'yes', comments: 'Thank you' },
    });
    const [event] = await owner<{ params: Record<string, unknown> }>(
      `select params from case_events where case_id = $1 and kind = 'feedback.answered_online'`,
      [opened.caseId],
    );
    expect(event!.params).toEqual({ role: 'harmed', version: 1 });
    const [audit] = await owner<{ details: unknown; user_id: string | null }>(
      `select details, user_id from audit_events where action = 'case.feedback.answered_online' and entity_id = $1`,
      [row!.id],
    );
    expect(audit!.user_id).toBeNull();
    expect(JSON.stringify(audit!.details)).not.toContain('Thank you');

    const again = await respondent.get(`/q/${token}`);
    expect(again.statusCode).toBe(404);
    const reposted = await respondent.post(`/q/${token}`, { q_prepared: '1' });
    expect(reposted.statusCode).toBe(404);
    expect(
      (
        await owner<{ n: number }>(
          `select count(*)::int as n from questionnaire_responses where participant_id = $1`,
          [opened.harmedId],
        )
      )[0]!.n,
    ).toBe(1);
    const tab = await practitioner.get(`/cases/${opened.caseId}/feedback`);
    expect(tab.body).toContain('Online (one-time link)');
    expect(tab.body).toContain('Handed over on 20 November 2026: answered');
  });

  it('gives an unknown, a used and an expired link exactly the same page, fetched or posted to', async () => {
    const service = await makeService(h.services);
    const own = await openCase(h.services, service.practitioner);
    const practitioner = await signedIn(service.practitioner);
    await h.services.feedback.setOnlineContact(service.practitioner, own.caseId, own.harmedId, {
      agreed: 'yes',
    });
    await h.services.feedback.setOnlineContact(service.practitioner, own.caseId, own.harmerId, {
      agreed: 'yes',
    });
    const replaced = await handedOver(practitioner, own.caseId, own.harmedId);
    const expired = await handedOver(practitioner, own.caseId, own.harmerId);
    const used = await handedOver(practitioner, own.caseId, own.harmedId); // replaces the first
    const respondent = new WebClient(h.app, '198.51.100.8');
    await respondent.get(`/q/${used}`);
    expect((await respondent.post(`/q/${used}`, { q_prepared: '3' })).statusCode).toBe(303);
    h.clock.set('2026-12-04T10:00:01Z'); // 14 days and a second later
    try {
      const unknown = 'A'.repeat(43);
      const pages = [];
      for (const token of [unknown, used, replaced, expired, 'short', 'thank-you-not']) {
        const visitor = new WebClient(h.app, '198.51.100.9');
        const got = await visitor.get(`/q/${token}`);
        await visitor.get('/sign-in'); // any page with a form: a CSRF token, as the questionnaire page gave
        const posted = await visitor.post(`/q/${token}`, { q_prepared: '5' });
        pages.push(
          { status: got.statusCode, body: masked(got.body) },
          { status: posted.statusCode, body: masked(posted.body) },
        );
      }
      expect(pages[0]!.status).toBe(404);
      expect(pages[0]!.body).toContain('This link cannot be used');
      for (const page of pages) expect(page).toEqual(pages[0]);
    } finally {
      h.clock.set('2026-11-20T10:00:00Z');
    }
    const counts = await owner<{ n: number }>(
      `select count(*)::int as n from questionnaire_responses where case_id = $1`,
      [own.caseId],
    );
    expect(counts[0]!.n).toBe(1);
  });

  it('turns away answers posted faster than a person would (20 a minute from one address)', async () => {
    const script = new WebClient(h.app, '198.51.100.20');
    await script.get('/sign-in'); // a CSRF token, as the questionnaire page gives
    const statuses: number[] = [];
    for (let tried = 0; tried < 21; tried++)
      statuses.push((await script.post(`/q/${'B'.repeat(43)}`, { q_prepared: '5' })).statusCode);
    expect(statuses.slice(0, 20)).toEqual(Array(20).fill(404));
    expect(statuses[20]).toBe(429);
  });

  it('stops links not yet used when the person no longer agrees, even when a volunteer records it', async () => {
    const service = await makeService(h.services);
    const own = await openCase(h.services, service.practitioner);
    await allocateVolunteer(h.services, service, own.caseId);
    await h.services.feedback.setOnlineContact(service.practitioner, own.caseId, own.harmedId, {
      agreed: 'yes',
    });
    const { url } = await h.services.feedback.createLink(
      service.practitioner,
      own.caseId,
      own.harmedId,
      { delivery: 'handed_over' },
    );
    const token = url!.split('/q/')[1]!;
    expect(await h.services.feedback.openLink(token)).toBeDefined();
    await h.services.feedback.setOnlineContact(service.volunteer, own.caseId, own.harmedId, {
      agreed: 'no',
    });
    expect(await h.services.feedback.openLink(token)).toBeUndefined();
    expect(await h.services.feedback.answerLink(token, { q_prepared: '5' })).toBe(false);
  });

  it('lets a respondent write nothing but their own link (row-level security)', async () => {
    const service = await makeService(h.services);
    const own = await openCase(h.services, service.practitioner);
    const { withActor } = await import('../../../db/actor-context.js');
    const respondent = {
      kind: 'respondent' as const,
      orgId: service.org.id,
      linkHash: 'f'.repeat(64),
    };
    const [questionnaire] = await owner<{ id: string }>(
      `select id from questionnaires where org_id is null and audience = 'harmed'`,
    );
    await expect(
      withActor(h.database.db, respondent, (tx) =>
        tx
          .insertInto('questionnaire_responses')
          .values({
            org_id: service.org.id,
            case_id: own.caseId,
            participant_id: own.harmedId,
            questionnaire_id: questionnaire!.id,
            answers: '{}',
            channel: 'online',
            responded_on: '2026-11-20',
          })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    const seen = await withActor(h.database.db, respondent, (tx) =>
      tx.selectFrom('case_participants').select('display_name').execute(),
    );
    expect(seen).toEqual([]);

    // A link's row names a case and a person: only those who may see the case, and the holder
    // of the token, can read it.
    const tokenHash = 'a'.repeat(64);
    await owner(
      `insert into questionnaire_links (token_hash, org_id, case_id, participant_id, questionnaire_id, delivery, expires_at)
       values ($1, $2, $3, $4, $5, 'handed_over', now() + interval '1 day')`,
      [tokenHash, service.org.id, own.caseId, own.harmedId, questionnaire!.id],
    );
    const links = (actor: Parameters<typeof withActor>[1]) =>
      withActor(h.database.db, actor, (tx) =>
        tx
          .selectFrom('questionnaire_links')
          .select('token_hash')
          .where('case_id', '=', own.caseId)
          .execute(),
      );
    const elsewhere = await makeService(h.services);
    expect(await links(elsewhere.practitioner)).toEqual([]);
    expect(await links(respondent)).toEqual([]);
    expect(await links(null)).toEqual([]);
    expect(await links({ ...respondent, orgId: '', linkHash: tokenHash })).toHaveLength(1);
    expect(await links(service.practitioner)).toHaveLength(1);
  });
});
