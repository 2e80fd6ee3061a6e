// The demo data gives every role something to look at; here, the commissioner: two services in
// the demo area with a year of figures, spend entered, and testimonials to share.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/support/harness.js';
import { fileTables } from '../../../test/support/report-files.js';
import { loadDemo, type DemoCredential } from './seed.js';
import { rememberSecret } from '../../../test/support/authenticator.js';
import { WebClient } from '../../../test/support/web-client.js';
import type { Role, UserActor } from '../../domain/roles.js';

let h: Harness;
let credentials: DemoCredential[];
beforeAll(async () => {
  h = await createHarness();
  h.clock.set('2026-11-20T10:00:00Z');
  credentials = await loadDemo({ database: h.database, services: h.services });
  // A year of two services' cases and the national returns: minutes on a busy machine.
}, 900_000);
afterAll(() => h.close());

async function actor(email: string): Promise<UserActor> {
  const [row] = await h.database.withOwner((owner) =>
    owner.query<{ id: string; org_id: string; role: Role; name: string }>(
      'select id, org_id, role, name from users where email = $1',
      [email],
    ),
  );
  return { kind: 'user', userId: row!.id, orgId: row!.org_id, role: row!.role, name: row!.name };
}

describe('the demo accounts', () => {
  it('sign in with the printed password and a code from the one printed authenticator key', async () => {
    const keys = new Set(credentials.map((c) => c.authenticatorKey));
    expect(keys.size).toBe(1);
    for (const person of credentials.filter((c) =>
      ['practitioner', 'commissioner'].includes(c.role),
    )) {
      rememberSecret(person.email, person.authenticatorKey);
      const signedIn = await new WebClient(h.app).signIn(person.email, person.password);
      expect(signedIn.headers.location, person.role).toBe('/');
    }
  });
});

describe('the demo data, for the commissioner', () => {
  it('has two services with a year of figures, spend and testimonials', async () => {
    const commissioner = await actor('commissioner@demo.example.org');
    const report = await h.services.reports.areaReport(commissioner, 'avon-and-somerset', {});
    expect(report.services.map((s) => s.name)).toEqual([
      'Mendip Mediation and Restorative Justice (demo)',
      'Severnside Restorative Justice Hub (demo)',
    ]);
    const tables = fileTables(report);
    const received = tables.get('referrals-by-source')!.find((r) => r[0] === 'Referrals received')!;
    expect(received[3]).toBeGreaterThan(100);
    const spend = tables
      .get('value-for-money')!
      .find((r) => r[0] === 'Spend on restorative justice (£)')!;
    expect(spend.slice(1)).toEqual([32000, 85000, 117000]);
    const held = tables.get('interventions-by-kind')!.find((r) => r[0] === 'Interventions held')!;
    expect(held[3]).toBeGreaterThan(10);
    const satisfied = tables.get('satisfaction-harmed')!.find((r) => r[0] === 'Satisfied overall');
    expect(satisfied?.[2]).toBeGreaterThan(5);
    expect(report.sections.find((s) => s.id === 'outcomes')!.testimonials!.length).toBeGreaterThan(
      0,
    );
    expect(await h.services.aggregates.differences()).toEqual([]);
  });

  it("keeps to the journey: no one who said yes waits in the Victims' Code queue, no case opened or contact made after now", async () => {
    const count = async (query: string) => {
      const [row] = await h.database.withOwner((owner) =>
        owner.query<{ n: number }>(`select count(*)::int as n from ${query}`),
      );
      return row!.n;
    };
    expect(await count(`cases where victims_code_pending and stage <> 'closed'`)).toBeGreaterThan(
      0,
    );
    expect(
      await count(`cases c where c.victims_code_pending and exists (
        select 1 from case_offers o join case_participants p on p.id = o.participant_id
        where o.case_id = c.id and p.role = 'harmed' and o.answer = 'yes')`),
    ).toBe(0);
    const now = `timestamptz '2026-11-20T10:00:00Z'`;
    expect(await count(`cases where created_at > ${now}`)).toBe(0);
    expect(
      await count(`cases where closed_on < (created_at at time zone 'Europe/London')::date`),
    ).toBe(0);
    expect(await count(`case_contacts where contacted_at > ${now}`)).toBe(0);
    // The referrer sees when people were last told how it is going, and when the referral came.
    expect(await count(`referrals where last_update_on is not null`)).toBeGreaterThan(0);
    expect(
      await count(`referrals r where r.created_at > ${now}
        and exists (select 1 from cases c where c.referral_id = r.id)`),
    ).toBe(0);
  });

  it('loads again without adding to it, with new passwords and a new authenticator key', async () => {
    const before = await h.database.withOwner((owner) =>
      owner.query<{ n: number }>('select count(*)::int as n from referrals'),
    );
    const again = await loadDemo({ database: h.database, services: h.services });
    const after = await h.database.withOwner((owner) =>
      owner.query<{ n: number }>('select count(*)::int as n from referrals'),
    );
    expect(after).toEqual(before);
    expect(again.map((c) => c.email)).toEqual(credentials.map((c) => c.email));
    for (const [i, credential] of again.entries()) {
      expect(credential.password).not.toBe(credentials[i]!.password);
      expect(credential.authenticatorKey).not.toBe(credentials[i]!.authenticatorKey);
    }
    // The first load's password no longer signs in.
    const first = credentials.find((c) => c.role === 'practitioner')!;
    const refused = await new WebClient(h.app).signIn(first.email, first.password);
    expect(refused.statusCode).toBe(401);
    expect(refused.body).toContain('Enter a correct email address and password');
  }, 900_000);
});
