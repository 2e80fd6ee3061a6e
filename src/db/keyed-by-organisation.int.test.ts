// Every table that refers to a case, a referral, a participant, a person or an import carries
// org_id, the column it would be distributed by (ADR 0023), except the two the record names as
// still to be keyed. A new table of case data without org_id fails here. A referral's parties
// are held to their referral's org_id by the database itself.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';

const CASE_KEYS = [
  'case_id',
  'referral_id',
  'participant_id',
  'person_id',
  'intervention_id',
  'subject_id',
  'import_job_id',
];
const NOT_KEYED = `
  select t.table_name as name
  from information_schema.tables t
  join information_schema.columns c using (table_schema, table_name)
  where t.table_schema = 'public' and t.table_type = 'BASE TABLE'
  group by t.table_name
  having bool_or(c.column_name in (${CASE_KEYS.map((k) => `'${k}'`).join(', ')}))
    and not bool_or(c.column_name = 'org_id')
  order by 1`;

let database: TestDatabase;
const notKeyed = () =>
  database.withOwner(async (owner) =>
    (await owner.query<{ name: string }>(NOT_KEYED)).map((row) => row.name),
  );

beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.destroy());

describe('tables of case data', () => {
  it('all carry org_id, but the two ADR 0023 names', async () => {
    expect(await notKeyed()).toEqual(['aggregate_dirty', 'case_transfers']);
  });

  it('are found out when one is added without it', async () => {
    await database.withOwner((owner) =>
      owner.script('create table case_reminders (id uuid primary key, case_id uuid not null)'),
    );
    expect(await notKeyed()).toContain('case_reminders');
  });
});

describe("a referral's parties", () => {
  it("carry their referral's org_id, and no other", async () => {
    const refused = await database.withOwner(async (owner) => {
      await owner.script(`
        insert into organisations (id, slug, name, kind) values
          ('00000000-0000-4000-8000-0000000000a1', 'keyed-one', 'One', 'rj_service'),
          ('00000000-0000-4000-8000-0000000000a2', 'keyed-two', 'Two', 'rj_service');
        insert into referrals (id, org_id, reference, source_kind, initiated_by, received_on,
                               cjs_stage, channel, duplicate_key, offence_group_id)
          values ('00000000-0000-4000-8000-0000000000b1', '00000000-0000-4000-8000-0000000000a1',
                  'RF-KEYED-1', 'self', 'victim', '2026-11-20', 'pre_charge', 'web', 'keyed', 'robbery');
        insert into referral_parties (org_id, referral_id, role)
          values ('00000000-0000-4000-8000-0000000000a1', '00000000-0000-4000-8000-0000000000b1',
                  'victim');`);
      return owner
        .query(
          `insert into referral_parties (org_id, referral_id, role)
           values ('00000000-0000-4000-8000-0000000000a2', '00000000-0000-4000-8000-0000000000b1',
                   'offender')`,
        )
        .then(
          () => 'stored',
          (error: Error) => error.message,
        );
    });
    expect(refused).toMatch(/violates foreign key constraint "referral_parties_referral_fkey"/);
  });
});
