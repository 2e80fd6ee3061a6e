// Every table that holds part of a case or a referral is in the anonymisation plan, and every
// one of its columns is either cleared or kept on purpose: a column added later without saying
// which fails here, so nothing personal survives retention by being forgotten.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { CASE_PLAN, PERSONS_COLUMNS, REFERRAL_PLAN, type TablePlan } from './plan.js';

let database: TestDatabase;
let columns: Map<string, string[]>;

beforeAll(async () => {
  database = await createTestDatabase();
  const rows = await database.withOwner((owner) =>
    owner.query<{ table_name: string; column_name: string }>(
      `select c.table_name, c.column_name from information_schema.columns c
         join information_schema.tables t
           on t.table_name = c.table_name and t.table_schema = c.table_schema
        where c.table_schema = 'public' and t.table_type = 'BASE TABLE'`,
    ),
  );
  columns = new Map();
  for (const row of rows)
    columns.set(row.table_name, [...(columns.get(row.table_name) ?? []), row.column_name]);
});
afterAll(() => database.destroy());

const plans: Record<string, TablePlan> = { ...CASE_PLAN, ...REFERRAL_PLAN };

describe('the anonymisation plan', () => {
  it('covers every table that holds part of a case or a referral', () => {
    // A staged party's referral does not exist yet: staged rows are an import's while it runs,
    // and go when it ends (src/features/imports/jobs.ts).
    const transient = ['import_staged_parties'];
    const holding = [...columns]
      .filter(([, names]) => names.includes('case_id') || names.includes('referral_id'))
      .map(([table]) => table)
      .filter((table) => !transient.includes(table));
    const missing = holding.filter((table) => !(table in plans));
    expect(missing).toEqual([]);
    expect(holding.length).toBeGreaterThan(25);
  });

  it('says of every column whether it is cleared or kept', () => {
    const unclassified: string[] = [];
    const unknown: string[] = [];
    for (const [table, plan] of Object.entries(plans)) {
      const actual = columns.get(table);
      expect(actual, `${table} exists`).toBeDefined();
      if (plan.delete) continue;
      const named = [...Object.keys(plan.clear ?? {}), ...(plan.keep ?? '').split(' ')];
      unclassified.push(...actual!.filter((c) => !named.includes(c)).map((c) => `${table}.${c}`));
      unknown.push(...named.filter((c) => !actual!.includes(c)).map((c) => `${table}.${c}`));
    }
    expect(unclassified).toEqual([]);
    expect(unknown).toEqual([]);
    expect(PERSONS_COLUMNS.split(' ').sort()).toEqual([...columns.get('persons')!].sort());
  });
});
