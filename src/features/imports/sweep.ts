// Sweeping up after imports: jobs whose process has gone are marked failed, what they staged or
// published unseen is deleted, and rejected rows past keeping go. A service sweeps its own when
// it imports again or views its imports; the retention run sweeps every service's.
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';

/** A running job with no progress for this long belonged to a process that stopped. */
export const STALE_AFTER = '2 minutes';
/** How long a finished job's rejected rows stay downloadable. */
export const REJECTS_KEPT_FOR = '7 days';

/**
 * Tidies one service's imports: what abandoned imports left (sweepAbandoned), and rejected rows
 * past keeping. Jobs this process is running are never touched.
 */
export async function sweepJobs(tx: Tx, orgId: string, activeJobIds: string[]): Promise<void> {
  await sweepAbandoned(tx, orgId, activeJobIds);
  await tx
    .deleteFrom('import_rejects')
    .where('org_id', '=', orgId)
    .where(
      'job_id',
      'in',
      tx
        .selectFrom('import_jobs')
        .select('id')
        .where('org_id', '=', orgId)
        .where((eb) =>
          eb.or([
            eb('status', '=', 'failed'),
            eb('finished_at', '<', sql<Date>`now() - ${REJECTS_KEPT_FOR}::interval`),
          ]),
        ),
    )
    .execute();
}

/**
 * Jobs left running by a process that stopped are marked failed, what they published unseen is
 * taken out, and what jobs no longer running staged is deleted (the retention run calls this
 * alone). Jobs this process is running are never touched. Answers how many referrals went.
 */
export async function sweepAbandoned(
  tx: Tx,
  orgId: string,
  activeJobIds: string[],
): Promise<number> {
  const withdrawn = await withdrawUnpublished(tx, staleJobs(tx, orgId, activeJobIds));
  await tx
    .updateTable('import_jobs')
    .set({
      status: 'failed',
      error: 'imports.errors.interrupted',
      finished_at: sql`now()`,
    })
    .where('id', 'in', staleJobs(tx, orgId, activeJobIds))
    .execute();

  const finished = tx
    .selectFrom('import_jobs')
    .select('id')
    .where('org_id', '=', orgId)
    .where('status', '!=', 'running');
  await tx
    .deleteFrom('import_staged_parties')
    .where('org_id', '=', orgId)
    .where('job_id', 'in', finished)
    .execute();
  const [staged] = await tx
    .deleteFrom('import_staged_referrals')
    .where('org_id', '=', orgId)
    .where('job_id', 'in', finished)
    .execute();
  return withdrawn + Number(staged?.numDeletedRows ?? 0);
}

/** Running jobs of the service with no progress past STALE_AFTER, but this process's. */
function staleJobs(tx: Tx, orgId: string, activeJobIds: string[]) {
  const stale = tx
    .selectFrom('import_jobs')
    .select('id')
    .where('org_id', '=', orgId)
    .where('status', '=', 'running')
    .where('updated_at', '<', sql<Date>`now() - ${STALE_AFTER}::interval`);
  return activeJobIds.length > 0 ? stale.where('id', 'not in', activeJobIds) : stale;
}

/**
 * Takes out the referrals that `jobs` (still running) published but nobody has seen, with their
 * parties (migration 0040), or with `counting` only counts them; answers how many.
 */
export async function withdrawUnpublished(
  tx: Tx,
  jobs: SelectQueryBuilder<DB, 'import_jobs', { id: string }>,
  counting = false,
): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select coalesce(sum(import_withdraw_unpublished(j.id, ${counting})), 0)::int as n
    from (${jobs.where('status', '=', 'running').where('publishing_since', 'is not', null)}) j`.execute(
    tx,
  );
  return Number(rows[0]?.n ?? 0);
}

/**
 * How many staged referrals a sweep of the service would delete now: those of jobs no longer
 * running, or left running with no progress past STALE_AFTER (a dry run of sweepAbandoned).
 */
export async function countLeftovers(
  tx: Tx,
  orgId: string,
  activeJobIds: string[],
): Promise<number> {
  let abandoned = tx
    .selectFrom('import_jobs')
    .select('id')
    .where('org_id', '=', orgId)
    .where((eb) =>
      eb.or([
        eb('status', '!=', 'running'),
        eb('updated_at', '<', sql<Date>`now() - ${STALE_AFTER}::interval`),
      ]),
    );
  if (activeJobIds.length > 0) abandoned = abandoned.where('id', 'not in', activeJobIds);
  const row = await tx
    .selectFrom('import_staged_referrals')
    .select((eb) => eb.fn.countAll<string>().as('n'))
    .where('org_id', '=', orgId)
    .where('job_id', 'in', abandoned)
    .executeTakeFirstOrThrow();
  return Number(row.n) + (await withdrawUnpublished(tx, staleJobs(tx, orgId, activeJobIds), true));
}
