// The second factor through the web, as people use it (ADR 0019): setting up an authenticator
// app at the first sign-in, entering its code at the next, recovery codes once each, a code used
// once, and wrong codes slowed by the sign-in throttle. An administrator's reset and signing out
// everywhere: src/features/users/second-factor-admin.int.test.ts; step-up: reauthentication.int.test.ts.
import { describe, expect, it } from 'vitest';
import { makeUser } from '../../../test/support/harness.js';
import {
  codeAt,
  currentCode,
  recoveryCodesOf,
  secretOf,
} from '../../../test/support/authenticator.js';
import { recoveryCodesIn, WebClient, expectPage } from '../../../test/support/web-client.js';
import { auditActions, passwordOnly } from '../../../test/support/sign-in-steps.js';
import { timeStep } from '../../domain/second-factor.js';
import { SESSION_COOKIE } from '../../platform/web-session.js';
import { organisationFor, testbed } from '../../../test/support/testbed.js';

const { h, owner } = testbed({ realClock: true });
const org = organisationFor(h, { kind: 'rj_service' });

describe('setting up an authenticator app', () => {
  it('comes straight after the first correct password, before anything else', async () => {
    const person = await makeUser(h.services, { role: 'practitioner', org });
    const browser = new WebClient(h.app);
    const password = await passwordOnly(browser, person);
    expect(password.headers.location).toBe('/sign-in/set-up-authenticator?returnTo=%2F');
    // The password alone reaches nothing: every page sends the person back to set it up.
    for (const path of ['/', '/cases', '/account', '/admin/users']) {
      const page = await browser.get(path);
      expect(page.statusCode, path).toBe(302);
      const signIn = await browser.get(page.headers.location!);
      expect(signIn.headers.location, path).toMatch(/^\/sign-in\/set-up-authenticator/);
    }
    const page = await browser.get(password.headers.location!);
    expectPage(page, 200, ['Set up an authenticator app']);
    expect(page.body).toMatch(
      /<svg\s[^>]*role="img"\s+aria-label="QR code to set up your authenticator app"/,
    );
    expect(page.body).toMatch(/data-qa="secret-key">([A-Z2-7]{4} ){7}[A-Z2-7]{4}</);
  });

  it('refuses a wrong code with a message at the field, and takes the right one', async () => {
    const person = await makeUser(h.services, { role: 'practitioner', org });
    const browser = new WebClient(h.app);
    const password = await passwordOnly(browser, person);
    await browser.get(password.headers.location!);
    const empty = await browser.post('/sign-in/set-up-authenticator', { code: '' });
    expectPage(empty, 400, ['Enter the 6 digit security code']);
    const letters = await browser.post('/sign-in/set-up-authenticator', { code: '12ab56' });
    expect(letters.body).toContain('Enter the security code as 6 digits');
    const wrong = await browser.post('/sign-in/set-up-authenticator', { code: '000000' });
    expectPage(wrong, 400, ['The security code is not correct']);

    const done = await browser.setUpAuthenticator(person.email, '/sign-in/set-up-authenticator');
    expectPage(done, 200, ['Save your recovery codes']);
    const codes = recoveryCodesIn(done.body);
    expect(codes).toHaveLength(10);
    expect(new Set(codes).size).toBe(10);
    expect((await browser.get('/')).statusCode).toBe(200);
    expect(await auditActions(h, person.userId)).toEqual([
      'sign_in.password_accepted',
      'second_factor.enrolment_code_refused',
      'second_factor.enrolled',
      'sign_in.succeeded',
    ]);
  });

  it('keeps the secret encrypted and the recovery codes hashed', async () => {
    const person = await makeUser(h.services, { role: 'practitioner', org });
    await new WebClient(h.app).signIn(person.email, person.password);
    const secret = secretOf(person.email)!;
    const [factor] = await owner<{ secret: string }>(
      'select secret from second_factors where user_id = $1',
      [person.userId],
    );
    expect(factor!.secret).not.toContain(secret);
    expect(factor!.secret).toMatch(/^v1\./);
    const stored = await owner<{ code_hash: string }>(
      'select code_hash from recovery_codes where user_id = $1',
      [person.userId],
    );
    expect(stored).toHaveLength(10);
    for (const code of recoveryCodesOf(person.email)) {
      expect(stored.some((row) => row.code_hash.includes(code))).toBe(false);
    }
  });
});

describe('signing in with a code', () => {
  it('asks for the code after the password, and signs in with a new session id', async () => {
    const person = await makeUser(h.services, { role: 'practitioner', org });
    await new WebClient(h.app).signIn(person.email, person.password);
    const browser = new WebClient(h.app);
    const password = await passwordOnly(browser, person);
    expect(password.headers.location).toBe('/sign-in/code?returnTo=%2F');
    const waiting = browser.cookie(SESSION_COOKIE);
    const page = await browser.get(password.headers.location!);
    expect(page.body).toContain('Enter the 6 digit security code from your authenticator app');
    const signedIn = await browser.post('/sign-in/code', {
      code: await currentCode(person.email, h.clock),
      returnTo: '/',
    });
    expect(signedIn.headers.location).toBe('/');
    expect(browser.cookie(SESSION_COOKIE)).not.toBe(waiting);
    expect((await browser.get('/')).statusCode).toBe(200);
  });

  it('lets the person cancel at the code page, which ends the waiting session', async () => {
    const person = await makeUser(h.services, { role: 'practitioner', org });
    await new WebClient(h.app).signIn(person.email, person.password);
    const browser = new WebClient(h.app);
    const password = await passwordOnly(browser, person);
    const page = await browser.get(password.headers.location!);
    expect(page.body).toContain('data-qa="cancel-sign-in"');
    const sessions = async () =>
      (
        await owner<{ n: number }>('select count(*)::int as n from sessions where user_id = $1', [
          person.userId,
        ])
      )[0]!.n;
    expect(await sessions()).toBe(2); // the first sign-in's, and this one waiting for a code
    const cancelled = await browser.post('/sign-out', {});
    expect(cancelled.headers.location).toBe('/sign-in?signedOut');
    expect(await sessions()).toBe(1);
    const again = await browser.get('/sign-in/code?returnTo=%2F');
    expect(again.statusCode).toBe(302);
    expect(again.headers.location).toMatch(/^\/sign-in/);
    expect(again.headers.location).not.toMatch(/^\/sign-in\/code/);
  });

  it('refuses a code used before, and accepts one step of drift either way', async () => {
    const person = await makeUser(h.services, { role: 'practitioner', org });
    await new WebClient(h.app).signIn(person.email, person.password);
    // The code that set the app up is used: the same code again is refused.
    const step = timeStep(h.clock.now());
    const replay = new WebClient(h.app);
    await replay.get((await passwordOnly(replay, person)).headers.location!);
    const refused = await replay.post('/sign-in/code', { code: codeAt(person.email, step) });
    expectPage(refused, 400, ['This security code has already been used']);
    // The next step's code (a phone 30 seconds ahead) is accepted...
    const ahead = await replay.post('/sign-in/code', { code: codeAt(person.email, step + 1) });
    expect(ahead.statusCode).toBe(302);
    // ...and after that, the code of a step two behind is not (too old, and before one used).
    h.clock.advanceSeconds(90);
    const late = new WebClient(h.app);
    await late.get((await passwordOnly(late, person)).headers.location!);
    const old = await late.post('/sign-in/code', { code: codeAt(person.email, step) });
    expect(old.body).toContain('The security code is not correct');
    // A phone 30 seconds behind: the previous step's code, not yet used, is accepted.
    const behind = await late.post('/sign-in/code', {
      code: codeAt(person.email, timeStep(h.clock.now()) - 1),
    });
    expect(behind.statusCode).toBe(302);
    const actions = await auditActions(h, person.userId);
    expect(actions.filter((a) => a === 'second_factor.code_refused')).toHaveLength(2);
    expect(actions.filter((a) => a === 'second_factor.code_accepted')).toHaveLength(2);
  });

  it('counts wrong codes toward the sign-in throttle', async () => {
    const person = await makeUser(h.services, { role: 'practitioner', org });
    await new WebClient(h.app, '198.51.100.90').signIn(person.email, person.password);
    h.clock.advanceSeconds(1);
    const browser = new WebClient(h.app, '198.51.100.91');
    await browser.get((await passwordOnly(browser, person)).headers.location!);
    for (let n = 0; n < 3; n++) {
      const wrong = await browser.post('/sign-in/code', { code: '000000' });
      expect(wrong.statusCode).toBe(400);
    }
    // The right code (the next step's: this step's set the app up) is not even checked.
    const held = await browser.post('/sign-in/code', {
      code: codeAt(person.email, timeStep(h.clock.now()) + 1),
    });
    expectPage(held, 429, ['Wait 5 seconds']);
    // Giving the right password again does not buy more tries.
    const again = await passwordOnly(browser, person);
    expect(again.statusCode).toBe(429);
    h.clock.advanceSeconds(6);
    const signedIn = await browser.answerSecondFactor(
      person.email,
      await passwordOnly(browser, person),
    );
    expect(signedIn.headers.location).toBe('/');
  });

  it('takes each recovery code once, instead of the app', async () => {
    const person = await makeUser(h.services, { role: 'practitioner', org });
    await new WebClient(h.app).signIn(person.email, person.password);
    const [first] = recoveryCodesOf(person.email);
    const browser = new WebClient(h.app);
    const code = await browser.get((await passwordOnly(browser, person)).headers.location!);
    expect(code.body).toContain('I cannot use my authenticator app');
    const page = await browser.get('/sign-in/recovery-code?returnTo=%2F');
    expect(page.body).toContain('Enter a recovery code');
    const used = await browser.post('/sign-in/recovery-code', {
      recoveryCode: first!.toUpperCase(),
      returnTo: '/',
    });
    expect(used.headers.location).toBe('/');

    const again = new WebClient(h.app);
    await passwordOnly(again, person);
    const refused = await again.submitForm('/sign-in/recovery-code', { recoveryCode: first! });
    expectPage(refused, 400, ['The recovery code is not correct or has already been used']);
    const [used1] = await owner<{ n: number }>(
      'select count(*)::int as n from recovery_codes where user_id = $1 and used_at is not null',
      [person.userId],
    );
    expect(used1!.n).toBe(1);
    const actions = await auditActions(h, person.userId);
    expect(actions).toContain('second_factor.recovery_code_used');
    expect(actions).toContain('second_factor.recovery_code_refused');
  });
});
