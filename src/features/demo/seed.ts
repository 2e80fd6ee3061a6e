// Demo data for looking around: organisations of every kind in one area, and one user per
// role. Loading again is safe: what exists is kept, and demo users get fresh passwords, which
// are printed (there are no built-in passwords, even for demo accounts).
import type { Database } from '../../db/connect.js';
import type { OrganisationKind } from '../../domain/organisations.js';
import {
  isAdministratorRole,
  type Role,
  type SystemActor,
  type UserActor,
} from '../../domain/roles.js';
import { auditOrigin } from '../../platform/audit.js';
import { hashPassword } from '../../platform/passwords.js';
import { generatePassword } from '../../platform/secure-tokens.js';
import { newTotpSecret } from '../../platform/totp.js';
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

// Each organisation's administrator comes first: the demo loader, like the command line, acts
// from outside every organisation and may only give each its first administrator, who then adds
// the organisation's other people (docs/adr/0014).
export const DEMO_USERS: { role: Role; name: string; email: string; org: string }[] = [
  { role: 'system_admin', name: 'Alex Admin', email: 'admin@demo.example.org', org: 'demo-admin' },
  {
    role: 'org_admin',
    name: 'Olu Administrator',
    email: 'hub-admin@demo.example.org',
    org: 'demo-rj-hub',
  },
  {
    role: 'org_admin',
    name: 'Petra Administrator',
    email: 'police-admin@demo.example.org',
    org: 'demo-police',
  },
  {
    role: 'org_admin',
    name: 'Cass Administrator',
    email: 'pcc-admin@demo.example.org',
    org: 'demo-pcc',
  },
  {
    role: 'org_admin',
    name: 'Noor Administrator',
    email: 'national-admin@demo.example.org',
    org: 'demo-national',
  },
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
];

export interface DemoCredential {
  role: Role;
  name: string;
  email: string;
  password: string;
  /**
   * The authenticator key every demo account is set up with (new each load, like the
   * passwords): added once to an authenticator app, it gives the code for any demo account.
   */
  authenticatorKey: string;
}

const demoActor: SystemActor = { kind: 'system', orgId: null, name: 'demo loader' };

/** A demo account by email, read as the owner (accounts are hidden from the loader otherwise). */
async function demoAccount(database: Database, email: string): Promise<UserActor | undefined> {
  const [row] = await database.withOwner((owner) =>
    owner.query<{ id: string; org_id: string; role: Role; name: string }>(
      'select id, org_id, role, name from users where lower(email) = lower($1)',
      [email],
    ),
  );
  return row && { kind: 'user', userId: row.id, orgId: row.org_id, role: row.role, name: row.name };
}

/**
 * Demo passwords are new each time demo data is loaded. Nobody may set another person's
 * password, so this runs as the database owner, like the loading of reference data, and is
 * written to the account's organisation's audit trail.
 */
async function resetDemoPassword(database: Database, account: UserActor, password: string) {
  const hash = await hashPassword(password);
  await database.withOwner(async (owner) => {
    await owner.query('update users set password_hash = $1, active = true where id = $2', [
      hash,
      account.userId,
    ]);
    // Complete like every event (audit_events_complete): the command's request id and address.
    const origin = auditOrigin(demoActor);
    await owner.query(
      `insert into audit_events (org_id, action, entity_type, entity_id, details, request_id, address)
       values ($1, 'user.password_set', 'user', $2, $3, $4, $5)`,
      [
        account.orgId,
        account.userId,
        JSON.stringify({ via: demoActor.name }),
        origin.requestId,
        origin.address,
      ],
    );
  });
}

export async function loadDemo({
  database,
  services,
}: {
  database: Database;
  services: Services;
}): Promise<DemoCredential[]> {
  const db = database.db;
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
  // One authenticator key for every demo account, so a person trying Waymark adds it to their
  // app once and can sign in as each role (real accounts each set up their own at first sign-in).
  const authenticatorKey = newTotpSecret();
  const actorFor = async (email: string) => (await demoAccount(database, email))!;
  for (const user of DEMO_USERS) {
    const password = generatePassword();
    const existing = await demoAccount(database, user.email);
    if (existing) {
      await resetDemoPassword(database, existing, password);
    } else {
      const administrator = DEMO_USERS.find(
        (u) => u.org === user.org && isAdministratorRole(u.role),
      )!;
      const addedBy = administrator === user ? demoActor : await actorFor(administrator.email);
      await services.users.add(addedBy, { ...user, password });
    }
    const account = (await demoAccount(database, user.email))!;
    await services.secondFactor.enrolDemoAccount(account.userId, authenticatorKey);
    credentials.push({
      role: user.role,
      name: user.name,
      email: user.email,
      password,
      authenticatorKey,
    });
  }
  const practitioner = await actorFor('practitioner@demo.example.org');
  await loadDemoReferrals({
    db,
    services,
    staff: practitioner,
    referrer: await actorFor('referrer@demo.example.org'),
  });
  const staff = {
    practitioner,
    manager: await actorFor('manager@demo.example.org'),
    volunteer: await actorFor('volunteer@demo.example.org'),
  };
  // The demo manager is trained for sexual violence and domestic abuse cases.
  await services.users.setTrainedSvDa(
    await actorFor('hub-admin@demo.example.org'),
    staff.manager.userId,
    true,
  );
  const today = londonDate(services.clock.now());
  const loaded = await loadDemoCases(db, staff, services.clock.now());
  await markDemoConsent(db, practitioner);
  // Once, with the first load: a second service in the area, and what reports count beyond
  // the case journey, so the commissioner's view has figures.
  if (loaded > 0) {
    const second = await loadSecondService(services, today);
    await loadDemoCases(db, second, services.clock.now());
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
