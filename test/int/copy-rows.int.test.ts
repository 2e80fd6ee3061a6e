// COPY … FROM STDIN through either driver (src/db/copy-rows.ts): every value comes back as it
// was sent, and on the embedded database, where the copy runs as the owner, it writes only to
// a temporary table and leaves the application role in place.
import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withActor, type Tx } from '../../src/db/actor-context.js';
import { copyData, copyInto } from '../../src/db/copy-rows.js';
import type { SystemActor } from '../../src/domain/roles.js';
import { testBackend } from '../support/backend.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const embedded = testBackend().kind === 'pglite';
const system: SystemActor = { kind: 'system', orgId: '', name: 'test' };

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(() => database.destroy());

const COLUMNS = ['n', 'label', 'flag', 'day', 'at', 'doc'];

interface Row {
  n: number;
  label: string | null;
  flag: boolean | null;
  day: string | null;
  at: Date | null;
  doc: { note: string } | null;
}

async function copiedBack(rows: Row[]): Promise<Row[]> {
  return withActor(database.db, system, async (tx) => {
    await sql`create temporary table copied (n int, label text, flag boolean, day date,
      at timestamptz, doc jsonb) on commit drop`.execute(tx);
    await copyInto(tx, copyData('copied', COLUMNS, rows));
    const back = await sql<Row>`select * from copied order by n`.execute(tx);
    return back.rows;
  });
}

// Any text PostgreSQL can hold: every character but NUL, which no text column stores.
const text = fc.string({ unit: 'grapheme' }).map((s) => s.replace(/\0/g, ''));
const row = (n: number) =>
  fc.record({
    n: fc.constant(n),
    label: fc.option(fc.oneof(text, fc.constantFrom('\\N', '\\', '\t', '\r\n', '\\.'))),
    flag: fc.option(fc.boolean()),
    day: fc.option(
      fc
        .date({ min: new Date('1900-01-01'), max: new Date('2100-12-31'), noInvalidDate: true })
        .map((d) => d.toISOString().slice(0, 10)),
    ),
    at: fc.option(
      fc.date({ min: new Date('1970-01-01'), max: new Date('2100-12-31'), noInvalidDate: true }),
    ),
    doc: fc.option(fc.record({ note: text })),
  });

describe('copying rows in', () => {
  it('gives back every value as it was sent: text with tabs, line breaks and backslashes, nulls, dates, JSON', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc
          .integer({ min: 1, max: 20 })
          .chain((size) => fc.tuple(...Array.from({ length: size }, (_, n) => row(n)))),
        async (rows) => {
          expect(await copiedBack(rows)).toEqual(rows);
        },
      ),
      { numRuns: 25 },
    );
  });

  it('copies nothing when there are no rows', async () => {
    expect(await copiedBack([])).toEqual([]);
  });

  it('refuses a table of case data: only a temporary table takes a copy', async () => {
    const refused = await withActor(database.db, system, (tx: Tx) =>
      copyInto(tx, copyData('referrals', ['id'], [{ id: randomUUID() }])),
    ).then(
      () => 'copied',
      (error: Error) => error.message,
    );
    // The embedded database copies as its owner, so it refuses anything but a temporary
    // table; a server copies as the application role, which may not write there at all.
    expect(refused).toMatch(
      embedded
        ? /only to a temporary table, not referrals/
        : /permission denied|row-level security/,
    );
  });

  it('leaves the transaction acting as the application role, and the next one too', async () => {
    const roles = await withActor(database.db, system, async (tx) => {
      await sql`create temporary table copied (n int) on commit drop`.execute(tx);
      await copyInto(tx, copyData('copied', ['n'], [{ n: 1 }]));
      return (await sql<{ role: string }>`select current_user as role`.execute(tx)).rows;
    });
    expect(roles).toEqual([{ role: 'waymark_app' }]);
    const next = await withActor(database.db, system, async (tx) =>
      sql<{ role: string }>`select current_user as role`.execute(tx),
    );
    expect(next.rows).toEqual([{ role: 'waymark_app' }]);
  });
});
