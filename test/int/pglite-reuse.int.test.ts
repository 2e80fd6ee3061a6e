// An embedded database handed from one test file to the next must be the one a new file would
// get: if a change a test made survived the put-back, the next file would start from it.
import { describe, expect, it } from 'vitest';
import { testBackend } from '../support/backend.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const owner = <R>(database: TestDatabase, sql: string) =>
  database.withOwner((o) => o.query<R>(sql));

/** What a test could have changed: a seeded table, an empty one, and a sequence. */
async function state(database: TestDatabase) {
  const [areas] = await owner<{ n: number; names: string }>(
    database,
    `select count(*)::int as n, md5(string_agg(name, ',' order by id)) as names from areas`,
  );
  const [organisations] = await owner<{ n: number }>(
    database,
    'select count(*)::int as n from organisations',
  );
  const [sequence] = await owner<{ next: number }>(
    database,
    `select nextval('case_events_id_seq')::int as next`,
  );
  return { areas, organisations, sequence };
}

describe.skipIf(testBackend().kind !== 'pglite')('an embedded test database put back', () => {
  it('comes back with the rows and sequences it started with', async () => {
    const first = await createTestDatabase();
    const fresh = await state(first);
    await owner(first, `update areas set name = 'Changed' where id = 'dyfed-powys'`);
    await owner(
      first,
      `insert into organisations (name, slug, kind, area_id)
       values ('Left behind', 'left-behind', 'rj_service', 'dyfed-powys')`,
    );
    for (let i = 0; i < 5; i++) await owner(first, `select nextval('case_events_id_seq')`);
    expect(await state(first)).not.toEqual(fresh);
    await first.destroy();

    const second = await createTestDatabase();
    try {
      // The same database, not a new one: reuse is what saves the time.
      expect(second.db).toBe(first.db);
      expect(await state(second)).toEqual(fresh);
    } finally {
      await second.destroy();
    }
  });

  it('is closed, not handed on, when a test changed the schema', async () => {
    const first = await createTestDatabase();
    await owner(first, 'alter table organisations add column planted text');
    await first.destroy();

    const second = await createTestDatabase();
    try {
      expect(second.db).not.toBe(first.db);
      const columns = await owner<{ n: number }>(
        second,
        `select count(*)::int as n from information_schema.columns
          where table_name = 'organisations' and column_name = 'planted'`,
      );
      expect(columns[0]!.n).toBe(0);
    } finally {
      await second.destroy();
    }
  });
});
