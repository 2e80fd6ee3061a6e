// Publishing an import's staged rows in batches, each a short transaction, where every request
// shares one connection (the embedded database): a request asked for meanwhile waits for one
// batch, not for the whole import (ADR 0025). The referrals written stay hidden from everyone
// but the import's own batches until the last transaction marks the job done (migration 0040),
// so an import still appears whole or not at all. Failing half way, the import takes them out
// again (jobs.ts' failJob); killed, the sweep that finds it abandoned does (sweep.ts).
import { setTimeout as sleep } from 'node:timers/promises';
import { sql, type Kysely } from 'kysely';
import { withActor, type Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../domain/roles.js';
import type { Clock } from '../../platform/clock.js';
import { Interrupted } from './chunks.js';
import {
  claimRunningJob,
  completeJob,
  type ImportJob,
  type ImportSummary,
  type Progress,
} from './jobs.js';
import { STALE_AFTER } from './sweep.js';
import { dropLateDuplicates, lockServiceImports, publishStaged, stagedColumns } from './publish.js';

/**
 * Referrals a batch publishes, with their parties. While requests are waiting for the one
 * connection, small batches, so that each waits little for the import; while none are, large
 * ones, which write faster (each batch's statements cost the same whatever its size). On the
 * embedded database, 100,000 rows published in batches of 5,000 in about 20 s, of 1,000 in
 * 35 s (`npm run bench -- referral-import`); a batch of 1,000 held the connection 0.2–0.6 s.
 * A request that arrives just after a large batch has begun waits for it (up to about 1 s).
 */
export const PUBLISH_BATCH_ROWS: BatchRows = { othersWaiting: 500, alone: 5_000 };

/** Referrals a batch publishes, while requests wait for the connection and while none do. */
export interface BatchRows {
  othersWaiting: number;
  alone: number;
}

/** How long an import waits before asking again whether another has finished publishing. */
const TURN_POLL_MS = 500;

interface BatchPublish {
  db: Kysely<DB>;
  clock: Clock;
  /** How many referrals the next batch publishes (fewer while requests wait for the connection). */
  batchRows(): number;
  /** Called after each batch has committed (the tests watch what others see between them). */
  afterBatch?: () => Promise<void>;
  actor: Actor;
  job: ImportJob;
  progress: Progress;
  stop: AbortSignal;
}

export async function publishInBatches(options: BatchPublish): Promise<ImportSummary> {
  const { db, actor, job, progress, stop, batchRows } = options;
  await waitForTurn(options);
  const columns = await withActor(db, actor, async (tx) => ({
    referrals: await stagedColumns(tx, 'referrals', job.id),
    parties: await stagedColumns(tx, 'parties', job.id),
  }));
  let imported = 0;
  let duplicates = progress.duplicates;
  let after: string | undefined;
  for (;;) {
    if (stop.aborted) throw new Interrupted();
    const batch = await withActor(db, actor, (tx) =>
      publishBatch(tx, job, columns, { after, rows: batchRows() }),
    );
    if (!batch) break;
    imported += batch.written;
    duplicates += batch.dropped;
    after = batch.lastKey;
    await options.afterBatch?.();
  }
  return withActor(db, actor, async (tx) => {
    await claimRunningJob(tx, job.id);
    const late = await withdrawRepeats(tx, job.id);
    return completeJob(tx, actor, job, {
      ...progress,
      imported: imported - late,
      duplicates: duplicates + late,
    });
  });
}

/**
 * Marks the job publishing, once no other import of the service is: two imports into one
 * service publish one after the other, so each batch of the second sees the first's referrals
 * and drops the rows that repeat them.
 */
async function waitForTurn({ db, clock, actor, job, stop }: BatchPublish): Promise<void> {
  for (;;) {
    if (stop.aborted) throw new Interrupted();
    const begun = await withActor(db, actor, async (tx) => {
      await claimRunningJob(tx, job.id);
      await lockServiceImports(tx, job.serviceId);
      if (await anotherPublishing(tx, job)) return false;
      await tx
        .updateTable('import_jobs')
        .set({ publishing_since: clock.now() }) // the clock referrals' created_at is read from
        .where('id', '=', job.id)
        .execute();
      return true;
    });
    if (begun) return;
    await sleep(TURN_POLL_MS);
  }
}

async function anotherPublishing(tx: Tx, job: ImportJob): Promise<boolean> {
  const other = await tx
    .selectFrom('import_jobs')
    .select('id')
    .where('org_id', '=', job.serviceId)
    .where('status', '=', 'running')
    .where('publishing_since', 'is not', null)
    .where('id', '!=', job.id)
    .where('updated_at', '>', sql<Date>`now() - ${STALE_AFTER}::interval`)
    .executeTakeFirst();
  return other !== undefined;
}

/**
 * One batch of `rows` staged referrals published, those with the smallest duplicate keys after
 * `after` (where the last batch ended); undefined once none are left.
 */
async function publishBatch(
  tx: Tx,
  job: ImportJob,
  columns: { referrals: string[]; parties: string[] },
  { after, rows }: { after: string | undefined; rows: number },
): Promise<{ written: number; dropped: number; lastKey: string } | undefined> {
  await claimRunningJob(tx, job.id); // also the job's heartbeat
  // This transaction sees the import's own hidden referrals (a reference drawn again is checked
  // against them); nobody else does.
  await sql`select set_config('waymark.publishing_import', ${job.id}, true)`.execute(tx);
  await lockServiceImports(tx, job.serviceId);
  let batch = tx
    .selectFrom('import_staged_referrals')
    .select(['id', 'duplicate_key'])
    .where('job_id', '=', job.id);
  if (after !== undefined) batch = batch.where('duplicate_key', '>', after);
  const staged = await batch.orderBy('duplicate_key').limit(rows).execute();
  const lastKey = staged.at(-1)?.duplicate_key;
  if (lastKey === undefined) return undefined;
  const ids = staged.map((row) => row.id);
  const dropped = await dropLateDuplicates(tx, job, ids);
  const expected = ids.length - dropped;
  const written = await publishStaged(tx, job.id, { ids, expected }, columns);
  return { written, dropped, lastKey };
}

/**
 * Takes out the import's referrals that a referral written through another door since
 * publishing began repeats: a batch could not see it (migration 0040).
 */
async function withdrawRepeats(tx: Tx, jobId: string): Promise<number> {
  const { rows } = await sql<{ n: number }>`
    select import_withdraw_repeated_since_publishing(${jobId}) as n`.execute(tx);
  return Number(rows[0]?.n ?? 0);
}
