// The statement recorder behind the page benchmark's baseline: it must see every statement a
// request runs, in order, with its parameters and its transactions' begin and commit, or the
// replayed baseline would do less than the page did.
import { randomUUID } from 'node:crypto';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../test/support/database.js';
import { withActor } from './actor-context.js';
import { StatementRecorder } from './statement-recorder.js';

const recorder = new StatementRecorder();
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ recorder });
});
afterAll(() => database.destroy());

const orgId = randomUUID();
const actor = {
  kind: 'user' as const,
  userId: randomUUID(),
  orgId,
  role: 'practitioner' as const,
  name: 'Recorded',
  requestId: 'req-1',
};

describe('the statement recorder', () => {
  it('records the statements run between start and stop, transactions included', async () => {
    await sql`select 'before'`.execute(database.db);
    recorder.start();
    await sql`select ${'alone'} as word`.execute(database.db);
    await withActor(database.db, actor, (tx) =>
      tx.selectFrom('cases').select('id').where('org_id', '=', orgId).execute(),
    );
    const recorded = recorder.stop();
    await sql`select 'after'`.execute(database.db);

    expect(recorded.map((s) => s.sql.trim().split(/\s+/).slice(0, 2).join(' '))).toEqual([
      'select $1',
      'begin',
      "select set_config('app.org_id',",
      'select "id"',
      'commit',
    ]);
    expect(recorded[0]!.parameters).toEqual(['alone']);
    expect(recorded[2]!.parameters).toEqual([orgId, actor.userId, 'practitioner', '']);
    expect(recorded[3]!.parameters).toEqual([orgId]);
    expect(recorder.stop()).toEqual([]);
  });
});
