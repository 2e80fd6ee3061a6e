// An administrator and someone's sign-in (ADR 0019): resetting their authenticator app, and
// signing them out everywhere; each only within the administrator's own organisation.
import { describe, expect, it } from 'vitest';
import { administratorOf, makeOrganisation, makeUser } from '../../../test/support/harness.js';
import { credentials, passwordOnly } from '../../../test/support/sign-in-steps.js';
import { WebClient } from '../../../test/support/web-client.js';
import { organisationFor, testbed } from '../../../test/support/testbed.js';

const { h, signedIn, owner } = testbed({ realClock: true });
const org = organisationFor(h, { kind: 'rj_service' });

describe("an administrator resetting someone's authenticator app", () => {
  it('ends their sessions, and they set up an app again at their next sign-in', async () => {
    const person = await makeUser(h.services, { role: 'practitioner', org });
    const theirs = await signedIn(person);
    const admin = new WebClient(h.app);
    await admin.signIn(...credentials(await administratorOf(h.services, org)));
    const page = await admin.get(`/admin/users/${person.userId}`);
    expect(page.body).toContain('Reset their authenticator app');
    const reset = await admin.post(`/admin/users/${person.userId}/second-factor/reset`);
    expect(reset.headers.location).toBe(`/admin/users/${person.userId}?secondFactorReset`);
    expect((await admin.get(reset.headers.location!)).body).toContain(
      'Their authenticator app has been reset',
    );
    expect((await theirs.get('/')).statusCode).toBe(302);
    const next = await passwordOnly(new WebClient(h.app), person);
    expect(next.headers.location).toMatch(/^\/sign-in\/set-up-authenticator/);
    const [event] = await owner<{ user_id: string }>(
      `select user_id from audit_events where action = 'second_factor.reset' and entity_id = $1`,
      [person.userId],
    );
    expect(event!.user_id).not.toBe(person.userId);
  });

  it("is not another organisation's administrator's to do (404)", async () => {
    const person = await makeUser(h.services, { role: 'practitioner', org });
    const elsewhere = await makeOrganisation(h.services, { kind: 'rj_service' });
    const stranger = new WebClient(h.app);
    await stranger.signIn(...credentials(await administratorOf(h.services, elsewhere)));
    await stranger.get('/admin/users');
    const refused = await stranger.post(`/admin/users/${person.userId}/second-factor/reset`, {});
    expect(refused.statusCode).toBe(404);
    expect(await passwordOnly(new WebClient(h.app), person)).toMatchObject({ statusCode: 302 });
  });
});

describe('an administrator signing someone out everywhere', () => {
  it('ends every session they have, and they sign in again as usual', async () => {
    const person = await makeUser(h.services, { role: 'practitioner', org });
    const desk = await signedIn(person);
    const phone = await signedIn(person);
    const admin = new WebClient(h.app);
    await admin.signIn(...credentials(await administratorOf(h.services, org)));
    expect((await admin.get(`/admin/users/${person.userId}`)).body).toContain(
      'data-qa="end-sessions"',
    );
    const ended = await admin.post(`/admin/users/${person.userId}/sessions/end`);
    expect(ended.headers.location).toBe(`/admin/users/${person.userId}?signedOut`);
    expect((await admin.get(ended.headers.location!)).body).toContain('signed out everywhere');
    for (const browser of [desk, phone]) expect((await browser.get('/')).statusCode).toBe(302);
    // Their account and authenticator app are as they were: the code page, not set-up.
    const again = await passwordOnly(new WebClient(h.app), person);
    expect(again.headers.location).toMatch(/^\/sign-in\/code/);
    const events = await owner<{ n: number }>(
      `select count(*)::int as n from audit_events where action = 'user.sessions_ended' and entity_id = $1`,
      [person.userId],
    );
    expect(events[0]!.n).toBe(1);
  });

  it("is not another organisation's administrator's to do (404)", async () => {
    const person = await makeUser(h.services, { role: 'practitioner', org });
    const elsewhere = await makeOrganisation(h.services, { kind: 'rj_service' });
    const admin = new WebClient(h.app);
    await admin.signIn(...credentials(await administratorOf(h.services, elsewhere)));
    await admin.get('/admin/users'); // a page of their own, whose form token the post carries
    expect((await admin.post(`/admin/users/${person.userId}/sessions/end`)).statusCode).toBe(404);
  });
});
