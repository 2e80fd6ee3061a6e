// Keeping the aggregate store up to date (docs/adr/0012-aggregate-store.md). Changes to case
// data mark what they touched, in their own transaction; refresh() recomputes the service months
// those marks name, set-based, inside the database. The server runs it on a schedule and
// `waymark aggregates refresh` on demand.
import { sql, type Kysely } from 'kysely';
import type { FigureReads } from '../../db/figure-reads.js';
import type { DB } from '../../db/schema.js';

export interface RefreshResult {
  /** Referrals, cases and awareness sessions whose figures were recomputed. */
  subjects: number;
  /** Service months recomputed. */
  buckets: number;
  /** Whether so much had changed that everything was recomputed. */
  rebuilt: boolean;
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

export function aggregateService({ db, reads }: { db: Kysely<DB>; reads: FigureReads }) {
  return {
    /** Recomputes what changed since the last refresh. Another refresh running: does nothing. */
    async refresh(): Promise<RefreshResult> {
      const result = await sql<RefreshResult>`select * from refresh_aggregates()`.execute(db);
      return result.rows[0] ?? { subjects: 0, buckets: 0, rebuilt: false };
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
