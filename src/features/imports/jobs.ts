// Import jobs as rows: created when a file's header has been checked, moved forward by each
// chunk (which doubles as the job's heartbeat), and swept up when their process has gone
// (sweep.ts).
import { sql } from 'kysely';
import type { Tx } from '../../db/actor-context.js';
import type { Actor } from '../../domain/roles.js';
import { recordAudit } from '../../platform/audit.js';
import type { Params } from '../../platform/i18n/index.js';
import { Interrupted } from './chunks.js';
import type { ChunkCounts } from './staging.js';
import { withdrawUnpublished } from './sweep.js';

export interface NewJob {
  orgId: string;
  fileName: string;
  bytesTotal: number;
  dryRun: boolean;
  header: string;
  createdBy: string | null;
}

export async function createJob(tx: Tx, job: NewJob): Promise<string> {
  const row = await tx
    .insertInto('import_jobs')
    .values({
      org_id: job.orgId,
      kind: 'referrals',
      file_name: job.fileName,
      dry_run: job.dryRun,
      bytes_total: job.bytesTotal,
      header: job.header,
      created_by: job.createdBy,
    })
    .returning('id')
    .executeTakeFirstOrThrow();
  return row.id;
}

export interface Progress {
  rowsRead: number;
  staged: number;
  rejected: number;
  duplicates: number;
  bytesRead: number;
}

export function noProgress(): Progress {
  return { rowsRead: 0, staged: 0, rejected: 0, duplicates: 0, bytesRead: 0 };
}

/** Adds a written chunk to `progress`, and returns it. */
export function addProgress(
  progress: Progress,
  counts: ChunkCounts,
  rows: number,
  bytesRead: number,
): Progress {
  progress.rowsRead += rows;
  progress.staged += counts.staged;
  progress.rejected += counts.rejected;
  progress.duplicates += counts.duplicates;
  progress.bytesRead = bytesRead;
  return progress;
}

/** Records progress; false when the job is no longer running (a sweep marked it failed). */
export async function recordProgress(tx: Tx, jobId: string, progress: Progress): Promise<boolean> {
  const row = await tx
    .updateTable('import_jobs')
    .set({
      rows_read: progress.rowsRead,
      imported: progress.staged,
      rejected: progress.rejected,
      duplicates: progress.duplicates,
      bytes_read: progress.bytesRead,
      updated_at: sql`now()`,
    })
    .where('id', '=', jobId)
    .where('status', '=', 'running')
    .returning('id')
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Marks a job failed and drops what it staged, published unseen, and rejected (nothing of it is
 * kept).
 */
export async function failJob(
  tx: Tx,
  jobId: string,
  error: { key: string; params?: Params },
): Promise<void> {
  await withdrawUnpublished(tx, tx.selectFrom('import_jobs').select('id').where('id', '=', jobId));
  await tx
    .updateTable('import_jobs')
    .set({
      status: 'failed',
      error: error.key,
      error_params: error.params ? JSON.stringify(error.params) : null,
      finished_at: sql`now()`,
      updated_at: sql`now()`,
    })
    .where('id', '=', jobId)
    .where('status', '=', 'running')
    .execute();
  await deleteStaged(tx, jobId);
  await tx.deleteFrom('import_rejects').where('job_id', '=', jobId).execute();
}

/** Deletes a job's staged referrals and their parties. */
export async function deleteStaged(tx: Tx, jobId: string): Promise<void> {
  await tx.deleteFrom('import_staged_parties').where('job_id', '=', jobId).execute();
  await tx.deleteFrom('import_staged_referrals').where('job_id', '=', jobId).execute();
}

/** What an import is working on. */
export interface ImportJob {
  id: string;
  serviceId: string;
  dryRun: boolean;
}

export interface ImportSummary {
  jobId: string;
  dryRun: boolean;
  rowsRead: number;
  imported: number;
  rejected: number;
  duplicates: number;
}

/**
 * Makes sure the job is still running before it is finished (a sweep may have taken it for
 * abandoned), and holds its row until the caller's transaction ends.
 */
export async function claimRunningJob(tx: Tx, jobId: string): Promise<void> {
  const still = await tx
    .updateTable('import_jobs')
    .set({ updated_at: sql`now()` })
    .where('id', '=', jobId)
    .where('status', '=', 'running')
    .returning('id')
    .executeTakeFirst();
  if (!still) throw new Interrupted();
}

/** Marks the job done with its totals and writes the audit event, in the caller's transaction. */
export async function completeJob(
  tx: Tx,
  actor: Actor,
  job: ImportJob,
  totals: Progress & { imported: number },
): Promise<ImportSummary> {
  await tx
    .updateTable('import_jobs')
    .set({
      status: 'done',
      rows_read: totals.rowsRead,
      imported: totals.imported,
      rejected: totals.rejected,
      duplicates: totals.duplicates,
      bytes_read: sql<number>`bytes_total`,
      finished_at: sql`now()`,
      updated_at: sql`now()`,
    })
    .where('id', '=', job.id)
    .execute();
  const summary = {
    jobId: job.id,
    dryRun: job.dryRun,
    rowsRead: totals.rowsRead,
    imported: totals.imported,
    rejected: totals.rejected,
    duplicates: totals.duplicates,
  };
  await recordAudit(tx, actor, {
    action: job.dryRun ? 'referral_import.checked' : 'referral_import.published',
    entityType: 'import_job',
    entityId: job.id,
    details: { ...summary, jobId: undefined, service: job.serviceId },
  });
  return summary;
}
