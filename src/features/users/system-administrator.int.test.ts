// The system administrator and the command line stay outside each organisation (docs/adr/0014):
// they can give an organisation only its first administrator, cannot see or change a service's
// people, and what they do is shown to the organisation's managers. Each refusal is proved at
// the door (pages, services) and again in the database (row-level security).
import { beforeAll, describe, expect, it } from 'vitest';
import { withActor } from '../../db/actor-context.js';
import type { UserActor } from '../../domain/roles.js';
import { makeOrganisation, makeUserWithRole, operator } from '../../../test/support/harness.js';
import { WebClient, expectPage } from '../../../test/support/web-client.js';
import { testbed } from '../../../test/support/testbed.js';
import {
  accountByEmail,
  newPerson,
  twoServices,
  type TwoServices,
} from '../../../test/support/administration.js';

type Person = UserActor & { email: string; password: string };

const { h, signedIn } = testbed({ realClock: true });
let { service, serviceAdmin, practitioner } = {} as TwoServices;
let system: Person;

beforeAll(async () => {
  // Both services already have their administrator.
  ({ service, serviceAdmin, practitioner } = await twoServices(h.services));
  system = await makeUserWithRole(h.services, 'system_admin');
});

describe('the system administrator', () => {
  it('cannot add a case-working user to an existing service', async () => {
    const browser = await signedIn(system);
    await browser.get('/admin/users/new');
    for (const role of ['practitioner', 'volunteer', 'service_manager']) {
      const person = newPerson(role, { org: service.slug });
      const refused = await browser.post('/admin/users', person);
      expect(refused.statusCode).toBe(400);
      expect(refused.body).toContain(
        'You can add only an organisation administrator to an organisation you do not belong to',
      );
      expect(await accountByEmail(h, person.email)).toBeUndefined();
    }
    const second = await browser.post(
      '/admin/users',
      newPerson('org_admin', { org: service.slug }),
    );
    expectPage(second, 400, ['This organisation already has an administrator']);

    await expect(
      withActor(h.database.db, system, (tx) =>
        tx
          .insertInto('users')
          .values({
            org_id: service.id,
            email: 'slip@example.org',
            name: 'X',
            role: 'practitioner',
          })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it('cannot see, change or sign in as the people of a service it does not belong to', async () => {
    const browser = await signedIn(system);
    await browser.get('/admin/users');
    expect((await browser.get(`/admin/users/${practitioner.userId}`)).statusCode).toBe(404);
    expect(
      (await browser.post(`/admin/users/${practitioner.userId}/password-link`)).statusCode,
    ).toBe(404);
    expect((await browser.post(`/admin/users/${practitioner.userId}/deactivate`)).statusCode).toBe(
      404,
    );
    // Its administrators it may see, but not take over: a link would let it sign in as them.
    expect((await browser.get(`/admin/users/${serviceAdmin.userId}`)).statusCode).toBe(200);
    expect(
      (await browser.post(`/admin/users/${serviceAdmin.userId}/password-link`)).statusCode,
    ).toBe(403);
    await expect(
      withActor(h.database.db, system, (tx) =>
        tx
          .insertInto('password_tokens')
          .values({
            token_hash: 'f'.repeat(64),
            user_id: practitioner.userId,
            created_at: new Date(),
            expires_at: new Date(Date.now() + 3_600_000),
          })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
  });

  it("gives a new organisation its first administrator, and the organisation's managers see who did", async () => {
    const browser = await signedIn(system);
    await browser.get('/admin/organisations/new');
    const added = await browser.post('/admin/organisations', {
      name: 'Northfield RJ',
      kind: 'rj_service',
      area: 'cleveland',
    });
    const orgPage = await browser.get(added.headers.location as string);
    expect(orgPage.body).toContain('Add its first administrator');
    await browser.get('/admin/users/new?org=northfield-rj');
    const first = await browser.post('/admin/users', {
      name: 'Fola First',
      email: 'fola@example.org',
      org: 'northfield-rj',
      role: 'org_admin',
    });
    expect(first.statusCode).toBe(201);
    const link = new URL(/data-qa="password-link">([^<]+)</.exec(first.body)![1]!).pathname;
    expect((await browser.get('/admin/organisations/northfield-rj')).body).not.toContain(
      'Add its first administrator',
    );

    const fola = new WebClient(h.app);
    await fola.submitForm(link, {
      password: 'lantern quay meadow',
      confirmPassword: 'lantern quay meadow',
    });
    await fola.signIn('fola@example.org', 'lantern quay meadow');
    await fola.get('/admin/users/new');
    const manager = await fola.post('/admin/users', {
      name: 'Mo Manager',
      email: 'mo@example.org',
      role: 'service_manager',
    });
    expect(manager.statusCode).toBe(201);
    const moLink = new URL(/data-qa="password-link">([^<]+)</.exec(manager.body)![1]!).pathname;
    const mo = new WebClient(h.app);
    await mo.submitForm(moLink, {
      password: 'pebble orchard violin',
      confirmPassword: 'pebble orchard violin',
    });
    await mo.signIn('mo@example.org', 'pebble orchard violin');

    const home = await mo.get('/');
    expect(home.body).toMatch(
      /waymark-card__count">1<\/span>\s*staff changes made from outside your organisation/,
    );
    const changes = await mo.get('/staff-changes?outside=yes');
    expect(changes.statusCode).toBe(200);
    const rows = changes.body.split('data-qa="staff-change"').slice(1);
    expect(rows).toHaveLength(1);
    expect(rows[0]).toContain('Fola First');
    expect(rows[0]).toContain('Added as Organisation administrator');
    expect(rows[0]).toContain(system.name);
    expect(rows[0]).toContain('From outside your organisation');
    const all = await mo.get('/staff-changes');
    expect(all.body).toContain('Added as Service manager');
    expect(all.body.split('data-qa="from-outside"')).toHaveLength(2);
  });

  it('has the command line shown as such in the trail of the organisation it added to', async () => {
    const police = await makeOrganisation(h.services, { kind: 'police', name: 'Fellside Police' });
    const { id } = await h.services.users.add(operator, {
      org: police.slug,
      name: 'Cai Cli',
      email: 'cai@example.org',
      role: 'org_admin',
      password: 'harbour quartz thistle',
    });
    const cai = { email: 'cai@example.org', password: 'harbour quartz thistle' };
    const page = await (await signedIn(cai)).get('/staff-changes');
    expect(page.body).toContain('From the test');
    expect(page.body).toContain('From outside your organisation');
    const trail = await h.database.withOwner((owner) =>
      owner.query<{ org_id: string | null; details: Record<string, unknown> }>(
        `select org_id, details from audit_events where action = 'user.created' and entity_id = $1
         order by id`,
        [id],
      ),
    );
    expect(trail.map((event) => event.org_id)).toEqual([null, police.id]);
    expect(trail[1]!.details).toMatchObject({ from_outside: true, via: 'test' });
  });
});
