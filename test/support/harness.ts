// Everything an integration test needs: a fresh database, the real services and web app built
// on it (with a clock the test controls), and factories for the data a test talks about.
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../../src/app.js';
import type { OrganisationKind } from '../../src/domain/organisations.js';
import {
  isAdministratorRole,
  type Actor,
  type Role,
  type SystemActor,
  type UserActor,
} from '../../src/domain/roles.js';
import { createServices, type Services } from '../../src/services.js';
import { memoryTransport, notifier, type Message } from '../../src/platform/notifications.js';
import { FakeClock } from './clock.js';
import { registerClock } from './authenticator.js';
import { createTestDatabase, type TestDatabase } from './database.js';
import type { StatementRecorder } from '../../src/db/statement-recorder.js';

export const TEST_PASSWORD = 'correct horse battery staple';
export const operator: SystemActor = { kind: 'system', orgId: null, name: 'test' };

export interface Harness {
  database: TestDatabase;
  /** Email sent through the notification port. */
  mail: Message[];
  services: Services;
  clock: FakeClock;
  app: FastifyInstance;
  close(): Promise<void>;
}

export async function createHarness(
  options: { clock?: FakeClock; recorder?: StatementRecorder } = {},
): Promise<Harness> {
  const database = await createTestDatabase({ recorder: options.recorder });
  const clock = options.clock ?? new FakeClock();
  const mail = memoryTransport();
  const services = createServices({
    db: database.db,
    clock,
    secret: 'test-secret-0123456789abcdef0123456789',
    notifier: notifier(database.db, mail),
    baseUrl: 'http://waymark.test',
    sharedConnection: database.kind === 'embedded',
    waitingForConnection: database.waiting,
  });
  const app = await buildApp({
    services,
    db: database.db,
    cookieSecret: 'test-cookie-secret-0123456789abcdef0123',
    baseUrl: 'http://waymark.test',
    logLevel: 'silent',
  });
  await app.ready();
  registerClock(app, clock);
  return {
    database,
    mail: mail.sent,
    services,
    clock,
    app,
    async close() {
      await app.close();
      await database.destroy();
    },
  };
}

let sequence = 0;
const unique = () => `${Date.now().toString(36)}${(sequence++).toString(36)}`;

export async function makeOrganisation(
  services: Services,
  traits: { kind?: OrganisationKind; area?: string; name?: string } = {},
) {
  const name = traits.name ?? `Test organisation ${unique()}`;
  const { id, slug } = await services.organisations.add(operator, {
    name,
    kind: traits.kind ?? 'rj_service',
    area: traits.area ?? 'avon-and-somerset',
  });
  return { id, slug, name };
}

/** Each organisation's administrator, made when a test first needs one (per set of services). */
const administrators = new WeakMap<Services, Map<string, UserActor>>();

async function addAccount(
  services: Services,
  addedBy: Actor,
  traits: { role: Role; org: { id: string; slug: string }; email?: string; name?: string },
): Promise<UserActor & { email: string; password: string }> {
  const email = traits.email ?? `${traits.role}.${unique()}@example.org`;
  const name = traits.name ?? `Test ${traits.role}`;
  const { id } = await services.users.add(addedBy, {
    org: traits.org.slug,
    email,
    name,
    role: traits.role,
    password: TEST_PASSWORD,
  });
  return {
    kind: 'user',
    userId: id,
    orgId: traits.org.id,
    role: traits.role,
    name,
    email,
    password: TEST_PASSWORD,
  };
}

/**
 * The organisation's administrator: the first one the operator gave it, as the product does
 * (from outside, the operator may add nobody else).
 */
export async function administratorOf(
  services: Services,
  org: { id: string; slug: string },
): Promise<UserActor & { email: string; password: string }> {
  const known = administrators.get(services) ?? new Map<string, UserActor>();
  administrators.set(services, known);
  const existing = known.get(org.id);
  if (existing) return existing as UserActor & { email: string; password: string };
  const admin = await addAccount(services, operator, {
    role: 'org_admin',
    org,
    name: 'Ola Administrator',
  });
  known.set(org.id, admin);
  return admin;
}

/**
 * A user with a role in an organisation, added the way the product adds people: by the
 * organisation's administrator (an administrator of an organisation that has none yet is its
 * first, added by the operator).
 */
export async function makeUser(
  services: Services,
  traits: { role: Role; org: { id: string; slug: string }; email?: string; name?: string },
): Promise<UserActor & { email: string; password: string }> {
  const known = administrators.get(services)?.get(traits.org.id);
  if (isAdministratorRole(traits.role) && !known) {
    const first = await addAccount(services, operator, traits);
    administrators.set(
      services,
      (administrators.get(services) ?? new Map<string, UserActor>()).set(traits.org.id, first),
    );
    return first;
  }
  return addAccount(services, known ?? (await administratorOf(services, traits.org)), traits);
}

/** An API token for an organisation's system, issued by its administrator. */
export async function issueToken(
  services: Services,
  org: { id: string; slug: string },
  name?: string,
) {
  return services.apiTokens.issue(await administratorOf(services, org), { name });
}

/** An organisation of a kind the role fits, and a user with that role in it. */
export async function makeUserWithRole(services: Services, role: Role) {
  const kind: OrganisationKind =
    role === 'commissioner'
      ? 'pcc_office'
      : role === 'referrer'
        ? 'police'
        : role === 'national_analyst' || isAdministratorRole(role)
          ? 'other'
          : 'rj_service';
  const org = await makeOrganisation(services, { kind });
  return makeUser(services, { role, org });
}
