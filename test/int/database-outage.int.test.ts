// With the database unreachable, pages answer a GOV.UK "service unavailable" page (503) and the
// API a 503, nothing is half written, and Waymark recovers by itself when the database is back.
// A PostgreSQL server of the test's own is stopped and started (never the shared one).
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../src/app.js';
import { connectDatabase, type Database } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { verifyAuditChains } from '../../src/features/audit-integrity/index.js';
import { memoryTransport, notifier } from '../../src/platform/notifications.js';
import { createServices, type Services } from '../../src/services.js';
import { testBackend } from '../support/backend.js';
import { FakeClock } from '../support/clock.js';
import { issueToken, makeOrganisation, makeUser } from '../support/harness.js';
import { startThrowawayPostgres, type ThrowawayPostgres } from '../support/throwaway-postgres.js';
import { WebClient } from '../support/web-client.js';
import { registerClock } from '../support/authenticator.js';

let server: ThrowawayPostgres;
let database: Database;
let services: Services;
let app: FastifyInstance;
let token: string;
let browser: WebClient;
let serviceSlug: string;
let sent = 0;

function referral() {
  sent += 1;
  return {
    service: serviceSlug,
    initiated_by: 'agency',
    received_on: '2026-11-02',
    offence_group: 'theft-offences',
    cjs_stage: 'out_of_court',
    crime_reference: `OUT/${sent}`,
    victim_surname: `Victim${sent}`,
    offender_surname: `Offender${sent}`,
  };
}

async function post() {
  const response = await app.inject({
    method: 'POST',
    url: '/api/v1/referrals',
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: JSON.stringify(referral()),
  });
  return {
    status: response.statusCode,
    id: response.statusCode === 201 ? (response.json().id as string) : undefined,
    body: response.body,
  };
}

async function until<T>(what: string, attempt: () => Promise<T | undefined>): Promise<T> {
  // Generous: the server restarts and the pool reconnects on a loaded machine in its own time.
  const deadline = Date.now() + 120_000;
  for (;;) {
    const result = await attempt();
    if (result !== undefined) return result;
    if (Date.now() > deadline) throw new Error(`gave up waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}

describe.skipIf(testBackend().kind !== 'postgres')('the database going away', () => {
  beforeAll(async () => {
    server = await startThrowawayPostgres();
    database = await connectDatabase({ kind: 'server', url: server.url, poolSize: 4 });
    await migrate(database);
    const clock = new FakeClock('2026-11-20T10:00:00Z');
    services = createServices({
      db: database.db,
      clock,
      secret: 'test-secret-0123456789abcdef0123456789',
      notifier: notifier(database.db, memoryTransport()),
      baseUrl: 'http://waymark.test',
    });
    app = await buildApp({
      services,
      db: database.db,
      cookieSecret: 'test-cookie-secret-0123456789abcdef0123',
      baseUrl: 'http://waymark.test',
      logLevel: 'silent',
    });
    await app.ready();
    registerClock(app, clock);
    const service = await makeOrganisation(services, { kind: 'rj_service' });
    serviceSlug = service.slug;
    const police = await makeOrganisation(services, { kind: 'police' });
    token = (await issueToken(services, police)).token;
    const practitioner = await makeUser(services, { role: 'practitioner', org: service });
    browser = new WebClient(app);
    await browser.signIn(practitioner.email, practitioner.password);
  }, 180_000);
  afterAll(async () => {
    await app?.close();
    await database?.close();
    await server?.destroy();
  });

  it('answers 503 while it is down, writes nothing half, and recovers by itself', async () => {
    // Four writers keep sending referrals throughout: before, during and after the outage, so
    // some transactions are cut off half way when the server stops.
    const acknowledged: string[] = [];
    const statuses = new Map<number, number>();
    let writing = true;
    const writers = [1, 2, 3, 4].map(async () => {
      while (writing) {
        const result = await post();
        statuses.set(result.status, (statuses.get(result.status) ?? 0) + 1);
        if (result.status === 201) acknowledged.push(result.id!);
        else expect(result.status).toBe(503);
        if (result.status === 503) await new Promise((resolve) => setTimeout(resolve, 50));
      }
    });
    await until('writes to be acknowledged', async () =>
      acknowledged.length >= 20 ? true : undefined,
    );
    expect((await browser.get('/')).statusCode).toBe(200);

    await server.stop();

    const page = await browser.get('/');
    expect(page.statusCode).toBe(503);
    expect(page.body).toContain('Sorry, the service is unavailable');
    expect(page.headers['retry-after']).toBe('30');
    const during = await post();
    expect(during.status).toBe(503);
    expect(JSON.parse(during.body)).toMatchObject({ error: { code: 'service_unavailable' } });
    const health = await app.inject({ method: 'GET', url: '/health' });
    expect(health.statusCode).toBe(503);
    const beforeRestart = acknowledged.length;

    await server.start();

    await until('writes to succeed again', async () =>
      acknowledged.length >= beforeRestart + 10 ? true : undefined,
    );
    writing = false;
    await Promise.all(writers);
    expect((await browser.get('/')).statusCode).toBe(200);
    expect(statuses.get(503)).toBeGreaterThan(0);

    const rows = await database.withOwner((owner) =>
      owner.query<{ id: string; parties: number; audited: number }>(
        `select r.id,
           (select count(*)::int from referral_parties p where p.referral_id = r.id) as parties,
           (select count(*)::int from audit_events e
             where e.action = 'referral.created' and e.entity_id = r.id::text) as audited
         from referrals r`,
      ),
    );
    const stored = new Map(rows.map((r) => [r.id, r]));
    for (const id of acknowledged) expect(stored.has(id)).toBe(true);
    // Whatever is stored is whole: both parties and its audit event, never part of it.
    for (const row of rows) expect(row).toMatchObject({ parties: 2, audited: 1 });
    // A commit the server made just as it stopped may not have reached the writer: such a
    // referral is stored whole without its 201, never half.
    expect(rows.length).toBeGreaterThanOrEqual(acknowledged.length);
    expect((await verifyAuditChains(database)).ok).toBe(true);
  });
});
