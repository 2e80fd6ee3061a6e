// The retention job inside the server: every hour it asks the database whether a day has passed
// since the last run, claiming the run in the same statement, so several Waymark processes on
// one PostgreSQL server run it once between them. The state is in the database, not in memory.
import type { Kysely } from 'kysely';
import { withActor } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import type { SystemActor } from '../../domain/roles.js';
import type { Clock } from '../../platform/clock.js';
import { jobContext, runInContext } from '../../platform/request-context.js';
import type { RetentionReport, RetentionService } from './service.js';

export const RETENTION_JOB = 'retention';
const scheduler: SystemActor = { kind: 'system', orgId: null, name: 'scheduler' };

/** Claims the day's run if it is due; true when this process should run it. */
async function claim(db: Kysely<DB>, clock: Clock, everyHours: number): Promise<boolean> {
  return withActor(db, scheduler, async (tx) => {
    await tx
      .insertInto('scheduled_jobs')
      .values({ name: RETENTION_JOB })
      .onConflict((oc) => oc.column('name').doNothing())
      .execute();
    const now = clock.now();
    const claimed = await tx
      .updateTable('scheduled_jobs')
      .set({ last_started_at: now })
      .where('name', '=', RETENTION_JOB)
      .where((eb) =>
        eb.or([
          eb('last_started_at', 'is', null),
          eb('last_started_at', '<=', new Date(now.getTime() - everyHours * 3_600_000)),
        ]),
      )
      .returning('name')
      .executeTakeFirst();
    return claimed !== undefined;
  });
}

async function finish(db: Kysely<DB>, clock: Clock, report: RetentionReport | Error) {
  await withActor(db, scheduler, (tx) =>
    tx
      .updateTable('scheduled_jobs')
      .set({
        last_finished_at: clock.now(),
        last_outcome: report instanceof Error ? 'failed' : 'done',
        last_report: JSON.stringify(report instanceof Error ? { error: report.message } : report),
      })
      .where('name', '=', RETENTION_JOB)
      .execute(),
  );
}

export interface RetentionScheduleOptions {
  db: Kysely<DB>;
  clock: Clock;
  retention: RetentionService;
  /** How often to look whether a run is due (an hour). */
  checkEveryMs?: number;
  /** How long between runs (a day). */
  everyHours?: number;
  log?: (message: string, details: Record<string, unknown>) => void;
}

/** Runs retention if it is due; the report, or undefined when it was not due here. */
export async function runRetentionIfDue(
  options: RetentionScheduleOptions,
): Promise<RetentionReport | undefined> {
  if (!(await claim(options.db, options.clock, options.everyHours ?? 24))) return undefined;
  return runInContext(jobContext(RETENTION_JOB), async () => {
    try {
      const report = await options.retention.run({ ...scheduler, name: 'retention job' });
      await finish(options.db, options.clock, report);
      options.log?.('retention ran', {
        kinds: Object.fromEntries(report.kinds.map((k) => [k.kind, k.handled])),
      });
      return report;
    } catch (error) {
      await finish(options.db, options.clock, error as Error).catch(() => undefined);
      throw error;
    }
  });
}

export function startRetentionSchedule(options: RetentionScheduleOptions) {
  let running: Promise<unknown> | undefined;
  const tick = () => {
    running ??= runRetentionIfDue(options)
      .catch((error: unknown) =>
        options.log?.('retention failed', { error: (error as Error).message }),
      )
      .finally(() => (running = undefined));
  };
  // The first look a minute after start, so starting is not slowed; then every hour.
  const first = setTimeout(tick, 60_000);
  const timer = setInterval(tick, options.checkEveryMs ?? 3_600_000);
  first.unref();
  timer.unref();
  return {
    async stop() {
      clearTimeout(first);
      clearInterval(timer);
      await running;
    },
  };
}
