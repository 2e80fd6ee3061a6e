// Administration stays inside each organisation (docs/adr/0014): an organisation administrator
// cannot reach another's people, and a change to an account applies at once. Each refusal is
// proved at the door (pages, services) and again in the database (row-level security). What the
// system administrator and the command line may do is in system-administrator.int.test.ts.
import { beforeAll, describe, expect, it } from 'vitest';
import { withActor } from '../../db/actor-context.js';
import type { Role, UserActor } from '../../domain/roles.js';
import { makeUser } from '../../../test/support/harness.js';
import { expectPage } from '../../../test/support/web-client.js';
import { testbed } from '../../../test/support/testbed.js';
import {
  accountByEmail,
  newPerson,
  twoServices,
  type TwoServices,
} from '../../../test/support/administration.js';

const { h, signedIn } = testbed({ realClock: true });
let { service, serviceAdmin, practitioner, other, otherAdmin } = {} as TwoServices;

beforeAll(async () => {
  ({ service, serviceAdmin, practitioner, other, otherAdmin } = await twoServices(h.services));
});

describe('an organisation administrator', () => {
  it("gets 404 for another organisation's users and every page about them", async () => {
    const browser = await signedIn(otherAdmin);
    const id = practitioner.userId;
    for (const path of [`/admin/users/${id}`, `/admin/organisations/${service.slug}`]) {
      expect({ path, status: (await browser.get(path)).statusCode }).toEqual({ path, status: 404 });
    }
    await browser.get('/admin/users');
    for (const action of ['deactivate', 'reactivate', 'training', 'role', 'password-link']) {
      const response = await browser.post(`/admin/users/${id}/${action}`, {
        role: 'service_manager',
        trained: 'yes',
      });
      expect({ action, status: response.statusCode }).toEqual({ action, status: 404 });
    }
    const list = await browser.get(`/admin/users?org=${service.slug}`);
    expect(list.body).not.toContain(practitioner.email);
    expect(list.body).not.toContain(serviceAdmin.email);
    expect(await accountByEmail(h, practitioner.email)).toMatchObject({
      role: 'practitioner',
      active: true,
    });
    // Their own organisation's people are theirs.
    const own = await makeUser(h.services, { role: 'practitioner', org: other });
    expect((await browser.get(`/admin/users/${own.userId}`)).statusCode).toBe(200);
  });

  it('cannot add a user to another organisation, at the door or in the database', async () => {
    const browser = await signedIn(otherAdmin);
    await browser.get('/admin/users/new');
    const person = newPerson('practitioner', { org: service.slug });
    expect((await browser.post('/admin/users', person)).statusCode).toBe(404);
    await expect(h.services.users.add(otherAdmin, person)).rejects.toMatchObject({
      kind: 'not_found',
    });
    expect(await accountByEmail(h, person.email)).toBeUndefined();

    await expect(
      withActor(h.database.db, otherAdmin, (tx) =>
        tx
          .insertInto('users')
          .values({ org_id: service.id, email: person.email, name: 'X', role: 'practitioner' })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    const seen = await withActor(h.database.db, otherAdmin, (tx) =>
      tx.selectFrom('users').select('id').where('id', '=', practitioner.userId).execute(),
    );
    expect(seen).toEqual([]);
    const changed = await withActor(h.database.db, otherAdmin, (tx) =>
      tx
        .updateTable('users')
        .set({ role: 'org_admin' })
        .where('id', '=', practitioner.userId)
        .executeTakeFirst(),
    );
    expect(changed.numUpdatedRows).toBe(0n);
  });

  it('cannot make anyone, themselves included, a system administrator', async () => {
    await expect(
      h.services.users.add(serviceAdmin, newPerson('system_admin')),
    ).rejects.toMatchObject({ kind: 'validation' });
    /** The person changing their own account in the database, past the service. */
    const ownChange = (person: UserActor, change: { role?: Role; trained_sv_da?: boolean }) =>
      withActor(h.database.db, person, (tx) =>
        tx.updateTable('users').set(change).where('id', '=', person.userId).execute(),
      );
    await expect(ownChange(serviceAdmin, { role: 'system_admin' })).rejects.toThrow(
      /row-level security/,
    );
    // Nor can anyone change their own role in the database.
    await expect(ownChange(practitioner, { role: 'service_manager' })).rejects.toThrow(
      /row-level security|only an administrator/,
    );
    await expect(ownChange(practitioner, { trained_sv_da: true })).rejects.toThrow(
      /only an administrator/,
    );
  });
});

describe('a change to an account', () => {
  it("applies from the person's next request", async () => {
    const person = await makeUser(h.services, { role: 'practitioner', org: service });
    const theirs = await signedIn(person);
    expect((await theirs.get('/referrals')).statusCode).toBe(200);

    const admin = await signedIn(serviceAdmin);
    const page = await admin.get(`/admin/users/${person.userId}`);
    expect(page.body).toContain('data-qa="save-role"');
    const misfit = await admin.post(`/admin/users/${person.userId}/role`, { role: 'commissioner' });
    expectPage(misfit, 400, ['A commissioner must belong to a police and crime commissioner']);
    const changed = await admin.post(`/admin/users/${person.userId}/role`, { role: 'volunteer' });
    expect(changed.headers.location).toBe(`/admin/users/${person.userId}?roleChanged`);

    // Still signed in, now as a volunteer.
    const home = await theirs.get('/');
    expectPage(home, 200, ['The cases you facilitate.']);
    expect((await theirs.get('/referrals')).statusCode).toBe(403);

    const own = await admin.post(`/admin/users/${serviceAdmin.userId}/role`, {
      role: 'practitioner',
    });
    expect(own.statusCode).toBe(409);
  });

  it('deactivating someone ends every session they have at once', async () => {
    const person = await makeUser(h.services, { role: 'practitioner', org: service });
    const laptop = await signedIn(person);
    const phone = await signedIn(person);
    const sessions = () =>
      h.database.withOwner((owner) =>
        owner.query<{ n: number }>('select count(*)::int as n from sessions where user_id = $1', [
          person.userId,
        ]),
      );
    expect((await sessions())[0]!.n).toBe(2);
    const admin = await signedIn(serviceAdmin);
    await admin.get(`/admin/users/${person.userId}`);
    await admin.post(`/admin/users/${person.userId}/deactivate`, {});
    expect((await sessions())[0]!.n).toBe(0);
    for (const browser of [laptop, phone]) {
      const next = await browser.get('/cases');
      expect(next.statusCode).toBe(302);
      expect(next.headers.location).toMatch(/^\/sign-in/);
    }
  });
});
