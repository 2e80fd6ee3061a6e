// The hand-written Kysely row types (src/db/schema.ts and schema/*.ts) agree with the migrated
// database: every table and column in one is in the other, each column reads as the kind its
// type says, may be null exactly when its type allows null, and is only marked Generated when
// the database fills it in. Checked on both databases, since both run the same migrations.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import {
  DATABASE_COLUMNS,
  readRowTypes,
  rowTypeDrift,
  type DatabaseColumn,
  type RowTypes,
} from '../../test/support/row-types.js';

let database: TestDatabase;
let types: RowTypes;
const columns = () => database.withOwner((owner) => owner.query<DatabaseColumn>(DATABASE_COLUMNS));

beforeAll(async () => {
  database = await createTestDatabase();
  types = readRowTypes();
});
afterAll(() => database.destroy());

describe('the row types', () => {
  it('are read from the DB interface, table by table', () => {
    expect(Object.keys(types).length).toBeGreaterThan(50);
    expect(types.users).toMatchObject({
      id: { kind: 'string', nullable: false, generated: true },
      last_signed_in_at: { kind: 'date', nullable: true, generated: false },
      trained_sv_da: { kind: 'boolean', nullable: false, generated: true },
    });
  });

  it('match the migrated database', async () => {
    expect(rowTypeDrift(types, await columns())).toEqual([]);
  });

  it('are told apart from a database that drifted, and from types that did', async () => {
    const copy = structuredClone(types);
    copy.users!.last_signed_in_at!.nullable = false;
    copy.users!.email!.kind = 'number';
    copy.users!.name!.generated = true;
    copy.users!.nickname = { kind: 'string', nullable: true, generated: false };
    copy.no_such_table = {};
    delete copy.sessions;
    await database.withOwner((owner) =>
      owner.script('alter table organisations add column motto text'),
    );
    expect(rowTypeDrift(copy, await columns())).toEqual(
      expect.arrayContaining([
        'no_such_table: in the row types, not in the database',
        'sessions: in the database, not in the row types',
        'organisations.motto: in the database, not in the row types',
        'users.email: text reads as string, the row type says number',
        'users.name: Generated in the row type, but the database has no default for it',
        'users.last_signed_in_at: nullable in the database, not null in the row type',
        'users.nickname: in the row types, not in the database',
      ]),
    );
  });
});
