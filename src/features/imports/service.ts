// Importing referrals from a CSV file: the use cases the command line and the upload page share.
//
// Staging, then publishing. Rows are checked as the file streams in and written to
// import_staging in chunks, each its own short transaction (so a web server on the embedded
// database keeps answering between chunks); then one transaction publishes every staged row as
// a referral, marks the job done and writes the audit event. Killed half way, an import leaves
// no referrals; what it staged is swept up later (jobs.ts).
import path from 'node:path';
import type { Readable } from 'node:stream';
import { importCapability, importJobViews, type Running } from './job-views.js';
import { sql, type Kysely } from 'kysely';
import { withActor } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import { type Actor, userIdOf } from '../../domain/roles.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize } from '../../platform/authorize.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, forbidden } from '../../platform/errors.js';
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

class Interrupted extends Error {
  constructor() {
    super('the import was stopped');
  }
}

export function importService({ db, clock }: ImportDeps) {
  /** Imports this process is running, so a sweep never takes them for abandoned ones. */
  const running: Running = new Map();

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
      submittedBy: userIdOf(actor),
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
            createdBy: userIdOf(actor),
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

    ...importJobViews({ db }, running),

    /** Stops this process's imports (the server is stopping): each is marked failed. */
    async stopAll() {
      const all = [...running.values()];
      for (const job of all) job.stop.abort();
      await Promise.all(all.map((job) => job.settled));
    },
  };
}

export type ImportService = ReturnType<typeof importService>;
