import { beforeAll, describe, expect, it } from 'vitest';
import {
  administratorOf,
  makeOrganisation,
  makeUser,
  makeUserWithRole,
} from '../../../test/support/harness.js';
import { recoveryCodesIn, WebClient, expectPage } from '../../../test/support/web-client.js';
import { testbed } from '../../../test/support/testbed.js';

const { h, signedIn } = testbed({ realClock: true });
let admin: Awaited<ReturnType<typeof makeUser>>;
let service: Awaited<ReturnType<typeof makeOrganisation>>;

beforeAll(async () => {
  service = await makeOrganisation(h.services, {
    kind: 'rj_service',
    name: 'Northvale RJ Service',
  });
  admin = await administratorOf(h.services, service);
});

async function signedInAdmin() {
  const browser = await signedIn(admin);
  return browser;
}

describe('adding users', () => {
  it('adds a user and gives a one-time link with which they choose a password and sign in', async () => {
    const browser = await signedInAdmin();
    const form = await browser.get('/admin/users/new');
    expect(form.body).toContain('They will join Northvale RJ Service.');
    expect(form.body).not.toContain('name="org"');
    const created = await browser.post('/admin/users', {
      name: 'Fran Facilitator',
      email: 'Fran@Example.org',
      role: 'practitioner',
      password: 'an attempt to set it directly',
    });
    expect(created.statusCode).toBe(201);
    const link = /data-qa="password-link">([^<]+)</.exec(created.body)?.[1];
    expect(link).toMatch(/^http:\/\/waymark\.test\/set-password\/[A-Za-z0-9_-]+$/);
    const path = new URL(link!).pathname;

    // The password sent with the form was ignored: nobody can sign in yet.
    expect(
      (await new WebClient(h.app).signIn('fran@example.org', 'an attempt to set it directly'))
        .statusCode,
    ).toBe(401);

    const newcomer = new WebClient(h.app);
    expect((await newcomer.get(path)).body).toContain('Choose your password');
    const short = await newcomer.post(path, { password: 'short', confirmPassword: 'short' });
    expect(short.body).toContain('Password must be 12 characters or more');
    const ok = await newcomer.post(path, {
      password: 'maple kettle harbour',
      confirmPassword: 'maple kettle harbour',
    });
    expect(ok.headers.location).toBe('/sign-in?passwordSet');
    expect((await newcomer.get(path)).statusCode).toBe(404);
    // Their first sign-in sets up an authenticator app and shows the recovery codes.
    const first = await newcomer.signIn('fran@example.org', 'maple kettle harbour');
    expect(recoveryCodesIn(first.body)).toHaveLength(10);
  });

  it('explains each mistake on the form and keeps what was typed', async () => {
    const browser = await signedInAdmin();
    await browser.get('/admin/users/new');
    const response = await browser.post('/admin/users', {
      name: 'Kim',
      email: 'not-an-email',
      role: 'commissioner',
    });
    expectPage(response, 400, ['Enter an email address in the correct format', 'value="Kim"']);
    const wrongOrg = await browser.post('/admin/users', {
      name: 'Kim',
      email: 'kim@example.org',
      role: 'commissioner',
    });
    expect(wrongOrg.body).toContain(
      'A commissioner must belong to a police and crime commissioner&#39;s office',
    );
  });

  it('refuses an email address that is already used, in any case', async () => {
    const browser = await signedInAdmin();
    await browser.get('/admin/users/new');
    const response = await browser.post('/admin/users', {
      name: 'Copy',
      email: admin.email.toUpperCase(),
      role: 'practitioner',
    });
    expect(response.body).toContain('A user with this email address already exists');
  });

  it('deactivates an account and signs it out everywhere', async () => {
    const user = await makeUser(h.services, { role: 'practitioner', org: service });
    const victim = await signedIn(user);
    expect((await victim.get('/')).statusCode).toBe(200);

    const browser = await signedInAdmin();
    await browser.get(`/admin/users/${user.userId}`);
    const response = await browser.post(`/admin/users/${user.userId}/deactivate`, {});
    expect(response.headers.location).toBe(`/admin/users/${user.userId}?deactivated`);
    expect((await victim.get('/')).statusCode).toBe(302);
    expect((await new WebClient(h.app).signIn(user.email, user.password)).statusCode).toBe(401);
  });
});

describe('who may administer', () => {
  it('refuses every role that does not administer, and records the refusal', async () => {
    // Someone who sees figures only is told "not found": the page does not exist for them.
    const figuresOnly = new Set(['commissioner', 'national_analyst']);
    for (const role of [
      'practitioner',
      'service_manager',
      'referrer',
      'commissioner',
      'national_analyst',
      'volunteer',
    ] as const) {
      const user = await makeUserWithRole(h.services, role);
      const browser = await signedIn(user);
      for (const page of [
        '/admin/users',
        '/admin/organisations',
        '/admin/audit',
        '/admin/users/new',
      ]) {
        const response = await browser.get(page);
        const status = figuresOnly.has(role) ? 404 : 403;
        expect({ role, page, status: response.statusCode }).toEqual({ role, page, status });
        expect(response.body).toContain(
          figuresOnly.has(role) ? 'Page not found' : 'You do not have access to this page',
        );
      }
      const denied = await h.database.withOwner((owner) =>
        owner.query<{ n: number }>(
          `select count(*)::int as n from audit_events where user_id = $1 and outcome = 'denied'`,
          [user.userId],
        ),
      );
      expect(denied[0]!.n).toBeGreaterThanOrEqual(4);
    }
  });

  it('sends someone who is not signed in to the sign-in page', async () => {
    const response = await new WebClient(h.app).get('/admin/users');
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/sign-in?returnTo=%2Fadmin%2Fusers');
  });
});

describe('changing your own password', () => {
  it('needs the current password and a good new one', async () => {
    const user = await makeUser(h.services, { role: 'practitioner', org: service });
    const browser = await signedIn(user);
    await browser.get('/account');
    const wrong = await browser.post('/account/password', {
      currentPassword: 'nope',
      newPassword: 'copper meadow lantern',
      confirmPassword: 'copper meadow lantern',
    });
    expect(wrong.body).toContain('Your current password is not correct');
    const ok = await browser.post('/account/password', {
      currentPassword: user.password,
      newPassword: 'copper meadow lantern',
      confirmPassword: 'copper meadow lantern',
    });
    expect(ok.headers.location).toBe('/account?changed');
    expect(
      (await new WebClient(h.app).signIn(user.email, 'copper meadow lantern')).statusCode,
    ).toBe(302);
  });
});
