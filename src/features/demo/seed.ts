// Demo data for looking around: organisations of every kind in one area, and one user per
// role. Loading again is safe: what exists is kept, and demo users get fresh passwords, which
// are printed (there are no built-in passwords, even for demo accounts).
import type { Kysely } from 'kysely';
import type { DB } from '../../db/schema.js';
import type { OrganisationKind } from '../../domain/organisations.js';
import type { Role, SystemActor, UserActor } from '../../domain/roles.js';
import { withActor } from '../../db/actor-context.js';
import { recordAudit } from '../../platform/audit.js';
import { hashPassword } from '../../platform/passwords.js';
import { generatePassword } from '../../platform/secure-tokens.js';
import type { Services } from '../../services.js';
import { loadDemoReferrals } from './referrals.js';
import { loadDemoCases, markDemoConsent } from './cases.js';
import { loadDemoNational } from './national.js';
import { londonDate } from '../../platform/format.js';
import { loadDemoFigures, loadSecondService, SECOND_SERVICE } from './figures.js';

export const DEMO_AREA = 'avon-and-somerset';

export const DEMO_ORGANISATIONS: {
  slug: string;
  name: string;
  kind: OrganisationKind;
  area: string | null;
}[] = [
  {
    slug: 'demo-rj-hub',
    name: 'Severnside Restorative Justice Hub (demo)',
    kind: 'rj_service',
    area: DEMO_AREA,
  },
  { ...SECOND_SERVICE, kind: 'rj_service', area: DEMO_AREA },
  {
    slug: 'demo-pcc',
    name: 'Office of the Police and Crime Commissioner (demo)',
    kind: 'pcc_office',
    area: DEMO_AREA,
  },
  { slug: 'demo-police', name: 'Severnside Police (demo)', kind: 'police', area: DEMO_AREA },
  { slug: 'demo-prison', name: 'HMP Severnside (demo)', kind: 'prison', area: DEMO_AREA },
  {
    slug: 'demo-probation',
    name: 'Probation Service Severnside (demo)',
    kind: 'probation',
    area: DEMO_AREA,
  },
  {
    slug: 'demo-yot',
    name: 'Severnside Youth Justice Service (demo)',
    kind: 'youth_offending',
    area: DEMO_AREA,
  },
  {
    slug: 'demo-court',
    name: 'Severnside Magistrates Court (demo)',
    kind: 'court',
    area: DEMO_AREA,
  },
  { slug: 'demo-school', name: 'Riverside Academy (demo)', kind: 'school', area: DEMO_AREA },
  { slug: 'demo-housing', name: 'Severnside Homes (demo)', kind: 'housing', area: DEMO_AREA },
  {
    slug: 'demo-health',
    name: 'Severnside Community Mental Health (demo)',
    kind: 'health',
    area: DEMO_AREA,
  },
  {
    slug: 'demo-victim-service',
    name: 'Severnside Victim Care (demo)',
    kind: 'victim_service',
    area: DEMO_AREA,
  },
  { slug: 'demo-national', name: 'National RJ analysis unit (demo)', kind: 'other', area: null },
  { slug: 'demo-admin', name: 'Waymark administration (demo)', kind: 'other', area: null },
];

export const DEMO_USERS: { role: Role; name: string; email: string; org: string }[] = [
  {
    role: 'practitioner',
    name: 'Priya Practitioner',
    email: 'practitioner@demo.example.org',
    org: 'demo-rj-hub',
  },
  {
    role: 'volunteer',
    name: 'Vic Volunteer',
    email: 'volunteer@demo.example.org',
    org: 'demo-rj-hub',
  },
  {
    role: 'service_manager',
    name: 'Sam Manager',
    email: 'manager@demo.example.org',
    org: 'demo-rj-hub',
  },
  {
    role: 'referrer',
    name: 'Rowan Referrer',
    email: 'referrer@demo.example.org',
    org: 'demo-police',
  },
  {
    role: 'commissioner',
    name: 'Chris Commissioner',
    email: 'commissioner@demo.example.org',
    org: 'demo-pcc',
  },
  {
    role: 'national_analyst',
    name: 'Nat Analyst',
    email: 'analyst@demo.example.org',
    org: 'demo-national',
  },
  { role: 'admin', name: 'Alex Admin', email: 'admin@demo.example.org', org: 'demo-admin' },
];

export interface DemoCredential {
  role: Role;
  name: string;
  email: string;
  password: string;
}

const demoActor: SystemActor = { kind: 'system', orgId: null, name: 'demo loader' };

export async function loadDemo({
  db,
  services,
}: {
  db: Kysely<DB>;
  services: Services;
}): Promise<DemoCredential[]> {
  for (const organisation of DEMO_ORGANISATIONS) {
    const exists = await db
      .selectFrom('organisations')
      .select('id')
      .where('slug', '=', organisation.slug)
      .executeTakeFirst();
    if (!exists) {
      await services.organisations.add(demoActor, {
        ...organisation,
        area: organisation.area ?? undefined,
      });
    }
  }
  const credentials: DemoCredential[] = [];
  for (const user of DEMO_USERS) {
    const password = generatePassword();
    const existing = await db
      .selectFrom('users')
      .select('id')
      .where((eb) => eb(eb.fn('lower', ['email']), '=', user.email))
      .executeTakeFirst();
    if (existing) {
      const hash = await hashPassword(password);
      await withActor(db, demoActor, async (tx) => {
        await tx
          .updateTable('users')
          .set({ password_hash: hash, active: true })
          .where('id', '=', existing.id)
          .execute();
        await recordAudit(tx, demoActor, {
          action: 'user.password_set',
          entityType: 'user',
          entityId: existing.id,
        });
      });
    } else {
      await services.users.add(demoActor, { ...user, password });
    }
    credentials.push({ role: user.role, name: user.name, email: user.email, password });
  }
  const actorFor = async (email: string): Promise<UserActor> => {
    const row = await db
      .selectFrom('users')
      .select(['id', 'org_id', 'role', 'name'])
      .where('email', '=', email)
      .executeTakeFirstOrThrow();
    return {
      kind: 'user',
      userId: row.id,
      orgId: row.org_id,
      role: row.role as Role,
      name: row.name,
    };
  };
  const practitioner = await actorFor('practitioner@demo.example.org');
  await loadDemoReferrals({
    db,
    services,
    staff: practitioner,
    referrer: await actorFor('referrer@demo.example.org'),
  });
  // The demo manager is trained for sexual violence and domestic abuse cases.
  await withActor(db, demoActor, (tx) =>
    tx
      .updateTable('users')
      .set({ trained_sv_da: true })
      .where('email', '=', 'manager@demo.example.org')
      .execute(),
  );
  const staff = {
    practitioner,
    manager: await actorFor('manager@demo.example.org'),
    volunteer: await actorFor('volunteer@demo.example.org'),
  };
  const today = londonDate(services.clock.now());
  const loaded = await loadDemoCases(db, staff, today);
  await markDemoConsent(db, practitioner);
  // Once, with the first load: a second service in the area, and what reports count beyond
  // the case journey, so the commissioner's view has figures.
  if (loaded > 0) {
    const second = await loadSecondService(services, today);
    await loadDemoCases(db, second, today);
    await markDemoConsent(db, second.practitioner);
    await loadDemoFigures({
      db,
      services,
      today,
      teams: [
        { staff: practitioner, spendPounds: 85_000 },
        { staff: second.practitioner, spendPounds: 32_000 },
      ],
      commissioner: await actorFor('commissioner@demo.example.org'),
    });
  }
  await loadDemoNational(services, londonDate(services.clock.now()));
  return credentials;
}
