// Step-up (ADR 0019): exports of case data and changes to one's own security settings ask for
// the password and a code again unless given in the last 15 minutes.
import { describe, expect, it } from 'vitest';
import { makeUser } from '../../../test/support/harness.js';
import { currentCode, secretOf } from '../../../test/support/authenticator.js';
import { auditActions } from '../../../test/support/sign-in-steps.js';
import { recoveryCodesIn, WebClient, expectPage } from '../../../test/support/web-client.js';
import { organisationFor, testbed } from '../../../test/support/testbed.js';

const { h } = testbed({ realClock: true });
const org = organisationFor(h, { kind: 'rj_service' });

describe('step-up before exports and security changes', () => {
  it('asks for the password and a code again after 15 minutes, then lets the export through', async () => {
    const manager = await makeUser(h.services, { role: 'service_manager', org });
    const browser = new WebClient(h.app);
    await browser.signIn(manager.email, manager.password);
    expect((await browser.get('/outcomes/report.csv')).statusCode).toBe(200);
    h.clock.advanceMinutes(10);
    await browser.get('/');
    h.clock.advanceMinutes(6);
    const asked = await browser.get('/outcomes/report.csv');
    expect(asked.statusCode).toBe(302);
    expect(asked.headers.location).toBe('/reauthenticate?returnTo=%2Foutcomes%2Freport.csv');
    const page = await browser.get(asked.headers.location!);
    expect(page.body).toContain('Confirm it is you');

    const wrongPassword = await browser.post('/reauthenticate', {
      password: 'not my password at all',
      code: await currentCode(manager.email, h.clock),
      returnTo: '/outcomes/report.csv',
    });
    expectPage(wrongPassword, 400, ['Your current password is not correct']);
    const wrongCode = await browser.post('/reauthenticate', {
      password: manager.password,
      code: '000000',
      returnTo: '/outcomes/report.csv',
    });
    expect(wrongCode.body).toContain('The security code is not correct');
    const done = await browser.reauthenticate(
      manager.email,
      manager.password,
      '/outcomes/report.csv',
    );
    expect(done.headers.location).toBe('/outcomes/report.csv');
    const csv = await browser.get('/outcomes/report.csv');
    expect(csv.statusCode).toBe(200);
    expect(csv.headers['content-disposition']).toContain('attachment');
    const actions = await auditActions(h, manager.userId);
    expect(actions.filter((a) => a === 'reauthentication.refused')).toHaveLength(2);
    expect(actions).toContain('reauthentication.succeeded');
  });

  it('guards changing one’s own password and authenticator app the same way', async () => {
    const person = await makeUser(h.services, { role: 'practitioner', org });
    const browser = new WebClient(h.app);
    await browser.signIn(person.email, person.password);
    h.clock.advanceMinutes(14);
    await browser.get('/account');
    h.clock.advanceMinutes(2);
    const change = await browser.get('/account/authenticator');
    expect(change.headers.location).toBe('/reauthenticate?returnTo=%2Faccount%2Fauthenticator');
    await browser.get('/account');
    const password = await browser.post('/account/password', {
      currentPassword: person.password,
      newPassword: 'a brand new passphrase here',
      confirmPassword: 'a brand new passphrase here',
    });
    expect(password.statusCode).toBe(302);
    expect(password.headers.location).toMatch(/^\/reauthenticate\?returnTo=/);

    await browser.reauthenticate(person.email, person.password, '/account/authenticator');
    // A new app: the old one's codes stop working once the new one is confirmed.
    const oldSecret = secretOf(person.email);
    const codes = await browser.setUpAuthenticator(person.email, '/account/authenticator');
    expect(recoveryCodesIn(codes.body)).toHaveLength(10);
    expect(secretOf(person.email)).not.toBe(oldSecret);
    expect(await auditActions(h, person.userId)).toContain('second_factor.enrolled');
    const next = new WebClient(h.app);
    const signedIn = await next.signIn(person.email, person.password);
    expect(signedIn.headers.location).toBe('/');
  });
});
