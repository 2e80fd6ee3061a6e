import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrganisation, makeUser } from '../../../test/support/harness.js';
import { WebClient, expectPage } from '../../../test/support/web-client.js';
import { SESSION_COOKIE } from '../../platform/web-session.js';
import { testbed } from '../../../test/support/testbed.js';

const { h } = testbed({ realClock: true });
let practitioner: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  const org = await makeOrganisation(h.services, { kind: 'rj_service' });
  practitioner = await makeUser(h.services, {
    role: 'practitioner',
    org,
    name: 'Pat Practitioner',
  });
});

describe('sign-in', () => {
  it('signs in with the right email and password and shows the home page', async () => {
    const browser = new WebClient(h.app);
    const response = await browser.signIn(practitioner.email.toUpperCase(), practitioner.password);
    expect(response.statusCode).toBe(302);
    expect(response.headers.location).toBe('/');
    const cookie = response.cookies.find((c) => c.name === SESSION_COOKIE);
    expect(cookie?.httpOnly).toBe(true);
    expect(cookie?.sameSite).toBe('Lax');
    const home = await browser.get('/');
    expect(home.statusCode).toBe(200);
    expect(home.body).toContain('Pat Practitioner');
  });

  it('gives one generic message for a wrong password and for an unknown email', async () => {
    const wrongPassword = await new WebClient(h.app, '203.0.113.20').signIn(
      practitioner.email,
      'not the password at all',
    );
    const unknownEmail = await new WebClient(h.app, '203.0.113.21').signIn(
      'nobody@example.org',
      'not the password at all',
    );
    for (const response of [wrongPassword, unknownEmail]) {
      expect(response.statusCode).toBe(401);
      expect(response.body).toContain('Enter a correct email address and password');
      expect(response.cookies.find((c) => c.name === SESSION_COOKIE)).toBeUndefined();
    }
  });

  it('shows field errors when the form is incomplete', async () => {
    const browser = new WebClient(h.app);
    await browser.get('/sign-in');
    const response = await browser.post('/sign-in', { email: '', password: '' });
    expectPage(response, 400, [
      'There is a problem',
      'Enter your email address',
      'Enter your password',
    ]);
  });

  it('only returns to paths on this site after sign-in', async () => {
    const browser = new WebClient(h.app);
    await browser.get('/sign-in');
    const response = await browser.post('/sign-in', {
      email: practitioner.email,
      password: practitioner.password,
      returnTo: '//evil.example.org/',
    });
    expect(response.headers.location).toBe('/');
  });

  it('throttles an account after five wrong passwords, even when the sixth is right', async () => {
    const org = await makeOrganisation(h.services);
    const target = await makeUser(h.services, { role: 'practitioner', org });
    const attacker = new WebClient(h.app, '198.51.100.7');
    for (let attempt = 0; attempt < 5; attempt++) {
      expect((await attacker.signIn(target.email, `wrong password ${attempt}`)).statusCode).toBe(
        401,
      );
    }
    const locked = await new WebClient(h.app, '198.51.100.8').signIn(target.email, target.password);
    expect(locked.statusCode).toBe(429);
    expect(locked.body).toContain('Wait 15 minutes');
    h.clock.advanceMinutes(16);
    expect(
      (await new WebClient(h.app, '198.51.100.9').signIn(target.email, target.password)).statusCode,
    ).toBe(302);
  });

  it('throttles an address that tries many accounts', async () => {
    const address = '198.51.100.66';
    for (let attempt = 0; attempt < 30; attempt++) {
      await new WebClient(h.app, address).signIn(`guess${attempt}@example.org`, 'password guess');
    }
    const blocked = await new WebClient(h.app, address).signIn(
      practitioner.email,
      practitioner.password,
    );
    expect(blocked.statusCode).toBe(429);
    h.clock.advanceMinutes(16);
  });

  it('records successful and failed sign-ins in the audit trail', async () => {
    const org = await makeOrganisation(h.services);
    const user = await makeUser(h.services, { role: 'practitioner', org });
    await new WebClient(h.app, '203.0.113.50').signIn(user.email, 'wrong password here');
    await new WebClient(h.app, '203.0.113.50').signIn(user.email, user.password);
    const events = await h.database.withOwner((owner) =>
      owner.query<{ action: string; outcome: string }>(
        `select action, outcome from audit_events where entity_id = $1 order by id`,
        [user.userId],
      ),
    );
    expect(events.map((e) => `${e.action}:${e.outcome}`)).toEqual(
      expect.arrayContaining(['sign_in.failed:failed', 'sign_in.succeeded:success']),
    );
  });
});

describe('sessions', () => {
  it('issues a new session id at sign-in, whatever cookie came before', async () => {
    const browser = new WebClient(h.app);
    browser.setCookie(SESSION_COOKIE, 'a-value-chosen-by-an-attacker');
    await browser.signIn(practitioner.email, practitioner.password);
    const first = browser.cookie(SESSION_COOKIE);
    expect(first).toBeDefined();
    expect(first).not.toBe('a-value-chosen-by-an-attacker');

    // Signing in again from a signed-in page replaces the session and ends the old one.
    await browser.get('/account');
    await browser.post('/sign-in', { email: practitioner.email, password: practitioner.password });
    const second = browser.cookie(SESSION_COOKIE);
    expect(second).not.toBe(first);
    expect((await h.services.sessions.resume(first!)).state).toBe('unknown');
    expect((await h.services.sessions.resume(second!)).state).toBe('active');
  });

  it('ends after 30 minutes without activity', async () => {
    const browser = new WebClient(h.app);
    await browser.signIn(practitioner.email, practitioner.password);
    h.clock.advanceMinutes(29);
    expect((await browser.get('/')).statusCode).toBe(200);
    h.clock.advanceMinutes(29);
    expect((await browser.get('/')).statusCode).toBe(200);
    h.clock.advanceMinutes(31);
    const expired = await browser.get('/');
    expect(expired.statusCode).toBe(302);
    expect(expired.headers.location).toBe('/sign-in?returnTo=%2F');
    const signIn = await browser.get('/sign-in?returnTo=%2F');
    expect(signIn.body).toContain('Sign in to Waymark');
  });

  it('ends after 12 hours however active', async () => {
    const browser = new WebClient(h.app);
    await browser.signIn(practitioner.email, practitioner.password);
    for (let step = 0; step < 28; step++) {
      h.clock.advanceMinutes(25);
      expect((await browser.get('/')).statusCode).toBe(200);
    }
    h.clock.advanceMinutes(25); // 12 hours 5 minutes after signing in
    expect((await browser.get('/')).statusCode).toBe(302);
  });

  it('signs out, and the old cookie no longer works', async () => {
    const browser = new WebClient(h.app);
    await browser.signIn(practitioner.email, practitioner.password);
    const token = browser.cookie(SESSION_COOKIE)!;
    await browser.get('/');
    const response = await browser.post('/sign-out');
    expect(response.headers.location).toBe('/sign-in?signedOut');
    expect((await h.services.sessions.resume(token)).state).toBe('unknown');
    expect((await browser.get('/sign-in?signedOut')).body).toContain('You have signed out');
  });
});

describe('CSRF protection', () => {
  it('refuses a form sent without the token', async () => {
    const browser = new WebClient(h.app);
    await browser.signIn(practitioner.email, practitioner.password);
    const response = await browser.post('/sign-out', {}, { csrf: false });
    expect(response.statusCode).toBe(403);
    expect(response.body).toContain('Your form could not be sent');
    expect(response.body).not.toMatch(/at .*\.ts:\d+/);
  });

  it('refuses a form with a forged token', async () => {
    const browser = new WebClient(h.app);
    await browser.get('/sign-in');
    const response = await browser.post(
      '/sign-in',
      {
        _csrf: 'forged-token',
        email: practitioner.email,
        password: practitioner.password,
      },
      { csrf: false },
    );
    expect(response.statusCode).toBe(403);
  });
});
