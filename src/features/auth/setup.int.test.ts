import { describe, expect, it } from 'vitest';
import { recoveryCodesIn, WebClient, expectPage } from '../../../test/support/web-client.js';
import { testbed } from '../../../test/support/testbed.js';

const { h } = testbed({ realClock: true });

const firstAdmin = {
  name: 'Ada Administrator',
  email: 'ada@example.org',
  orgName: 'Severnside RJ Hub',
  orgKind: 'rj_service',
  area: 'avon-and-somerset',
  password: 'lantern orchard velvet',
  confirmPassword: 'lantern orchard velvet',
};

describe('first-time set-up', () => {
  it('creates the first administrator through the one-time link, which then stops working', async () => {
    const token = await h.services.setup.issueLinkIfNeeded();
    expect(token).toMatch(/^[A-Za-z0-9_-]{40,}$/);
    const browser = new WebClient(h.app);
    const page = await browser.get(`/setup/${token}`);
    expectPage(page, 200, ['Set up Waymark']);

    const weak = await browser.post(`/setup/${token}`, {
      ...firstAdmin,
      password: 'password1234',
      confirmPassword: 'password1234',
    });
    expectPage(weak, 400, ['This password is too common']);
    expect(weak.body).toContain('value="ada@example.org"'); // what was typed is kept
    expect(weak.body).not.toContain('password1234');

    const mismatch = await browser.post(`/setup/${token}`, {
      ...firstAdmin,
      confirmPassword: 'something else entirely',
    });
    expect(mismatch.body).toContain('The passwords do not match');

    const missing = await browser.post(`/setup/${token}`, { ...firstAdmin, name: '', orgKind: '' });
    expect(missing.body).toContain('Enter the person&#39;s full name');
    expect(missing.body).toContain('Choose the kind of organisation');

    const done = await browser.post(`/setup/${token}`, firstAdmin);
    expect(done.statusCode).toBe(302);
    // Nothing before the authenticator app is set up.
    expect(done.headers.location).toBe('/sign-in/set-up-authenticator');
    expect((await browser.get('/')).headers.location).toBe('/sign-in?returnTo=%2F');
    const codes = await browser.setUpAuthenticator(firstAdmin.email, done.headers.location!);
    expect(recoveryCodesIn(codes.body)).toHaveLength(10);
    const home = await browser.get('/');
    expect(home.body).toContain('Ada Administrator');
    expect(home.body).toContain('href="/admin/users"');

    const again = await new WebClient(h.app).get(`/setup/${token}`);
    expectPage(again, 404, ['This link cannot be used']);
    expect(await h.services.setup.issueLinkIfNeeded()).toBeNull();
  });

  it('answers an unknown link with the same page as a used one', async () => {
    const response = await new WebClient(h.app).get(
      '/setup/AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA',
    );
    expectPage(response, 404, ['This link cannot be used']);
  });
});
