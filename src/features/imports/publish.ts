// Publishing a job's staged rows as referrals, set-based, a batch at a time (batches.ts), and the
// statements the other writers share: the columns a row fills, the service's import lock, and
// inserting referrals with a fresh reference for the rare one already taken.
import { sql, type RawBuilder } from 'kysely';
import type { Tx } from '../../db/actor-context.js';
import { newReference } from '../../domain/referrals.js';

const COLUMN = /^[a-z_][a-z0-9_]*$/;

/** The columns a row fills (referralRows writes complete rows), as identifiers. */
export function columnsOf(row: unknown): string[] {
  return Object.keys(row as Record<string, unknown>).filter((name) => COLUMN.test(name));
}

/** Columns as a list of identifiers (qualified by `alias` if given). */
export const list = (columns: string[], alias?: string): RawBuilder<unknown> =>
  sql.join(columns.map((c) => sql.ref(alias ? `${alias}.${c}` : c)));

/** Takes the service's import lock, so two imports into one service publish one at a time. */
export async function lockServiceImports(tx: Tx, serviceId: string): Promise<void> {
  await sql`select pg_advisory_xact_lock(hashtext(${`waymark.import.${serviceId}`}))`.execute(tx);
}

/**
 * Staged referrals (of the job, or only those of `ids`, which are the job's) that now repeat a
 * referral of the service (one sent through another door, or another import, since the row was
 * staged) are dropped with their parties: they count as duplicates. Their keys are looked up
 * through the (org_id, duplicate_key) index, as staging looks them up (copy-chunks.ts): written
 * as a correlated `exists`, the check was planned as a scan of the service's referrals for each
 * staged row while the first batches published, and took 3.5–7.9 s a batch of 5,000 where it
 * then took 0.1 s. Given `ids`, the staged rows are found by their primary key, not through the
 * job's index entries, which include every row past batches deleted.
 */
export async function dropLateDuplicates(
  tx: Tx,
  job: { id: string; serviceId: string },
  ids?: string[],
): Promise<number> {
  const ofJob = ids ? sql`s.id = any(${ids})` : sql`s.job_id = ${job.id}`;
  const { rows } = await sql<{ n: number }>`
    with dropped as (
      delete from import_staged_referrals s
      where ${ofJob}
        and s.duplicate_key in (
          select r.duplicate_key from referrals r
          where r.org_id = ${job.serviceId}
            and r.duplicate_key = any(array(
              select s.duplicate_key from import_staged_referrals s where ${ofJob})))
      returning s.id
    ), parties as (
      delete from import_staged_parties p
      where p.job_id = ${job.id} and p.referral_id in (select id from dropped)
    )
    select count(*)::int as n from dropped`.execute(tx);
  return rows[0]?.n ?? 0;
}

export async function countStaged(tx: Tx, jobId: string): Promise<number> {
  const row = await tx
    .selectFrom('import_staged_referrals')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('job_id', '=', jobId)
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** The columns of a staged row but its job: those of the row it becomes. */
export async function stagedColumns(tx: Tx, table: 'referrals' | 'parties', jobId: string) {
  const sample = await sql<Record<string, unknown>>`
    select * from ${sql.table(`import_staged_${table}`)} where job_id = ${jobId} limit 1`.execute(
    tx,
  );
  return columnsOf(sample.rows[0] ?? {}).filter((column) => column !== 'job_id');
}

/**
 * Inserts the referrals of a staging table (`from`, those of `job` if given, and of them only
 * `ids` if given) and returns how many were written, `expected` in all. A reference is random:
 * the rare one already taken is drawn again, and its row inserted then.
 */
export async function insertReferralsFrom(
  tx: Tx,
  from: 'import_chunk_referrals' | 'import_staged_referrals',
  columns: string[],
  { job, ids: only, expected }: { job?: string; ids?: string[]; expected: number },
): Promise<number> {
  const table = sql.table(from);
  const ofJob = sql.join(
    [job ? sql`job_id = ${job}` : sql`true`, ...(only ? [sql`id = any(${only})`] : [])],
    sql` and `,
  );
  const insert = (ids?: string[]) => sql`
    insert into referrals (${list(columns)})
    select ${list(columns)} from ${table}
    where ${ofJob} ${ids ? sql`and id = any(${ids})` : sql``}
    on conflict (reference) do nothing`;
  let written = Number((await insert().execute(tx)).numAffectedRows ?? 0);
  for (let attempt = 0; written < expected; attempt++) {
    if (attempt === 5) throw new Error('could not give every imported referral a new reference');
    const clashes = await sql<{ id: string }>`
      select s.id from ${table} s
      where ${ofJob} and not exists (select 1 from referrals r where r.id = s.id)`.execute(tx);
    const ids = clashes.rows.map((r) => r.id);
    for (const id of ids)
      await sql`update ${table} set reference = ${newReference('RF')} where id = ${id}`.execute(tx);
    written += Number((await insert(ids).execute(tx)).numAffectedRows ?? 0);
  }
  return written;
}

/**
 * Publishes the staged referrals of `ids` (the job's; `expected` of them are still staged) with
 * their parties, and deletes them from staging; returns how many referrals were written.
 */
export async function publishStaged(
  tx: Tx,
  jobId: string,
  { ids, expected }: { ids: string[]; expected: number },
  columns: { referrals: string[]; parties: string[] },
): Promise<number> {
  const written = await insertReferralsFrom(tx, 'import_staged_referrals', columns.referrals, {
    job: jobId,
    ids,
    expected,
  });
  if (columns.parties.length > 0)
    await sql`
      insert into referral_parties (${list(columns.parties)})
      select ${list(columns.parties)} from import_staged_parties
      where job_id = ${jobId} and referral_id = any(${ids})`.execute(tx);
  await sql`
    delete from import_staged_parties where job_id = ${jobId} and referral_id = any(${ids})`.execute(
    tx,
  );
  await sql`delete from import_staged_referrals where id = any(${ids})`.execute(tx);
  return written;
}
