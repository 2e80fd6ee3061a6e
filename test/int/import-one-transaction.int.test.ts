// An import on a PostgreSQL server writes its referrals straight into referrals in one
// transaction (src/features/imports/one-transaction.ts): nobody sees them until it commits, its
// progress shows meanwhile, a referral another door commits meanwhile is still not imported
// twice, and the one narrow way it may delete referrals (migration 0036) is closed to anyone else.
import { PassThrough, Readable } from 'node:stream';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { withActor } from '../../src/db/actor-context.js';
import type { SystemActor, UserActor } from '../../src/domain/roles.js';
import { CHUNK_ROWS_IN_ONE_TRANSACTION as CHUNK_ROWS } from '../../src/features/imports/one-transaction.js';
import { testBackend } from '../support/backend.js';
import { createHarness, makeUser, operator, type Harness } from '../support/harness.js';
import { FakeClock } from '../support/clock.js';

const embedded = testBackend().kind === 'pglite';

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

const owner = <R>(sql: string, params: unknown[] = []) =>
  h.database.withOwner((session) => session.query<R>(sql, params));

const referralsOfService = async () =>
  Number(
    (
      await owner<{ n: string }>('select count(*) as n from referrals where org_id = $1', [rj.id])
    )[0]!.n,
  );

const HEADER =
  'source_org,initiated_by,received_on,crime_reference,offence_group,cjs_stage,victim_surname\n';
const line = (n: number) =>
  `fixture-police,victim,2026-03-20,CR-${9000 + n},robbery,pre_charge,Surname${n}\n`;

describe.skipIf(embedded)('an import on a PostgreSQL server', () => {
  it('shows its progress but no referral until it commits, and does not import one that another door wrote meanwhile', async () => {
    const before = await referralsOfService();
    const file = new PassThrough();
    // The header is read before the job is created, and a row is read once the next begins.
    file.write(HEADER + line(0));
    const rows = CHUNK_ROWS + 100;
    const started = await h.services.imports.start(system, {
      name: 'streamed.csv',
      size: 100_000,
      open: () => file,
    });
    const finished = started.run();
    for (let n = 1; n <= CHUNK_ROWS; n++) file.write(line(n));

    // The first chunk is written and its progress recorded, in a transaction of its own.
    await vi.waitFor(
      async () => {
        const [job] = await owner<{ rows_read: number; imported: number }>(
          'select rows_read, imported from import_jobs where id = $1',
          [started.jobId],
        );
        expect(job).toEqual({ rows_read: CHUNK_ROWS, imported: CHUNK_ROWS });
      },
      { timeout: 120_000, interval: 100 },
    ); // a busy machine may take a while; nothing is timed
    expect(await referralsOfService()).toBe(before);

    // Another door writes the first row's referral after that chunk was checked.
    await h.services.referrals.create(
      manager,
      {
        source_org: 'fixture-police',
        initiated_by: 'victim',
        received_on: '2026-03-20',
        crime_reference: 'CR-9000',
        offence_group: 'robbery',
        cjs_stage: 'pre_charge',
        victim_surname: 'Surname0',
      },
      { channel: 'web' },
    );
    for (let n = CHUNK_ROWS + 1; n < rows; n++) file.write(line(n));
    file.end();
    expect(await finished).toMatchObject({ imported: rows - 1, duplicates: 1, rejected: 0 });
    expect(await referralsOfService()).toBe(before + rows);
    const twins = await owner<{ n: number }>(
      `select count(*)::int as n from referrals where org_id = $1 and crime_reference = 'CR-9000'`,
      [rj.id],
    );
    expect(twins).toEqual([{ n: 1 }]);
    const parties = await owner<{ n: number }>(
      `select count(*)::int as n from referral_parties p join referrals r on r.id = p.referral_id
       where r.import_job_id = $1`,
      [started.jobId],
    );
    expect(parties).toEqual([{ n: rows - 1 }]); // a harmed person each
    expect(await owner('select 1 from import_staged_referrals')).toEqual([]);
  });

  it('lets the application delete no referral but a running import of its own service', async () => {
    const imported = await h.services.imports.start(system, {
      name: 'small.csv',
      size: 200,
      open: () => Readable.from([HEADER, line(90_000)]),
    });
    expect(await imported.run()).toMatchObject({ imported: 1 });
    const asApp = (statement: ReturnType<typeof sql>) =>
      withActor(h.database.db, system, (tx) => statement.execute(tx)).then(
        () => 'allowed',
        (error: Error) => error.message,
      );
    const jobId = imported.jobId;
    expect(await asApp(sql`delete from referrals where import_job_id = ${jobId}`)).toMatch(
      /permission denied/,
    );
    // The import is done: its referrals are everybody's now, and stay.
    expect(await asApp(sql`select import_withdraw_late_duplicates(${jobId})`)).toMatch(
      /not a running import of this service/,
    );
  });
});
