// Several Waymark processes on one database (ADR 0023): a person signed in through one is signed
// in on another, and a form one of them served may be posted to another, because sessions are
// rows and CSRF tokens are signed with the secret every process is given. A process given a
// different secret refuses the form, which shows the check is made.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import { CSRF_COOKIE } from '../../src/platform/csrf.js';
import { SESSION_COOKIE } from '../../src/platform/web-session.js';
import { caseFor, dateInput, teamTestbed } from '../support/testbed.js';
import { signedInTo, WebClient } from '../support/web-client.js';
import { registerClock } from '../support/authenticator.js';

const { h, team } = teamTestbed();
const opened = caseFor(h, team, { victim: 'Ffion' });
let second: FastifyInstance;
let otherSecret: FastifyInstance;

/** Another process of the app on the same database, signing cookies with `cookieSecret`. */
async function processOf(cookieSecret: string) {
  const app = await buildApp({
    services: h.services,
    db: h.database.db,
    cookieSecret,
    baseUrl: 'http://waymark.test',
    logLevel: 'silent',
  });
  await app.ready();
  registerClock(app, h.clock);
  return app;
}

beforeAll(async () => {
  // The harness's app signs cookies with this secret; the second process is given the same.
  second = await processOf('test-cookie-secret-0123456789abcdef0123');
  otherSecret = await processOf('another-cookie-secret-0123456789abcdef');
});
afterAll(async () => {
  await second.close();
  await otherSecret.close();
});

/** A browser on `app` holding the cookies another browser holds (the same person, next request). */
function sameBrowserOn(app: FastifyInstance, browser: WebClient) {
  const moved = new WebClient(app);
  for (const name of [SESSION_COOKIE, CSRF_COOKIE]) {
    const value = browser.cookie(name);
    if (value) moved.setCookie(name, value);
  }
  return moved;
}

const csrfOn = (body: string) => /name="_csrf" value="([^"]+)"/.exec(body)?.[1] ?? '';

describe('two processes on one database', () => {
  it('share sessions: signed in through one, signed in on the other', async () => {
    const browser = await signedInTo(h.app, team.practitioner);
    const page = await sameBrowserOn(second, browser).get(`/cases/${opened.caseId}`);
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain(opened.caseReference);
    // Without the session the second process sends the person to sign in.
    const stranger = await new WebClient(second).get(`/cases/${opened.caseId}`);
    expect(stranger.statusCode).toBe(302);
    expect(stranger.headers.location).toMatch(/^\/sign-in/);
  });

  it('accept a form one of them served, posted to the other, and refuse it with another secret', async () => {
    const browser = await signedInTo(h.app, team.practitioner);
    const form = await browser.get(`/cases/${opened.caseId}/updates`);
    expect(form.statusCode).toBe(200);
    const fields = {
      _csrf: csrfOn(form.body),
      participant_id: opened.harmedId,
      ...dateInput('told_on', '2026-11-18'),
      method: 'phone',
      what_told: 'Told through the second process',
    };
    expect(fields._csrf).not.toBe('');

    const refused = await sameBrowserOn(otherSecret, browser).post(
      `/cases/${opened.caseId}/updates`,
      fields,
      { csrf: false },
    );
    expect(refused.statusCode).toBe(403);

    const posted = await sameBrowserOn(second, browser).post(
      `/cases/${opened.caseId}/updates`,
      fields,
      { csrf: false },
    );
    expect(posted.statusCode).toBe(302);
    expect(posted.headers.location).toBe(`/cases/${opened.caseId}/updates?done=recorded`);
    const after = await browser.get(`/cases/${opened.caseId}/updates`);
    expect(after.body).toContain('Told through the second process');
  });
});
