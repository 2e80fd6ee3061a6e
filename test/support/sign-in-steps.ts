// Steps the second factor's tests share: the password alone (to the code page), a person's
// sign-in details, and the audit trail of their sign-ins and second factor.
import type { Harness } from './harness.js';
import type { WebClient } from './web-client.js';

/** The password given, at the code page: the response that leads there. */
export async function passwordOnly(
  browser: WebClient,
  person: { email: string; password: string },
) {
  await browser.get('/sign-in');
  return browser.post('/sign-in', { email: person.email, password: person.password });
}

export const credentials = (person: { email: string; password: string }) =>
  [person.email, person.password] as const;

/** What the audit trail says of a person's sign-ins, second factor and re-authentication. */
export async function auditActions(h: Harness, userId: string): Promise<string[]> {
  const rows = await h.database.withOwner((o) =>
    o.query<{ action: string }>(
      `select action from audit_events where entity_id = $1 and action like any (array['second_factor.%', 'sign_in.%', 'reauthentication.%']) order by id`,
      [userId],
    ),
  );
  return rows.map((r) => r.action);
}
