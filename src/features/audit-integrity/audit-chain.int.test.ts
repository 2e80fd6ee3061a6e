// The audit trail is append-only for the application and tamper-evident for everyone: the chain
// verifies on untouched data and names the first row that was changed, deleted or slipped in.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHarness,
  makeOrganisation,
  makeUserWithRole,
  type Harness,
} from '../../../test/support/harness.js';
import { WebClient } from '../../../test/support/web-client.js';
import { withActor } from '../../db/actor-context.js';
import { recordAudit } from '../../platform/audit.js';
import { verifyAuditChains } from './verify.js';

let h: Harness;
let orgId: string;

beforeAll(async () => {
  h = await createHarness();
  const org = await makeOrganisation(h.services);
  orgId = org.id;
  const practitioner = await makeUserWithRole(h.services, 'practitioner');
  await new WebClient(h.app, '198.51.100.7').signIn(practitioner.email, 'not the password');
  await new WebClient(h.app, '198.51.100.7').signIn(practitioner.email, practitioner.password);
  for (let i = 0; i < 5; i++) {
    await withActor(h.database.db, { kind: 'system', orgId, name: 'test' }, (tx) =>
      recordAudit(tx, { kind: 'system', orgId, name: 'test' }, { action: `test.event_${i}` }),
    );
  }
  // Text the two hash implementations must encode alike: multi-byte characters, quotes, JSON.
  await withActor(h.database.db, { kind: 'system', orgId, name: 'test' }, (tx) =>
    recordAudit(
      tx,
      { kind: 'system', orgId, name: 'test' },
      {
        action: 'test.unicode',
        entityId: 'Siân "Ó Ríordáin" 😀',
        details: { zeta: 1, a: ['x', null, 2.5], nested: { 'k"ey': 'v\n' } },
      },
    ),
  );
});
afterAll(() => h.close());

const owner = <R>(text: string, params: unknown[] = []) =>
  h.database.withOwner((o) => o.query<R>(text, params));

/** Runs `tamper` as the owner with the append-only trigger off, then checks, then undoes it. */
async function withTampering(tamper: string, undo: string) {
  await h.database.withOwner((o) =>
    o.script(`alter table audit_events disable trigger audit_events_immutable; ${tamper}`),
  );
  try {
    return await verifyAuditChains(h.database);
  } finally {
    await h.database.withOwner((o) =>
      o.script(`${undo}; alter table audit_events enable trigger audit_events_immutable`),
    );
  }
}

async function orgEvents() {
  return owner<{ id: number; chain_seq: number; action: string; hash: string }>(
    'select id, chain_seq, action, hash from audit_events where org_id = $1 order by chain_seq',
    [orgId],
  );
}

describe('the audit hash chain', () => {
  it('verifies on untouched data, one chain per organisation', async () => {
    const report = await verifyAuditChains(h.database);
    expect(report.ok).toBe(true);
    expect(report.events).toBeGreaterThanOrEqual(10);
    const ours = report.chains.find((c) => c.chain === orgId)!;
    expect(ours.events).toBe((await orgEvents()).length);
    expect(report.chains.some((c) => c.organisation === null)).toBe(true);
  });

  it('gives every event who, what, when, subject, outcome, request id and address', async () => {
    const incomplete = await owner<{ id: number }>(
      `select id from audit_events where action is null or occurred_at is null or outcome is null
         or entity_type is null or request_id is null or address is null`,
    );
    expect(incomplete).toEqual([]);
    const signIns = await owner<{ address: string; request_id: string }>(
      `select address, request_id from audit_events where action like 'sign_in.%'`,
    );
    expect(signIns.length).toBeGreaterThanOrEqual(2);
    for (const event of signIns) {
      expect(event.address).toBe('198.51.100.7');
      expect(event.request_id).toMatch(/^[0-9a-f-]{36}$/);
    }
  });

  it('names a changed row', async () => {
    const [, , third] = await orgEvents();
    const report = await withTampering(
      `update audit_events set action = 'test.innocent' where id = ${third!.id}`,
      `update audit_events set action = '${third!.action}' where id = ${third!.id}`,
    );
    expect(report.ok).toBe(false);
    expect(report.firstProblem).toMatchObject({
      eventId: String(third!.id),
      position: third!.chain_seq,
    });
    expect(report.firstProblem!.reason).toContain('changed');
    expect((await verifyAuditChains(h.database)).ok).toBe(true);
  });

  it('names the row after a deleted one, and a deleted last row', async () => {
    const events = await orgEvents();
    const middle = events[2]!;
    const saved = `insert into audit_events overriding system value
      select * from audit_events_deleted; drop table audit_events_deleted`;
    const middleReport = await withTampering(
      `alter table audit_events disable trigger audit_events_chain;
       create table audit_events_deleted as select * from audit_events where id = ${middle.id};
       delete from audit_events where id = ${middle.id}`,
      `${saved}; alter table audit_events enable trigger audit_events_chain`,
    );
    expect(middleReport.firstProblem).toMatchObject({ eventId: String(events[3]!.id) });
    expect(middleReport.firstProblem!.reason).toContain('missing');

    const last = events[events.length - 1]!;
    const lastReport = await withTampering(
      `alter table audit_events disable trigger audit_events_chain;
       create table audit_events_deleted as select * from audit_events where id = ${last.id};
       delete from audit_events where id = ${last.id}`,
      `${saved}; alter table audit_events enable trigger audit_events_chain`,
    );
    expect(lastReport.firstProblem).toMatchObject({ chain: orgId, eventId: null });
    expect(lastReport.firstProblem!.reason).toContain('missing');
    expect((await verifyAuditChains(h.database)).ok).toBe(true);
  });

  it('names a row slipped in out of order, even with a correctly computed hash', async () => {
    const events = await orgEvents();
    const [first] = events;
    // A forger who knows the scheme: a new event claiming position 2, chained to position 1.
    const forged = await withTampering(
      `alter table audit_events disable trigger audit_events_chain;
       drop index audit_events_chain;
       insert into audit_events (org_id, action, entity_type, outcome, request_id, address,
         chain_seq, prev_hash, hash, occurred_at)
       values ('${orgId}', 'case.viewed', 'case', 'success', 'forged', 'internal', 2,
         '${first!.hash}', '', now());
       update audit_events set hash = audit_event_hash(prev_hash, id, chain_seq, occurred_at,
         org_id, user_id, action, entity_type, entity_id, outcome, request_id, address, details)
         where request_id = 'forged'`,
      `delete from audit_events where request_id = 'forged';
       create unique index audit_events_chain on audit_events (audit_chain_id(org_id), chain_seq);
       alter table audit_events enable trigger audit_events_chain`,
    );
    expect(forged.ok).toBe(false);
    expect(forged.firstProblem?.position).toBe(2);
    expect(Number(forged.firstProblem?.eventId)).toBeGreaterThan(events[1]!.id);
    expect((await verifyAuditChains(h.database)).ok).toBe(true);
  });

  it('does not let the application role change, delete or forge the chain', async () => {
    const db = h.database.db;
    const asApp = (statement: ReturnType<typeof sql>) =>
      withActor(db, { kind: 'system', orgId, name: 'test' }, (tx) => statement.execute(tx));
    await expect(asApp(sql`update audit_events set action = 'x'`)).rejects.toThrow(
      /permission denied|cannot be changed/,
    );
    await expect(asApp(sql`delete from audit_events`)).rejects.toThrow(
      /permission denied|cannot be changed/,
    );
    await expect(asApp(sql`truncate audit_events`)).rejects.toThrow(
      /permission denied|cannot be changed/,
    );
    await expect(asApp(sql`update audit_chain_heads set seq = 0`)).rejects.toThrow(
      /permission denied/,
    );
    // Whatever an insert claims, the trigger puts the event at the end of its chain.
    await asApp(
      sql`insert into audit_events (org_id, action, entity_type, request_id, address, chain_seq, prev_hash, hash)
          values (${orgId}, 'test.claims', 'test', 'r', 'a', 1, ${'0'.repeat(64)}, ${'f'.repeat(64)})`,
    );
    const events = await orgEvents();
    expect(events[events.length - 1]).toMatchObject({
      action: 'test.claims',
      chain_seq: events.length,
    });
    expect((await verifyAuditChains(h.database)).ok).toBe(true);
  });

  it('chains events written at the same time without gaps or forks', async () => {
    const other = await makeOrganisation(h.services);
    const writers = Array.from({ length: 40 }, (_, i) => {
      const actorOrg = i % 2 === 0 ? orgId : other.id;
      const actor = { kind: 'system' as const, orgId: actorOrg, name: 'test' };
      return withActor(h.database.db, actor, async (tx) => {
        await recordAudit(tx, actor, { action: 'test.concurrent' });
        // Hold the transaction open a moment, as a request doing more work would.
        await sql`select pg_sleep(0.01)`.execute(tx);
        await recordAudit(tx, actor, { action: 'test.concurrent_second' });
      });
    });
    await Promise.all(writers);
    const report = await verifyAuditChains(h.database);
    expect(report.ok).toBe(true);
    expect(report.chains.find((c) => c.chain === other.id)!.events).toBeGreaterThanOrEqual(40);
  });
});
