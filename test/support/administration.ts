// What the administration tests share: two RJ services, each with its administrator (as the
// operator gives them), a practitioner in the first; a person to add, and their account as stored.
import type { Services } from '../../src/services.js';
import { administratorOf, makeOrganisation, makeUser, type Harness } from './harness.js';
import type { WebClient } from './web-client.js';

/** Eastmoor RJ (with an administrator and a practitioner) and Westfell RJ (with its own). */
export async function twoServices(services: Services) {
  const service = await makeOrganisation(services, { kind: 'rj_service', name: 'Eastmoor RJ' });
  const serviceAdmin = await administratorOf(services, service);
  const practitioner = await makeUser(services, { role: 'practitioner', org: service });
  const other = await makeOrganisation(services, { kind: 'rj_service', name: 'Westfell RJ' });
  const otherAdmin = await administratorOf(services, other);
  return { service, serviceAdmin, practitioner, other, otherAdmin };
}
export type TwoServices = Awaited<ReturnType<typeof twoServices>>;

let added = 0;

/** The fields of the Add a user form for a new person with a role (an email not used before). */
export const newPerson = (role: string, extra: Record<string, string> = {}) => ({
  name: `New ${role}`,
  email: `${role}.${Date.now().toString(36)}.${(added++).toString(36)}@example.org`,
  role,
  ...extra,
});

/** The account stored for an email, if any (as the database owner sees it). */
export async function accountByEmail(h: Harness, email: string) {
  const rows = await h.database.withOwner((owner) =>
    owner.query<{ id: string; role: string; active: boolean }>(
      'select id, role, active from users where lower(email) = lower($1)',
      [email],
    ),
  );
  return rows[0];
}

/** The Add an organisation form, opened and sent with the fields given. */
export async function addOrganisation(browser: WebClient, fields: Record<string, string>) {
  await browser.get('/admin/organisations/new');
  return browser.post('/admin/organisations', fields);
}
