// Importing referrals from a CSV file: the use cases the command line and the upload page share.
//
// Staging, then publishing. Rows are checked as the file streams in and written to
// import_staging in chunks, each its own short transaction (so a web server on the embedded
// database keeps answering between chunks); then one transaction publishes every staged row as
// a referral, marks the job done and writes the audit event. Killed half way, an import leaves
// no referrals; what it staged is swept up later (jobs.ts).
import path from 'node:path';
import type { Readable } from 'node:stream';
import { sql, type Kysely } from 'kysely';
import { withActor, type Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import { isUuid } from '../../domain/ids.js';
import type { Actor, Capability } from '../../domain/roles.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize } from '../../platform/authorize.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, forbidden, notFound } from '../../platform/errors.js';
import { londonDate } from '../../platform/format.js';
import type { Params } from '../../platform/i18n/index.js';
import {
  csvLine,
  openCsv,
  REASON_COLUMN,
  REFERRAL_COLUMNS,
  type CsvFile,
  type CsvRow,
} from './csv.js';
import { createJob, failJob, recordProgress, sweepJobs, type Progress } from './jobs.js';
import { isFileProblem } from './problems.js';
import { countStaged, dropLateDuplicates, lockServiceImports, publishStaged } from './publish.js';
import { checkChunk, importChecker, writeChunk, type CheckedChunk } from './staging.js';

/** Rows per staging transaction: small enough that other requests wait only a moment. */
export const CHUNK_ROWS = 500;

export interface ImportFile {
  /** The name to show (no folders). */
  name: string;
  size: number;
  open(): Readable;
}

export interface ImportSummary {
  jobId: string;
  dryRun: boolean;
  rowsRead: number;
  imported: number;
  rejected: number;
  duplicates: number;
}

export interface StartedImport {
  jobId: string;
  /** Reads, checks, stages and publishes; settles when the job is done or has failed. */
  run(): Promise<ImportSummary>;
}

export interface ImportDeps {
  db: Kysely<DB>;
  clock: Clock;
}

/** Who may import: a service manager on the web, the operator for a named service. */
const importCapability = (actor: Actor): Capability =>
  actor.kind === 'system' ? 'refer' : 'manage_service';

class Interrupted extends Error {
  constructor() {
    super('the import was stopped');
  }
}

export function importService({ db, clock }: ImportDeps) {
  /** Imports this process is running, so a sweep never takes them for abandoned ones. */
  const running = new Map<string, { stop: AbortController; settled: Promise<unknown> }>();

  async function findRjService(slug: string) {
    const service = await db
      .selectFrom('organisations')
      .select(['id', 'name', 'kind'])
      .where('slug', '=', slug.trim().toLowerCase())
      .executeTakeFirst();
    if (!service)
      throw new AppError('validation', 'imports.errors.serviceUnknown', { params: { slug } });
    if (service.kind !== 'rj_service')
      throw new AppError('validation', 'imports.errors.notRjService', { params: { slug } });
    return service;
  }

  async function execute(
    actor: Actor,
    job: { id: string; serviceId: string; dryRun: boolean },
    csv: CsvFile,
    stop: AbortSignal,
  ): Promise<ImportSummary> {
    const progress: Progress = { rowsRead: 0, staged: 0, rejected: 0, duplicates: 0, bytesRead: 0 };
    const context = {
      jobId: job.id,
      serviceId: job.serviceId,
      header: csv.header,
      submittedBy: actor.kind === 'user' ? actor.userId : null,
    };
    const checker = importChecker(db);
    const write = (checked: CheckedChunk, rows: number, bytesRead: number) =>
      withActor(db, actor, async (tx) => {
        const counts = await writeChunk(tx, context, checked);
        progress.rowsRead += rows;
        progress.staged += counts.staged;
        progress.rejected += counts.rejected;
        progress.duplicates += counts.duplicates;
        progress.bytesRead = bytesRead;
        if (!(await recordProgress(tx, job.id, progress))) throw new Interrupted();
      });

    // While the database writes one chunk, the next is read and checked.
    let writing: Promise<void> = Promise.resolve();
    const stage = async (chunk: CsvRow[]) => {
      const now = clock.now();
      const checked = await checkChunk(checker, { ...context, now, today: londonDate(now) }, chunk);
      const bytesRead = csv.bytesRead();
      await writing;
      writing = write(checked, chunk.length, bytesRead);
      writing.catch(() => undefined); // awaited at the next chunk or the end
    };

    try {
      let chunk: CsvRow[] = [];
      for await (const row of csv.rows) {
        if (stop.aborted) throw new Interrupted();
        chunk.push(row);
        if (chunk.length === CHUNK_ROWS) {
          await stage(chunk);
          chunk = [];
        }
      }
      if (chunk.length > 0) await stage(chunk);
    } finally {
      await writing.catch(() => undefined); // settled before the job is published or failed
    }
    await writing;
    if (stop.aborted) throw new Interrupted();

    return withActor(db, actor, async (tx) => {
      const still = await tx
        .updateTable('import_jobs')
        .set({ updated_at: sql`now()` })
        .where('id', '=', job.id)
        .where('status', '=', 'running')
        .returning('id')
        .executeTakeFirst();
      if (!still) throw new Interrupted();
      await lockServiceImports(tx, job.serviceId);
      const duplicates = progress.duplicates + (await dropLateDuplicates(tx, job.id));
      const imported = job.dryRun ? await countStaged(tx, job.id) : await publishStaged(tx, job.id);
      await tx.deleteFrom('import_staging').where('job_id', '=', job.id).execute();
      await tx
        .updateTable('import_jobs')
        .set({
          status: 'done',
          rows_read: progress.rowsRead,
          imported,
          rejected: progress.rejected,
          duplicates,
          bytes_read: sql<number>`bytes_total`,
          finished_at: sql`now()`,
          updated_at: sql`now()`,
        })
        .where('id', '=', job.id)
        .execute();
      const summary = {
        jobId: job.id,
        dryRun: job.dryRun,
        rowsRead: progress.rowsRead,
        imported,
        rejected: progress.rejected,
        duplicates,
      };
      await recordAudit(tx, actor, {
        action: job.dryRun ? 'referral_import.checked' : 'referral_import.published',
        entityType: 'import_job',
        entityId: job.id,
        details: { ...summary, jobId: undefined, service: job.serviceId },
      });
      return summary;
    });
  }

  /** Records why a job failed; its staged and rejected rows go with it. */
  async function fail(actor: Actor, jobId: string, error: unknown) {
    const reason: { key: string; params?: Params } =
      error instanceof Interrupted
        ? { key: 'imports.errors.interrupted' }
        : isFileProblem(error)
          ? { key: error.messageKey, params: error.params }
          : { key: 'imports.errors.unexpected' };
    await withActor(db, actor, async (tx) => {
      await failJob(tx, jobId, reason);
      await recordAudit(tx, actor, {
        action: 'referral_import.failed',
        entityType: 'import_job',
        entityId: jobId,
        outcome: 'failed',
        details: { error: reason.key },
      });
    }).catch(() => undefined); // the database itself may be what failed
  }

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
    /** The RJ service an operator names on the command line. */
    findRjService,

    /**
     * Checks the file can be imported (readable, UTF-8, a header naming known columns) and
     * creates its job. Nothing is read past the header until run() is called.
     */
    async start(actor: Actor, file: ImportFile, options: { dryRun?: boolean } = {}) {
      await authorize(db, actor, importCapability(actor), 'referral_import.started');
      const serviceId = actor.orgId;
      const service = serviceId
        ? await db
            .selectFrom('organisations')
            .select('kind')
            .where('id', '=', serviceId)
            .executeTakeFirst()
        : undefined;
      if (!serviceId || service?.kind !== 'rj_service') throw forbidden();

      const csv = await openCsv(file.open(), REFERRAL_COLUMNS);
      const dryRun = options.dryRun === true;
      let jobId: string;
      try {
        jobId = await withActor(db, actor, async (tx) => {
          await sweepJobs(tx, serviceId, [...running.keys()]);
          const id = await createJob(tx, {
            orgId: serviceId,
            fileName: path.basename(file.name),
            bytesTotal: file.size,
            dryRun,
            header: csvLine([REASON_COLUMN, ...csv.header.cells]),
            createdBy: actor.kind === 'user' ? actor.userId : null,
          });
          await recordAudit(tx, actor, {
            action: 'referral_import.started',
            entityType: 'import_job',
            entityId: id,
            details: { service: serviceId, dryRun, bytes: file.size },
          });
          return id;
        });
      } catch (error) {
        csv.close();
        throw error;
      }

      const stop = new AbortController();
      let settled: Promise<ImportSummary> | undefined;
      const started: StartedImport = {
        jobId,
        run() {
          settled ??= (async () => {
            try {
              return await execute(actor, { id: jobId, serviceId, dryRun }, csv, stop.signal);
            } catch (error) {
              csv.close();
              await fail(actor, jobId, error);
              throw error;
            } finally {
              running.delete(jobId);
            }
          })();
          running.set(jobId, { stop, settled: settled.catch(() => undefined) });
          return settled;
        },
      };
      return started;
    },

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

    /** Stops this process's imports (the server is stopping): each is marked failed. */
    async stopAll() {
      const all = [...running.values()];
      for (const job of all) job.stop.abort();
      await Promise.all(all.map((job) => job.settled));
    },
  };
}

export type ImportService = ReturnType<typeof importService>;
