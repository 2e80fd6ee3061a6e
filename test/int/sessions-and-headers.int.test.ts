// What every response carries, the session cookie's name and scope, and the warning before a
// session ends that lets a person stay signed in (WCAG 2.2.1).
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { SECURE_SESSION_COOKIE } from '../../src/platform/web-session.js';
import { makeService } from '../support/cases.js';
import {
  createHarness,
  issueToken,
  makeOrganisation,
  makeUser,
  type Harness,
} from '../support/harness.js';
import { signedInBy, signedInTo, WebClient } from '../support/web-client.js';
import { registerClock } from '../support/authenticator.js';

let h: Harness;
let team: Awaited<ReturnType<typeof makeService>>;
beforeAll(async () => {
  h = await createHarness();
  team = await makeService(h.services);
});
afterAll(() => h.close());

describe('security headers', () => {
  it('are on every response: pages, errors, redirects, assets and the API', async () => {
    const browser = await signedInTo(h.app, team.practitioner);
    const token = (await issueToken(h.services, team.org)).token;
    const responses = {
      page: await browser.get('/cases'),
      signIn: await new WebClient(h.app).get('/sign-in'),
      notFound: await browser.get('/no/such/page'),
      badRequest: await browser.get('/cases?q=%00'),
      redirect: await new WebClient(h.app).get('/cases'),
      asset: await h.app.inject('/assets/app.css'),
      api: await h.app.inject({
        url: '/api/v1/referrals/00000000-0000-4000-8000-000000000000',
        headers: { authorization: `Bearer ${token}` },
      }),
      apiUnauthenticated: await h.app.inject('/api/v1/referrals/x'),
    };
    for (const [name, response] of Object.entries(responses)) {
      const headers = response.headers;
      expect({ name, csp: String(headers['content-security-policy']) }).toEqual({
        name,
        csp: expect.stringContaining("frame-ancestors 'none'"),
      });
      expect({ name, nosniff: headers['x-content-type-options'] }).toEqual({
        name,
        nosniff: 'nosniff',
      });
      expect({ name, hsts: String(headers['strict-transport-security']) }).toEqual({
        name,
        hsts: expect.stringMatching(/^max-age=\d{7,}/),
      });
      expect({ name, referrer: headers['referrer-policy'] }).toEqual({
        name,
        referrer: 'same-origin',
      });
    }
    // Each HTML page's one inline script carries that response's nonce.
    const nonce = /'nonce-([^']+)'/.exec(String(responses.page.headers['content-security-policy']));
    expect(responses.page.body).toContain(`<script nonce="${nonce?.[1]}">`);
  });

  it('keep every signed-in page out of caches', async () => {
    const browser = await signedInTo(h.app, team.manager);
    for (const url of ['/', '/cases', '/referrals', '/account', '/outcomes', '/settings']) {
      const page = await browser.get(url);
      expect({ url, status: page.statusCode, cache: page.headers['cache-control'] }).toEqual({
        url,
        status: 200,
        cache: 'no-store',
      });
    }
  });
});

describe('the protective marking', () => {
  it('heads and foots every signed-in page: OFFICIAL-SENSITIVE with case data, OFFICIAL without', async () => {
    const marking = (body: string) =>
      [
        /data-qa="protective-marking">([^<]*)</.exec(body)?.[1],
        /data-qa="protective-marking-foot">([^<]*)</.exec(body)?.[1],
      ].join(' / ');
    const staff = await signedInTo(h.app, team.manager);
    for (const url of ['/', '/cases', '/outcomes', '/account'])
      expect(marking((await staff.get(url)).body), url).toBe(
        'OFFICIAL-SENSITIVE / OFFICIAL-SENSITIVE',
      );
    const office = await makeOrganisation(h.services, { kind: 'pcc_office' });
    const commissioner = await makeUser(h.services, { role: 'commissioner', org: office });
    const reader = await signedInTo(h.app, commissioner);
    expect(marking((await reader.get('/')).body)).toBe('OFFICIAL / OFFICIAL');
    expect(marking((await new WebClient(h.app).get('/sign-in')).body)).toBe(' / ');
  });
});

describe('the session cookie', () => {
  it('is __Host- prefixed, Secure, host-only and for the whole site over HTTPS', async () => {
    const app = await buildApp({
      services: h.services,
      db: h.database.db,
      cookieSecret: 'test-cookie-secret-0123456789abcdef0123',
      baseUrl: 'https://waymark.test',
      logLevel: 'silent',
      trustProxy: true,
    });
    try {
      const https = { 'x-forwarded-proto': 'https' };
      registerClock(app, h.clock);
      const browser = new WebClient(app);
      browser.extraHeaders = https;
      // The password, then the second factor: the cookie that signs in is the last one set.
      const signedIn = await browser.signIn(team.practitioner.email, team.practitioner.password);
      expect(signedInBy(signedIn)).toBe(true);
      const cookie = signedIn.cookies.find((c) => c.name === SECURE_SESSION_COOKIE);
      expect(cookie).toMatchObject({ path: '/', secure: true, httpOnly: true, sameSite: 'Lax' });
      expect(cookie).not.toHaveProperty('domain');
      const home = await app.inject({
        url: '/',
        headers: { ...https, cookie: `${SECURE_SESSION_COOKIE}=${cookie!.value}` },
      });
      expect(home.statusCode).toBe(200);
      // The same token under the plain name is not read over HTTPS.
      const plain = await app.inject({
        url: '/',
        headers: { ...https, cookie: `waymark_session=${cookie!.value}` },
      });
      expect(plain.statusCode).toBe(302);
    } finally {
      await app.close();
    }
  });
});

describe('the warning before a session ends', () => {
  it('is linked from every signed-in page, and reading it does not keep the session', async () => {
    const browser = await signedInTo(h.app, team.practitioner);
    const home = await browser.get('/');
    expect(home.body).toContain('data-qa="session-notice"');
    expect(home.body).toContain('data-module="waymark-session-dialog"');
    h.clock.advanceMinutes(25);
    const warning = await browser.get('/session/ending?returnTo=%2Fcases');
    expect(warning.statusCode).toBe(200);
    expect(warning.body).toContain('You will be signed out soon');
    expect(warning.body).toContain('Stay signed in');
    h.clock.advanceMinutes(6);
    expect((await browser.get('/cases')).headers.location).toContain('/sign-in');
  });

  it('lets the person stay signed in, without JavaScript, and returns them to their page', async () => {
    const browser = await signedInTo(h.app, team.practitioner);
    await browser.get('/');
    h.clock.advanceMinutes(25);
    await browser.get('/session/ending?returnTo=%2Fcases');
    const stayed = await browser.post('/session/extend', { returnTo: '/cases' });
    expect(stayed.headers.location).toBe('/cases');
    h.clock.advanceMinutes(25);
    expect((await browser.get('/cases')).statusCode).toBe(200);
  });

  it('tells a person near the 12-hour limit when it ends, with nothing to extend', async () => {
    const browser = await signedInTo(h.app, team.practitioner);
    for (let hour = 0; hour < 12; hour++) {
      h.clock.advanceMinutes(29);
      await browser.get('/');
      h.clock.advanceMinutes(29);
      await browser.get('/');
    }
    h.clock.advanceMinutes(20); // 11 hours 56 minutes in, 20 minutes since the last page
    const warning = await browser.get('/session/ending');
    expect(warning.body).toContain('12 hours after you signed in');
    expect(warning.body).not.toContain('data-qa="stay-signed-in"');
  });
});
