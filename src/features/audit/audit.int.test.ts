import { beforeAll, describe, expect, it } from 'vitest';
import {
  administratorOf,
  makeOrganisation,
  makeUser,
  makeUserWithRole,
} from '../../../test/support/harness.js';
import { WebClient } from '../../../test/support/web-client.js';
import { testbed } from '../../../test/support/testbed.js';

const { h, signedIn } = testbed({ realClock: true });
let browser: WebClient;
let admin: Awaited<ReturnType<typeof makeUserWithRole>>;
let elsewhere: Awaited<ReturnType<typeof makeUserWithRole>>;

const actionsOn = (body: string) =>
  [...body.matchAll(/<span class="waymark-code">([a-z_.]+)<\/span>/g)].map((m) => m[1]);

beforeAll(async () => {
  admin = await makeUserWithRole(h.services, 'system_admin');
  const colleague = await makeUser(h.services, {
    role: 'system_admin',
    org: { id: admin.orgId, slug: await slugOf(admin.orgId) },
  });
  elsewhere = await makeUserWithRole(h.services, 'practitioner');
  await new WebClient(h.app, '192.0.2.1').signIn(colleague.email, 'a wrong password');
  await new WebClient(h.app, '192.0.2.1').signIn('nobody@example.org', 'a wrong password');
  await new WebClient(h.app, '192.0.2.1').signIn(elsewhere.email, 'a wrong password');
  await new WebClient(h.app, '192.0.2.1').signIn(elsewhere.email, elsewhere.password);
  browser = new WebClient(h.app);
  await browser.signIn(admin.email, admin.password);
});

async function slugOf(orgId: string) {
  const row = await h.database.db
    .selectFrom('organisations')
    .select('slug')
    .where('id', '=', orgId)
    .executeTakeFirstOrThrow();
  return row.slug;
}

describe("the system administrator's audit trail", () => {
  it('lists its own organisation and the events of no organisation, newest first', async () => {
    const page = await browser.get('/admin/audit');
    expect(page.statusCode).toBe(200);
    const actions = actionsOn(page.body);
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

  it("does not show another organisation's events", async () => {
    const theirs = await browser.get(
      `/admin/audit?user=${encodeURIComponent(elsewhere.email)}&action=sign_in`,
    );
    expect(actionsOn(theirs.body)).toEqual([]);
    expect(theirs.body).toContain('No events match these filters');
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

describe("an organisation administrator's audit trail", () => {
  it('is its own organisation only', async () => {
    const service = await makeOrganisation(h.services, { kind: 'rj_service' });
    const orgAdmin = await administratorOf(h.services, service);
    const own = await makeUser(h.services, { role: 'practitioner', org: service });
    await new WebClient(h.app).signIn(own.email, own.password);
    const page = await signedIn(orgAdmin);
    const trail = await page.get('/admin/audit?action=sign_in');
    expect(trail.body).toContain(own.email);
    expect(trail.body).not.toContain(elsewhere.email);
    expect(trail.body).not.toContain(admin.email);
    // Events that belong to no organisation are the system administrator's.
    const failures = await page.get('/admin/audit?outcome=failed');
    expect(actionsOn(failures.body)).toEqual([]);
  });
});
