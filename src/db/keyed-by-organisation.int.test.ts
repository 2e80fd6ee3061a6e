// Every table that refers to a case, a referral, a participant, a person or an import carries
// org_id, the column it would be distributed by (ADR 0023), except the two the record names as
// still to be keyed. A new table of case data without org_id fails here.
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
