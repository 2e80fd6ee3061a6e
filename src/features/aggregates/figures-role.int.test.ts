// The role commissioners and national analysts act as: refused every table of case data by the
// database, holding grants only on the aggregate store, and reading only its own area there.
import { sql } from 'kysely';
import { beforeAll, describe, expect, it } from 'vitest';
import { withActor } from '../../db/actor-context.js';
import type { UserActor } from '../../domain/roles.js';
import { makeService, openCase } from '../../../test/support/cases.js';
import { makeOrganisation, makeUser } from '../../../test/support/harness.js';
import { testbed } from '../../../test/support/testbed.js';

const { h } = testbed({ at: '2026-06-01T10:00:00Z' });
let commissioner: UserActor;
let analyst: UserActor;

beforeAll(async () => {
  const office = await makeOrganisation(h.services, { kind: 'pcc_office' });
  commissioner = await makeUser(h.services, { role: 'commissioner', org: office });
  analyst = await makeUser(h.services, {
    role: 'national_analyst',
    org: await makeOrganisation(h.services, { kind: 'other' }),
  });
});

/** Every table holding case data, or the people in it. */
const CASE_TABLES = [
  'cases',
  'referrals',
  'referral_parties',
  'persons',
  'case_participants',
  'case_contacts',
  'case_notes',
  'participant_equality',
  'questionnaire_responses',
  'testimonials',
  'wellbeing_measures',
  'case_events',
];

describe('the role commissioners and national analysts act as', () => {
  it('is refused every table of case data by the database', async () => {
    const team = await makeService(h.services);
    await openCase(h.services, team.practitioner, { receivedOn: '2026-05-05' });
    for (const actor of [commissioner, analyst]) {
      for (const table of CASE_TABLES) {
        await expect(
          withActor(h.database.db, actor, (tx) =>
            sql`select count(*) from ${sql.table(table)}`.execute(tx),
          ),
          `${actor.role} reading ${table}`,
        ).rejects.toThrow(/permission denied/);
      }
    }
    // The same actor's own staff-side twin would see the case: the refusal is the role's.
    const seen = await withActor(h.database.db, team.practitioner, (tx) =>
      tx.selectFrom('cases').select('id').execute(),
    );
    expect(seen).toHaveLength(1);
  });

  it('holds grants on these tables only, none of which holds case data', async () => {
    const grants = await h.database.withOwner((owner) =>
      owner.query<{ table_name: string }>(
        `select distinct table_name from information_schema.role_table_grants
         where grantee = 'waymark_figures' order by table_name`,
      ),
    );
    // A table added here must hold no case data: the figures role reads aggregates only.
    expect(grants.map((g) => g.table_name)).toEqual([
      'aggregate_figure_sources',
      'aggregate_figures',
      'aggregate_status',
      'aggregate_testimonials',
      'area_governance',
      'area_populations',
      'areas',
      'audit_events',
      'offence_groups',
      'organisations',
      'password_tokens',
      'provision_drafts',
      'provision_responses',
      'provision_survey_years',
      'service_spend',
      'users',
      'victims_informed_returns',
    ]);
    const withCaseIds = await h.database.withOwner((owner) =>
      owner.query<{ table_name: string }>(
        `select table_name from information_schema.columns
         where table_schema = 'public' and column_name in ('case_id', 'referral_id', 'person_id', 'participant_id')
           and table_name in (select table_name from information_schema.role_table_grants
                              where grantee = 'waymark_figures')`,
      ),
    );
    expect(withCaseIds).toEqual([]);
  });

  it('reads and changes its own account only, and nothing about it but the password', async () => {
    const accounts = await withActor(h.database.db, commissioner, (tx) =>
      tx.selectFrom('users').select('id').execute(),
    );
    expect(accounts).toEqual([{ id: commissioner.userId }]);
    const changed = await withActor(h.database.db, commissioner, (tx) =>
      tx
        .updateTable('users')
        .set({ password_hash: 'changed' })
        .where('id', 'in', [commissioner.userId, analyst.userId])
        .returning('id')
        .execute(),
    );
    expect(changed).toEqual([{ id: commissioner.userId }]);
    await expect(
      withActor(h.database.db, commissioner, (tx) =>
        tx
          .updateTable('users')
          .set({ role: 'org_admin' })
          .where('id', '=', commissioner.userId)
          .execute(),
      ),
    ).rejects.toThrow(/only an administrator of the organisation may change this account/);
  });

  it('cannot run the refresh, or read what it keeps about cases', async () => {
    for (const statement of [
      sql`select * from refresh_aggregates()`,
      sql`select count(*) from aggregate_subject_buckets`,
      sql`select count(*) from aggregate_dirty`,
    ])
      await expect(
        withActor(h.database.db, commissioner, (tx) => statement.execute(tx)),
      ).rejects.toThrow(/permission denied/);
  });

  it('reads only its own area from the store', async () => {
    const here = await makeService(h.services);
    const there = await makeOrganisation(h.services, { kind: 'rj_service', area: 'kent' });
    const thereStaff = await makeUser(h.services, { role: 'practitioner', org: there });
    await openCase(h.services, here.practitioner, { receivedOn: '2026-04-02' });
    await openCase(h.services, thereStaff, { receivedOn: '2026-04-03' });
    await h.services.aggregates.refresh();
    const orgsSeen = async (actor: UserActor) =>
      new Set(
        (
          await withActor(h.database.db, actor, (tx) =>
            tx.selectFrom('aggregate_figures').select('org_id').distinct().execute(),
          )
        ).map((r) => r.org_id),
      );
    const mine = await orgsSeen(commissioner);
    expect(mine.has(here.org.id)).toBe(true);
    expect(mine.has(there.id)).toBe(false);
    const all = await orgsSeen(analyst);
    expect(all.has(here.org.id) && all.has(there.id)).toBe(true);
    // A manager reads their own service's figures (through the same role) and no other's.
    const own = await withActor(
      h.database.db,
      here.manager,
      (tx) => tx.selectFrom('aggregate_figures').select('org_id').distinct().execute(),
      { figuresOnly: true },
    );
    expect(own.map((r) => r.org_id)).toEqual([here.org.id]);
    // And a practitioner, acting as the figures role, reads nothing.
    const none = await withActor(
      h.database.db,
      here.practitioner,
      (tx) => tx.selectFrom('aggregate_figures').select('org_id').execute(),
      { figuresOnly: true },
    );
    expect(none).toEqual([]);
  });
});
