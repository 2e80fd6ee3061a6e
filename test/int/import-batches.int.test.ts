// Where every request shares one connection (the embedded database), an import publishes its
// staged rows in batches, each a short transaction (src/features/imports/batches.ts), and its
// referrals stay hidden until the job is done (migration 0040). Run on both databases: the
// service is made to publish in batches on a PostgreSQL server too, since the database's rule
// is the same there.
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withActor } from '../../src/db/actor-context.js';
import type { Actor, SystemActor, UserActor } from '../../src/domain/roles.js';
import { importService, type ImportService } from '../../src/features/imports/service.js';
import { FakeClock } from '../support/clock.js';
import { createHarness, makeUser, operator, type Harness } from '../support/harness.js';
import { inMemory, stageAbandonedReferral } from '../support/imports.js';

const BATCH = 50;
/** What a test does between two batches of an import, once the first has committed. */
let betweenBatches: (() => Promise<void>) | undefined;
let h: Harness;
let imports: ImportService;
let rj: { id: string; slug: string };
let system: SystemActor;
let manager: UserActor;
let referrer: UserActor;

beforeAll(async () => {
  h = await createHarness({ clock: new FakeClock('2026-04-01T10:00:00Z') });
  // Batches of 50: the same rules as with 500 or 5,000, on files a tenth the size.
  imports = importService({
    db: h.database.db,
    clock: h.clock,
    sharedConnection: true,
    publishBatchRows: { othersWaiting: BATCH, alone: BATCH },
    afterPublishedBatch: () => betweenBatches?.() ?? Promise.resolve(),
  });
  const add = (name: string, kind: string, slug: string) =>
    h.services.organisations.add(operator, { name, kind, area: 'avon-and-somerset', slug });
  rj = await add('Batch RJ service', 'rj_service', 'batch-rj');
  const police = await add('Batch Police', 'police', 'batch-police');
  system = { kind: 'system', orgId: rj.id, name: 'test' };
  manager = await makeUser(h.services, { role: 'service_manager', org: rj });
  referrer = await makeUser(h.services, { role: 'referrer', org: police });
});
afterAll(() => h.close());

const owner = <R>(text: string, params: unknown[] = []) =>
  h.database.withOwner((session) => session.query<R>(text, params));

const HEADER =
  'source_org,initiated_by,received_on,crime_reference,offence_group,cjs_stage,victim_surname\n';
const line = (prefix: string, n: number) =>
  `batch-police,victim,2026-03-20,${prefix}-${n},robbery,pre_charge,Surname${n}\n`;
const file = (prefix: string, rows: number) =>
  inMemory(
    `${prefix}.csv`,
    HEADER + Array.from({ length: rows }, (_, n) => line(prefix, n)).join(''),
  );

/** The job's referrals `actor` can see. */
const seenBy = (actor: Actor, jobId: string) =>
  withActor(h.database.db, actor, async (tx) => {
    const { rows } = await sql<{ n: number }>`
      select count(*)::int as n from referrals where import_job_id = ${jobId}`.execute(tx);
    return rows[0]!.n;
  });

/** The job as it is, and how many referrals it has written (seen or not). */
async function jobState(jobId: string) {
  const [job] = await owner<{ status: string; publishing: boolean; written: number }>(
    `select status, publishing_since is not null as publishing,
            (select count(*)::int from referrals where import_job_id = j.id) as written
     from import_jobs j where j.id = $1`,
    [jobId],
  );
  return job!;
}

describe('an import publishing in batches', () => {
  it('shows none of its referrals until it is done, and does not import one another door wrote meanwhile', async () => {
    const rows = BATCH * 5;
    const started = await imports.start(system, file('CR-A', rows));
    const seen = new Set<number>();
    let hiddenWhilePublishing = 0;
    let repeated: string | undefined;
    betweenBatches = async () => {
      const job = await jobState(started.jobId);
      if (job.status === 'running' && job.written > 0) hiddenWhilePublishing++;
      if (!repeated) {
        // Another door writes a referral that repeats one already published, but hidden: the
        // first batch publishes the smallest keys, and "CR-A-0" has the smallest.
        repeated = 'CR-A-0';
        await h.services.referrals.create(
          manager,
          {
            source_org: 'batch-police',
            initiated_by: 'victim',
            received_on: '2026-03-20',
            crime_reference: repeated,
            offence_group: 'robbery',
            cjs_stage: 'pre_charge',
            victim_surname: 'Surname0',
          },
          { channel: 'web' },
        );
      }
      seen.add(await seenBy(manager, started.jobId));
      seen.add(await seenBy(referrer, started.jobId));
    };
    const summary = await started.run().finally(() => (betweenBatches = undefined));

    // After each of the five batches the import was part published and running; staff and
    // referrer alike saw none of it then, and all of it once it was done.
    expect(hiddenWhilePublishing).toBe(5);
    expect(repeated).toBeDefined();
    expect([...seen].filter((count) => count !== 0 && count !== rows - 1)).toEqual([]);
    expect(summary).toMatchObject({ rowsRead: rows, imported: rows - 1, duplicates: 1 });
    expect(await seenBy(manager, started.jobId)).toBe(rows - 1);
    expect(await seenBy(referrer, started.jobId)).toBe(rows - 1);
    const [copies] = await owner<{ n: number }>(
      'select count(*)::int as n from referrals where org_id = $1 and crime_reference = $2',
      [rj.id, repeated],
    );
    expect(copies!.n).toBe(1);
    expect(await jobState(started.jobId)).toMatchObject({ status: 'done', written: rows - 1 });
  });

  it('takes its referrals out again when it is stopped half way through publishing', async () => {
    const started = await imports.start(system, file('CR-B', BATCH * 4));
    let stopped: Promise<void> | undefined;
    betweenBatches = async () => {
      if ((await jobState(started.jobId)).written > 0) stopped ??= imports.stopAll();
    };
    const settled = started.run().then(
      () => 'done',
      (error: Error) => error.message,
    );
    expect(await settled).toBe('the import was stopped');
    betweenBatches = undefined;
    await stopped;
    expect(await jobState(started.jobId)).toMatchObject({ status: 'failed', written: 0 });
    const [parties] = await owner<{ n: number }>(
      `select count(*)::int as n from referral_parties p
       where p.org_id = $1 and not exists (select 1 from referrals r where r.id = p.referral_id)`,
      [rj.id],
    );
    expect(parties!.n).toBe(0);
  });

  it('leaves what a process that died while publishing wrote hidden, until the sweep takes it out', async () => {
    // A job that had published one referral, unseen, when its process went ten minutes ago.
    const started = await imports.start(system, file('CR-C', 1));
    const staged = await stageAbandonedReferral(h, started.jobId, rj.id);
    await owner(
      `insert into referrals select (jsonb_populate_record(null::referrals, to_jsonb(s) - 'job_id')).*
       from import_staged_referrals s where s.id = $1`,
      [staged],
    );
    await owner(`update referrals set import_job_id = $1 where id = $2`, [started.jobId, staged]);
    await owner(`delete from import_staged_referrals where id = $1`, [staged]);
    await owner(
      `update import_jobs set publishing_since = now() - interval '11 minutes',
         updated_at = now() - interval '10 minutes' where id = $1`,
      [started.jobId],
    );
    expect(await seenBy(manager, started.jobId)).toBe(0);
    expect((await jobState(started.jobId)).written).toBe(1);

    // Counted by a dry run, as what abandoned imports staged is: nothing else is left over here.
    const dryRun = await h.services.retention.run(operator, { dryRun: true });
    expect(dryRun.importLeftovers).toEqual({ due: 1, handled: 0 });
    expect((await jobState(started.jobId)).written).toBe(1);

    const report = await h.services.retention.run(operator);
    expect(report.importLeftovers).toEqual({ due: 1, handled: 1 });
    expect(await jobState(started.jobId)).toMatchObject({ status: 'failed', written: 0 });
  });

  it('lets no one take out the referrals of an import that is not a running one of their own service', async () => {
    const done = await imports.start(system, file('CR-E', 1));
    await done.run();
    const running = await imports.start(system, file('CR-F', 1));
    const other = await h.services.organisations.add(operator, {
      name: 'Other RJ service',
      kind: 'rj_service',
      area: 'avon-and-somerset',
      slug: 'other-batch-rj',
    });
    const otherManager = await makeUser(h.services, { role: 'service_manager', org: other });
    const call = (actor: Actor, fn: string, jobId: string) =>
      withActor(h.database.db, actor, (tx) =>
        sql`select ${sql.raw(fn)}(${jobId}::uuid)`.execute(tx),
      );
    for (const fn of ['import_withdraw_unpublished', 'import_withdraw_repeated_since_publishing']) {
      await expect(call(manager, fn, done.jobId), `${fn}, a done job`).rejects.toThrow(
        /not a running import of this service/,
      );
      await expect(
        call(otherManager, fn, running.jobId),
        `${fn}, another service's`,
      ).rejects.toThrow(/not a running import of this service/);
      await expect(call(referrer, fn, running.jobId), `${fn}, a referrer`).rejects.toThrow(
        /not a running import of this service/,
      );
    }
    expect((await jobState(done.jobId)).written).toBe(1);
  });

  it('holds the aggregate store back while an import publishes, so no figure counts it early', async () => {
    await h.services.aggregates.refresh();
    const started = await imports.start(system, file('CR-D', 1));
    await owner(`update import_jobs set publishing_since = now() where id = $1`, [started.jobId]);
    await h.services.referrals.create(
      manager,
      {
        source_org: 'batch-police',
        initiated_by: 'victim',
        received_on: '2026-03-21',
        crime_reference: 'CR-WEB-1',
        offence_group: 'robbery',
        cjs_stage: 'pre_charge',
        victim_surname: 'Ward',
      },
      { channel: 'web' },
    );
    expect(await h.services.aggregates.refresh()).toMatchObject({ subjects: 0 });

    await started.run();
    expect((await h.services.aggregates.refresh()).subjects).toBeGreaterThanOrEqual(1);
  });
});
