// A service's import jobs as its staff see them: the recent ones, one job's progress and
// counts, and the rows it rejected (downloaded as a CSV, audited).
import { type Kysely } from 'kysely';
import { withActor, type Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import { isUuid } from '../../domain/ids.js';
import type { Actor, Capability } from '../../domain/roles.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize } from '../../platform/authorize.js';
import { notFound } from '../../platform/errors.js';
import type { Params } from '../../platform/i18n/index.js';
import { sweepJobs } from './sweep.js';

/** Imports this process is running, so a sweep never takes them for abandoned ones. */
export type Running = Map<string, { stop: AbortController; settled: Promise<unknown> }>;

/** The operator imports for a named service; staff need to manage theirs. */
export const importCapability = (actor: Actor): Capability =>
  actor.kind === 'system' ? 'refer' : 'manage_service';

export function importJobViews({ db }: { db: Kysely<DB> }, running: Running) {
  async function readJob(tx: Tx, actor: Actor, jobId: string) {
    if (!isUuid(jobId)) throw notFound();
    const job = await tx
      .selectFrom('import_jobs')
      .selectAll()
      .where('id', '=', jobId)
      .where('kind', '=', 'referrals')
      .executeTakeFirst();
    if (!job || job.org_id !== actor.orgId) throw notFound();
    return job;
  }

  return {
    /** The service's latest imports, newest first. */
    async recent(actor: Actor, limit = 5) {
      await authorize(db, actor, 'manage_service', 'referral_import.listed');
      return withActor(db, actor, (tx) =>
        tx
          .selectFrom('import_jobs')
          .select([
            'id',
            'file_name as fileName',
            'status',
            'dry_run as dryRun',
            'created_at as createdAt',
          ])
          .where('org_id', '=', actor.orgId!)
          .where('kind', '=', 'referrals')
          .orderBy('created_at', 'desc')
          .limit(limit)
          .execute(),
      );
    },

    /** A job's progress and outcome, for the page that follows it. */
    async job(actor: Actor, jobId: string) {
      await authorize(db, actor, 'manage_service', 'referral_import.viewed');
      return withActor(db, actor, async (tx) => {
        await sweepJobs(tx, actor.orgId!, [...running.keys()]);
        const job = await readJob(tx, actor, jobId);
        const rejectsKept =
          job.rejected > 0 &&
          (await tx
            .selectFrom('import_rejects')
            .select('row_number')
            .where('job_id', '=', job.id)
            .limit(1)
            .executeTakeFirst()) !== undefined;
        return {
          id: job.id,
          fileName: job.file_name,
          status: job.status,
          dryRun: job.dry_run,
          rowsRead: job.rows_read,
          imported: job.imported,
          rejected: job.rejected,
          duplicates: job.duplicates,
          percent:
            job.status === 'done'
              ? 100
              : job.bytes_total > 0
                ? Math.min(99, Math.floor((job.bytes_read / job.bytes_total) * 100))
                : 0,
          publishing: job.status === 'running' && job.bytes_read >= job.bytes_total,
          error: job.error
            ? { key: job.error, params: (job.error_params ?? undefined) as Params | undefined }
            : null,
          createdAt: job.created_at,
          finishedAt: job.finished_at,
          rejectsKept,
        };
      });
    },

    /**
     * A job's rejected rows as CSV lines, the header first, for the rejects file. Read in
     * pages, so a large file's rejects are never held at once. Downloading them is audited.
     */
    async rejects(actor: Actor, jobId: string, options: { audit?: boolean } = {}) {
      await authorize(
        db,
        actor,
        actor.kind === 'system' ? 'refer' : 'triage_referrals',
        'referral_import.rejects_read',
      );
      const job = await withActor(db, actor, async (tx) => {
        const row = await readJob(tx, actor, jobId);
        if (options.audit !== false) {
          await recordAudit(tx, actor, {
            action: 'referral_import.rejects_downloaded',
            entityType: 'import_job',
            entityId: row.id,
            details: { rejected: row.rejected },
          });
        }
        return row;
      });
      async function* lines(): AsyncGenerator<string> {
        yield job.header ?? '';
        let after = -1;
        for (;;) {
          const page = await withActor(db, actor, (tx) =>
            tx
              .selectFrom('import_rejects')
              .select(['row_number', 'line'])
              .where('job_id', '=', job.id)
              .where('row_number', '>', after)
              .orderBy('row_number')
              .limit(1000)
              .execute(),
          );
          for (const row of page) yield row.line;
          if (page.length < 1000) return;
          after = page[page.length - 1]!.row_number;
        }
      }
      return { fileName: job.file_name, rejected: job.rejected, lines: lines() };
    },

    /** Deletes a job's rejected rows once they have been written out (the command line). */
    async discardRejects(actor: Actor, jobId: string) {
      await authorize(db, actor, importCapability(actor), 'referral_import.rejects_discarded');
      await withActor(db, actor, (tx) =>
        tx.deleteFrom('import_rejects').where('job_id', '=', jobId).execute(),
      );
    },
  };
}
