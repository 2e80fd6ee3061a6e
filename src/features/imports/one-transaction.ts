// Importing in one transaction, on a PostgreSQL server. Each checked chunk is written straight
// into referrals and referral_parties, inside one transaction that stays open until the file
// ends: every row is written once (staging would write it twice), and the referrals appear
// together when it commits, or never. Requests meanwhile use the pool's other connections and
// do not wait for it. Progress, which is also the job's heartbeat, is recorded in short
// transactions of its own, so the job page shows it. Killed half way, the server rolls the
// transaction back, and the next import's sweep marks the job failed (sweep.ts).
import { sql, type Kysely } from 'kysely';
import { withActor, type Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../domain/roles.js';
import type { Clock } from '../../platform/clock.js';
import { Interrupted, writeEveryChunk } from './chunks.js';
import type { CsvFile } from './csv.js';
import {
  addProgress,
  claimRunningJob,
  completeJob,
  noProgress,
  recordProgress,
  type ImportJob,
  type ImportSummary,
} from './jobs.js';
import { lockServiceImports } from './publish.js';
import { createChunkTables, insertChunk, readyToCopy } from './copy-chunks.js';
import { checkChunk, importChecker, importContext, today } from './staging.js';

/**
 * Rows per chunk here: no other request waits for a chunk, so chunks are larger than staged
 * ones, and the statements' own cost is shared by more rows; but the first chunk is checked
 * before anything is written, and the last written after everything is checked. 100,000 rows
 * on a PostgreSQL server (`npm run bench -- referral-import`, copied in by copy-chunks.ts):
 * 11.9 s with 2,500, 11.0–12.4 s with 5,000, 14.9 s with 10,000.
 */
export const CHUNK_ROWS_IN_ONE_TRANSACTION = 5_000;

export interface OneTransactionImport {
  db: Kysely<DB>;
  clock: Clock;
  actor: Actor;
  job: ImportJob;
  csv: CsvFile;
  stop: AbortSignal;
}

export function importInOneTransaction(options: OneTransactionImport): Promise<ImportSummary> {
  const { db, clock, actor, job, csv, stop } = options;
  const progress = noProgress();
  const context = importContext(actor, job, csv);
  const checker = importChecker(db);
  return withActor(db, actor, async (tx) => {
    // Held from the start: two imports into one service run one after the other, and each
    // sees the other's referrals as duplicates.
    await lockServiceImports(tx, job.serviceId);
    await createChunkTables(tx);
    await writeEveryChunk({
      csv,
      stop,
      chunkRows: CHUNK_ROWS_IN_ONE_TRANSACTION,
      check: async (chunk) =>
        readyToCopy(await checkChunk(checker, { ...context, ...today(clock) }, chunk)),
      write: async (checked, rows, bytesRead) => {
        const counts = await insertChunk(tx, context, checked);
        addProgress(progress, counts, rows, bytesRead);
        const recorded = await withActor(db, actor, (own) => recordProgress(own, job.id, progress));
        if (!recorded) throw new Interrupted();
      },
    });
    await claimRunningJob(tx, job.id);
    const late = await dropLateDuplicates(tx, job);
    return completeJob(tx, actor, job, {
      ...progress,
      imported: progress.staged - late,
      duplicates: progress.duplicates + late,
    });
  });
}

/**
 * Referrals of this import that repeat one another door wrote, committed after the chunk that
 * holds them checked for duplicates, are taken out again, with their parties (migration 0036:
 * the application role may delete no referral but these).
 */
async function dropLateDuplicates(tx: Tx, job: ImportJob): Promise<number> {
  const result = await sql<{ withdrawn: number }>`
    select import_withdraw_late_duplicates(${job.id}) as withdrawn`.execute(tx);
  return Number(result.rows[0]?.withdrawn ?? 0);
}
