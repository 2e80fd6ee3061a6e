import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, makeUserWithRole, type Harness } from '../../../test/support/harness.js';
import { WebClient } from '../../../test/support/web-client.js';

let h: Harness;
let browser: WebClient;
let admin: Awaited<ReturnType<typeof makeUserWithRole>>;

beforeAll(async () => {
  h = await createHarness();
  admin = await makeUserWithRole(h.services, 'admin');
  const practitioner = await makeUserWithRole(h.services, 'practitioner');
  await new WebClient(h.app, '192.0.2.1').signIn(practitioner.email, 'a wrong password');
  await new WebClient(h.app, '192.0.2.1').signIn(practitioner.email, practitioner.password);
  browser = new WebClient(h.app);
  await browser.signIn(admin.email, admin.password);
});
afterAll(() => h.close());

describe('the audit trail page', () => {
  it('lists events newest first', async () => {
    const page = await browser.get('/admin/audit');
    expect(page.statusCode).toBe(200);
    const actions = [...page.body.matchAll(/<span class="waymark-code">([a-z_.]+)<\/span>/g)].map(
      (m) => m[1],
    );
    expect(actions).toEqual(
      expect.arrayContaining([
        'sign_in.succeeded',
        'sign_in.failed',
        'user.created',
        'organisation.created',
      ]),
    );
    // The organisations were created before anyone signed in.
    expect(actions.indexOf('sign_in.succeeded')).toBeLessThan(
      actions.lastIndexOf('organisation.created'),
    );
  });

  it('filters by action, outcome and user', async () => {
    const failed = await browser.get('/admin/audit?outcome=failed');
    expect(failed.body).toContain('sign_in.failed');
    expect(failed.body).not.toContain('sign_in.succeeded');
    const created = await browser.get('/admin/audit?action=organisation.');
    expect(created.body).toContain('organisation.created');
    expect(created.body).not.toContain('sign_in.failed');
    const byAdmin = await browser.get(
      `/admin/audit?user=${encodeURIComponent(admin.email)}&action=sign_in`,
    );
    expect(byAdmin.body).toContain('sign_in.succeeded');
    expect(byAdmin.body).not.toContain('sign_in.failed');
  });

  it('ignores malformed filters instead of failing', async () => {
    const page = await browser.get('/admin/audit?page=-3&outcome=maybe');
    expect(page.statusCode).toBe(200);
  });

  it('filters by date', async () => {
    const future = await browser.get('/admin/audit?from=2999-01-01');
    expect(future.body).toContain('No events match these filters');
  });
});
