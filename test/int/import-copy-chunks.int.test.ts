// One chunk of an import written by COPY and INSERT … SELECT (src/features/imports/
// copy-chunks.ts), on either database: each referral written once, a row repeating a referral
// the service holds or an earlier row of the chunk counted as a duplicate, and a random
// reference that is already taken drawn again rather than failing the import.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withActor } from '../../src/db/actor-context.js';
import type { SystemActor, UserActor } from '../../src/domain/roles.js';
import {
  createChunkTables,
  insertChunk,
  readyToCopy,
} from '../../src/features/imports/copy-chunks.js';
import { readHeader } from '../../src/features/imports/csv.js';
import { checkChunk, importChecker, importContext } from '../../src/features/imports/staging.js';
import { FakeClock } from '../support/clock.js';
import { createHarness, makeUser, operator, type Harness } from '../support/harness.js';

let h: Harness;
let rj: { id: string; slug: string };
let system: SystemActor;
let manager: UserActor;

beforeAll(async () => {
  h = await createHarness({ clock: new FakeClock('2026-04-01T10:00:00Z') });
  const add = (name: string, kind: string, slug: string) =>
    h.services.organisations.add(operator, { name, kind, area: 'avon-and-somerset', slug });
  rj = await add('Fixture RJ service', 'rj_service', 'fixture-rj');
  await add('Fixture Police', 'police', 'fixture-police');
  system = { kind: 'system', orgId: rj.id, name: 'test' };
  manager = await makeUser(h.services, { role: 'service_manager', org: rj });
});
afterAll(() => h.close());

const CELLS = ['source_org', 'initiated_by', 'received_on', 'crime_reference', 'offence_group'];
const HEADER = readHeader([...CELLS, 'cjs_stage', 'victim_surname']);
const row = (number: number, crime: string, surname: string) => ({
  number,
  values: ['fixture-police', 'victim', '2026-03-20', crime, 'robbery', 'pre_charge', surname],
});

const owner = <R>(sql: string, params: unknown[] = []) =>
  h.database.withOwner((session) => session.query<R>(sql, params));

describe('a chunk of an import, copied in', () => {
  it('writes each referral once, counts repeats as duplicates, and draws a taken reference again', async () => {
    const held = await h.services.referrals.create(
      manager,
      {
        source_org: 'fixture-police',
        initiated_by: 'victim',
        received_on: '2026-03-20',
        crime_reference: 'CR-1',
        offence_group: 'robbery',
        cjs_stage: 'pre_charge',
        victim_surname: 'Held',
      },
      { channel: 'web' },
    );
    const [{ reference: taken } = { reference: '' }] = await owner<{ reference: string }>(
      'select reference from referrals where id = $1',
      [held.id],
    );

    const context = importContext(
      system,
      { id: randomUUID(), serviceId: rj.id },
      { header: HEADER },
    );
    const checked = await checkChunk(
      importChecker(h.database.db),
      { ...context, today: '2026-04-01', now: new Date('2026-04-01T10:00:00Z') },
      [
        row(2, 'CR-1', 'Held'), // repeats the referral the service holds
        row(3, 'CR-2', 'Fresh'),
        row(4, 'CR-2', 'Fresh'), // repeats row 3
        row(5, 'CR-3', 'Other'),
      ],
    );
    expect(checked.rejects).toEqual([]);
    checked.valid[1]!.rows.referral.reference = taken; // row 3 drew a reference already taken

    const counts = await withActor(h.database.db, system, async (tx) => {
      await createChunkTables(tx);
      return insertChunk(tx, context, readyToCopy(checked));
    });
    expect(counts).toEqual({ staged: 2, rejected: 0, duplicates: 2 });

    const written = await owner<{ crime_reference: string; reference: string; parties: number }>(
      `select r.crime_reference, r.reference, count(p.id)::int as parties
       from referrals r join referral_parties p on p.referral_id = r.id
       where r.org_id = $1 group by r.id order by r.crime_reference`,
      [rj.id],
    );
    expect(written.map((r) => [r.crime_reference, r.parties])).toEqual([
      ['CR-1', 1],
      ['CR-2', 1],
      ['CR-3', 1],
    ]);
    expect(written[1]!.reference).not.toBe(taken);
    expect(written[1]!.reference).toMatch(/^RF-[A-Z0-9]{4}-[A-Z0-9]{4}$/);
  });
});
