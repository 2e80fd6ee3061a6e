// Importing referrals from a CSV file: the use cases the command line and the upload page share.
//
// On the embedded database, staging, then publishing. Rows are checked as the file streams in
// and staged (import_staged_referrals and _parties) in chunks, each its own short transaction
// (so a web server on the one connection keeps answering between chunks); then the staged rows
// are published in batches, hidden until a last transaction marks the job done and writes the
// audit event (batches.ts). Killed half way, an import leaves no referrals anyone can see, and
// what it staged or published is swept up later (sweep.ts). A dry run stages, and only counts.
// On a PostgreSQL server, a real import writes each row once, in one transaction of its own
// (one-transaction.ts), while requests use the pool's other connections.
import path from 'node:path';
import type { Readable } from 'node:stream';
import { importCapability, importJobViews, type Running } from './job-views.js';
import type { Kysely } from 'kysely';
import { withActor } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import { type Actor, type SystemActor, userIdOf } from '../../domain/roles.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize } from '../../platform/authorize.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, forbidden } from '../../platform/errors.js';
import type { Params } from '../../platform/i18n/index.js';
import { csvLine, openCsv, REASON_COLUMN, REFERRAL_COLUMNS, type CsvFile } from './csv.js';
import { Interrupted, writeEveryChunk } from './chunks.js';
import {
  addProgress,
  claimRunningJob,
  completeJob,
  createJob,
  deleteStaged,
  failJob,
  noProgress,
  recordProgress,
  type ImportJob,
  type ImportSummary,
} from './jobs.js';
import { importInOneTransaction } from './one-transaction.js';
import { isFileProblem } from './problems.js';
import { publishInBatches, PUBLISH_BATCH_ROWS, type BatchRows } from './batches.js';
import { countLeftovers, sweepAbandoned, sweepJobs } from './sweep.js';
import { countStaged, dropLateDuplicates } from './publish.js';
import { readyToCopy, stageChunk } from './copy-chunks.js';
import { checkChunk, importChecker, importContext, today } from './staging.js';

export interface ImportFile {
  /** The name to show (no folders). */
  name: string;
  size: number;
  open(): Readable;
}

export type { ImportSummary };

export interface StartedImport {
  jobId: string;
  /** Reads, checks, stages and publishes; settles when the job is done or has failed. */
  run(): Promise<ImportSummary>;
}

export interface ImportDeps {
  db: Kysely<DB>;
  clock: Clock;
  /**
   * True on the embedded database, where one connection serves every request: an import then
   * stages and publishes its rows in short transactions, so others wait only for one of them.
   * On a PostgreSQL server (false) it writes in one transaction (one-transaction.ts).
   */
  sharedConnection?: boolean;
  /** Requests waiting for that one connection; unknown, they are taken to be waiting. */
  waitingForConnection?: () => number;
  /** The size of a batch when publishing in batches (PUBLISH_BATCH_ROWS; tests make it small). */
  publishBatchRows?: BatchRows;
  /** Called between two batches, once the first has committed: how the tests watch one. */
  afterPublishedBatch?: () => Promise<void>;
}

/** Who may import: a service manager on the web, the operator for a named service. */

export function importService(deps: ImportDeps) {
  const { db, clock, sharedConnection = true, waitingForConnection = () => 1 } = deps;
  const batchSizes = deps.publishBatchRows ?? PUBLISH_BATCH_ROWS;
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
    job: ImportJob,
    csv: CsvFile,
    stop: AbortSignal,
  ): Promise<ImportSummary> {
    if (!sharedConnection && !job.dryRun)
      return importInOneTransaction({ db, clock, actor, job, csv, stop });
    const progress = noProgress();
    const context = importContext(actor, job, csv);
    const checker = importChecker(db);
    await writeEveryChunk({
      csv,
      stop,
      check: async (chunk) =>
        readyToCopy(await checkChunk(checker, { ...context, ...today(clock) }, chunk)),
      write: (checked, rows, bytesRead) =>
        withActor(db, actor, async (tx) => {
          const counts = await stageChunk(tx, context, checked);
          if (!(await recordProgress(tx, job.id, addProgress(progress, counts, rows, bytesRead))))
            throw new Interrupted();
        }),
    });

    if (!job.dryRun)
      return publishInBatches({
        db,
        clock,
        actor,
        job,
        progress,
        stop,
        batchRows: () => (waitingForConnection() > 0 ? batchSizes.othersWaiting : batchSizes.alone),
        afterBatch: deps.afterPublishedBatch,
      });
    return withActor(db, actor, async (tx) => {
      await claimRunningJob(tx, job.id);
      const duplicates = progress.duplicates + (await dropLateDuplicates(tx, job));
      const imported = await countStaged(tx, job.id);
      await deleteStaged(tx, job.id);
      return completeJob(tx, actor, job, { ...progress, imported, duplicates });
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
     * Deletes what abandoned imports staged in one service: personal data that was never
     * published. A service sweeps its own whenever it imports again; the retention run calls
     * this for every organisation, so one that never imports again does not keep it. Rejected
     * rows are left to their own retention kind. Answers how many staged referrals went (on a
     * dry run, would go).
     */
    async sweepLeftovers(scope: SystemActor, options: { dryRun: boolean }): Promise<number> {
      await authorize(db, scope, 'administer_system', 'referral_import.leftovers_swept');
      const orgId = scope.orgId;
      if (!orgId) return 0;
      const active = [...running.keys()];
      return withActor(db, scope, (tx) =>
        options.dryRun ? countLeftovers(tx, orgId, active) : sweepAbandoned(tx, orgId, active),
      );
    },

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
