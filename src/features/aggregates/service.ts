// Keeping the aggregate store up to date (docs/adr/0012-aggregate-store.md). Changes to case
// data mark what they touched, in their own transaction; refresh() recomputes the service months
// those marks name, set-based, inside the database, in short steps (migration 0041) so that
// nobody waits long behind it on the embedded database's one connection. The server runs it on
// a schedule and `waymark aggregates refresh` on demand.
import { sql, type Kysely } from 'kysely';
import type { FigureReads } from '../../db/figure-reads.js';
import type { DB } from '../../db/schema.js';

export interface RefreshResult {
  /** Referrals, cases and awareness sessions whose figures were recomputed. */
  subjects: number;
  /** Service months recomputed. */
  buckets: number;
  /** Whether everything was recomputed (the bank holidays had changed). */
  rebuilt: boolean;
  /** Transactions it took, and the longest of them in milliseconds. */
  steps: number;
  longestStepMs: number;
}

/** How much one step of a refresh takes on: a short transaction, whatever is waiting. */
export interface RefreshSteps {
  /** Marked records claimed at most a step. */
  subjects: number;
  /** Service months are recomputed one after another until this has passed. */
  ms: number;
}

export const REFRESH_STEPS: RefreshSteps = { subjects: 2_000, ms: 250 };

interface Step {
  subjects: number;
  buckets: number;
  rebuilt: boolean;
  through: string | null;
  done: boolean;
}

export interface StoreDifference {
  orgId: string;
  month: string;
  figure: string;
  dimension: string;
  value: string;
  stored: { n: number; total: number } | null;
  recomputed: { n: number; total: number } | null;
}

export function aggregateService({
  db,
  reads,
  steps = REFRESH_STEPS,
}: {
  db: Kysely<DB>;
  reads: FigureReads;
  steps?: RefreshSteps;
}) {
  /** One step, in a transaction of its own. */
  async function step(through: string | null): Promise<Step> {
    const result = await sql<Step>`
      select subjects, buckets, rebuilt, through::text as through, done
      from refresh_aggregates(${steps.subjects}, ${steps.ms}, ${through}::bigint)
    `.execute(db);
    const row = result.rows[0];
    if (!row) throw new Error('refresh_aggregates() returned no row');
    return row;
  }

  return {
    /**
     * Recomputes what was marked before it began, step after step. Another refresh running, or
     * an import publishing: does nothing, and the next refresh picks the marks up. Told to
     * stop, it does between two steps, and the next refresh finishes the work.
     */
    async refresh(options: { stop?: AbortSignal } = {}): Promise<RefreshResult> {
      const total: RefreshResult = {
        subjects: 0,
        buckets: 0,
        rebuilt: false,
        steps: 0,
        longestStepMs: 0,
      };
      let through: string | null = null;
      for (;;) {
        const started = performance.now();
        const taken = await step(through);
        total.steps += 1;
        total.longestStepMs = Math.max(total.longestStepMs, performance.now() - started);
        total.subjects += taken.subjects;
        total.buckets += taken.buckets;
        total.rebuilt ||= taken.rebuilt;
        if (taken.done || options.stop?.aborted) return total;
        through = taken.through;
      }
    },

    /** Recomputes every figure from the case records. */
    async rebuild(): Promise<void> {
      await sql`select rebuild_aggregates()`.execute(db);
    },

    /** When the figures readers see were last brought up to date (null: never). */
    async figuresAsAt(): Promise<Date | null> {
      return reads(
        null,
        async (tx) =>
          (await tx.selectFrom('aggregate_status').select('refreshed_at').executeTakeFirst())
            ?.refreshed_at ?? null,
      );
    },

    /**
     * Every figure where the store differs from a recomputation from the case records (none when
     * it is up to date). For `waymark aggregates check` and the tests.
     */
    async differences(): Promise<StoreDifference[]> {
      const rows = await sql<{
        org_id: string;
        month: string;
        figure: string;
        dimension: string;
        value: string;
        stored_n: number | null;
        stored_total: number | null;
        n: number | null;
        total: number | null;
      }>`select * from aggregate_store_differences()`.execute(db);
      return rows.rows.map((r) => ({
        orgId: r.org_id,
        month: r.month,
        figure: r.figure,
        dimension: r.dimension,
        value: r.value,
        stored: r.stored_n === null ? null : { n: r.stored_n, total: Number(r.stored_total) },
        recomputed: r.n === null ? null : { n: r.n, total: Number(r.total) },
      }));
    },
  };
}

export type AggregateService = ReturnType<typeof aggregateService>;
