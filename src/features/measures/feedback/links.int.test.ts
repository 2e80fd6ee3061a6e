// Making one-time questionnaire links: only for someone who agreed, sent by email with no
// personal data or handed over once.
import { describe, expect, it } from 'vitest';
import { WebClient, expectPage } from '../../../../test/support/web-client.js';
import { testbed, serviceFor, caseFor } from '../../../../test/support/testbed.js';

const { h, signedIn, owner, timelineKinds } = testbed();
const team = serviceFor(h);
const opened = caseFor(h, team, { victim: 'Hermione' });

const linkCount = async (participantId: string) =>
  (
    await owner<{ n: number }>(
      `select count(*)::int as n from questionnaire_links where participant_id = $1`,
      [participantId],
    )
  )[0]!.n;

/** The page with what changes on every response (CSRF token, CSP nonce) masked. */

describe('making a link', () => {
  it('is refused for someone who did not agree to be contacted that way, by the service and the page', async () => {
    const browser = await signedIn(team.practitioner);
    await expect(
      h.services.feedback.createLink(team.practitioner, opened.caseId, opened.harmedId, {
        delivery: 'handed_over',
      }),
    ).rejects.toMatchObject({ kind: 'conflict', messageKey: 'feedback.links.errors.notAgreed' });
    await expect(
      h.services.feedback.createLink(team.practitioner, opened.caseId, opened.harmedId, {
        delivery: 'email',
      }),
    ).rejects.toMatchObject({ kind: 'conflict' });
    const page = await browser.get(
      `/cases/${opened.caseId}/feedback/people/${opened.harmedId}/link`,
    );
    expect(page.body).toContain('data-qa="link-refused"');
    expect(page.body).not.toContain('data-qa="link-form"');
    const tab = await browser.get(`/cases/${opened.caseId}/feedback`);
    expect(tab.body).not.toContain(`data-qa="create-link-${opened.harmedId}"`);
    for (const delivery of ['handed_over', 'email']) {
      const posted = await browser.post(
        `/cases/${opened.caseId}/feedback/people/${opened.harmedId}/link`,
        { delivery },
      );
      expect(posted.statusCode).toBe(409);
      expect(posted.body).toContain(
        'A link can only be made for someone who agreed to be contacted this way',
      );
    }
    expect(await linkCount(opened.harmedId)).toBe(0);
    expect(h.mail).toHaveLength(0);

    // Agreeing without an email address allows a handed-over link only; a volunteer makes none.
    await h.services.feedback.setOnlineContact(team.practitioner, opened.caseId, opened.harmedId, {
      agreed: 'yes',
    });
    await expect(
      h.services.feedback.createLink(team.practitioner, opened.caseId, opened.harmedId, {
        delivery: 'email',
      }),
    ).rejects.toMatchObject({ messageKey: 'feedback.links.errors.noEmail' });
    await expect(
      h.services.feedback.createLink(team.volunteer, opened.caseId, opened.harmedId, {
        delivery: 'handed_over',
      }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    // Saying no again stops it.
    await h.services.feedback.setOnlineContact(team.practitioner, opened.caseId, opened.harmedId, {
      agreed: 'no',
      email: 'x@example.org',
    });
    await expect(
      h.services.feedback.createLink(team.practitioner, opened.caseId, opened.harmedId, {
        delivery: 'handed_over',
      }),
    ).rejects.toMatchObject({ messageKey: 'feedback.links.errors.notAgreed' });
    const [row] = await owner<{ contact_email: string | null }>(
      `select contact_email from case_participants where id = $1`,
      [opened.harmedId],
    );
    expect(row!.contact_email).toBeNull();
    expect(await linkCount(opened.harmedId)).toBe(0);
  });

  it('sends the link by email through the notification port, with no personal data', async () => {
    const browser = await signedIn(team.practitioner);
    const bad = await browser.submitForm(
      `/cases/${opened.caseId}/feedback/people/${opened.harmerId}/online-contact`,
      { agreed: 'yes', email: 'not an email' },
    );
    expectPage(bad, 400, ['Enter an email address in the correct format']);
    const agreed = await browser.post(
      `/cases/${opened.caseId}/feedback/people/${opened.harmerId}/online-contact`,
      { agreed: 'yes', email: 'Owain@Example.org' },
    );
    expect(agreed.statusCode).toBe(303);
    const tab = await browser.get(`/cases/${opened.caseId}/feedback`);
    expect(tab.body).toContain('owain@example.org');
    expect(tab.body).toContain(`data-qa="create-link-${opened.harmerId}"`);

    const form = await browser.get(
      `/cases/${opened.caseId}/feedback/people/${opened.harmerId}/link`,
    );
    expect(form.body).toContain('Send it by email to owain@example.org');
    const sent = await browser.post(
      `/cases/${opened.caseId}/feedback/people/${opened.harmerId}/link`,
      { delivery: 'email' },
    );
    expect(sent.statusCode).toBe(303);
    expect(sent.headers.location).toBe(`/cases/${opened.caseId}/feedback?done=emailed`);
    expect(h.mail).toHaveLength(1);
    const mail = h.mail[0]!;
    expect(mail.to).toBe('owain@example.org');
    const token = /\/q\/([A-Za-z0-9_-]{43})/.exec(mail.body)![1]!;
    expect(mail.body).toContain(`http://waymark.test/q/${token}`);
    expect(mail.body).toContain(team.org.name);
    expect(mail.body).toContain('4 December 2026');
    for (const personal of [
      'Owain',
      'Offender',
      'Hermione',
      opened.caseReference,
      opened.referralId,
    ]) {
      expect(mail.subject + mail.body).not.toContain(personal);
    }
    // Only the hash is kept; the link opens the harmer's questionnaire with no personal data.
    const stored = await owner<{ token_hash: string }>(
      `select token_hash from questionnaire_links where participant_id = $1`,
      [opened.harmerId],
    );
    expect(stored).toHaveLength(1);
    expect(stored[0]!.token_hash).not.toContain(token);
    const page = await new WebClient(h.app).get(`/q/${token}`);
    expectPage(page, 200, ['I understand better how what I did affected other people']);
    expect(await timelineKinds(opened.caseId, 'feedback.%')).toEqual([
      'feedback.online_contact_agreed',
      'feedback.online_contact_declined',
      'feedback.online_contact_agreed',
      'feedback.link_email',
    ]);
    const audits = await owner<{ details: unknown }>(
      `select details from audit_events where action = 'case.feedback.link_email'`,
    );
    expect(JSON.stringify(audits)).not.toContain(token);
  });
});
