// Where reads of figures go (docs/adr/0023-past-one-machine.md). Reports, the commissioner's
// area pages and the national view read aggregates, which may be seconds behind; with a
// streaming replica configured (DATABASE_READ_URL) they read it, so that a year-long report
// takes nothing from the primary that case work needs. Everything else (case pages, queues,
// forms) reads the primary, always. Two things send a read of figures back to the primary:
// the work in hand changes data (a posted form: what it shows must include the change), or the
// person last changed something at a point of the primary's write-ahead log that the replica
// has not replayed yet (a page shown after a write shows it).
import { sql, type Kysely } from 'kysely';
import type { Actor } from '../domain/roles.js';
import { withActor, type Tx } from './actor-context.js';
import type { DB } from './schema.js';

/** What the reads of the work in hand must see. */
export interface ReadFence {
  /** The work in hand changes data (a posted form): read from the primary. */
  writes?: boolean;
  /** Where in the primary's write-ahead log this person last changed something ('0/3000148'). */
  wroteAt?: string;
}

/**
 * Runs `work` as `actor` in a read-only transaction as the role waymark_figures, with the same
 * session settings row-level security reads as on the primary: on the replica when one is
 * configured and has caught up with the fence, otherwise on the primary.
 */
export type FigureReads = <T>(actor: Actor | null, work: (tx: Tx) => Promise<T>) => Promise<T>;

/** A position in the write-ahead log as PostgreSQL prints one (pg_lsn). */
export function isWalPosition(value: unknown): value is string {
  return typeof value === 'string' && /^[0-9A-F]{1,8}\/[0-9A-F]{1,8}$/i.test(value);
}

/** The end of what the primary has written so far: every commit made before it is within. */
export async function writePosition(primary: Kysely<DB>): Promise<string> {
  const { rows } = await sql<{
    position: string;
  }>`select pg_current_wal_insert_lsn()::text as position`.execute(primary);
  return rows[0]!.position;
}

/** Thrown inside a replica's transaction to end it and read from the primary instead. */
class ReplicaBehind extends Error {}

export function figureReads(options: {
  primary: Kysely<DB>;
  replica?: Kysely<DB>;
  /** The fence of the work in hand (the web request's, from its context). */
  fence?: () => ReadFence | undefined;
}): FigureReads {
  const { primary, replica, fence } = options;
  const on = <T>(db: Kysely<DB>, actor: Actor | null, work: (tx: Tx) => Promise<T>) =>
    withActor(db, actor, work, { figuresOnly: true, readOnly: true });
  if (!replica) return (actor, work) => on(primary, actor, work);
  return async (actor, work) => {
    const must = fence?.() ?? {};
    if (must.writes) return on(primary, actor, work);
    try {
      return await on(replica, actor, async (tx) => {
        if (must.wroteAt && !(await replayed(tx, must.wroteAt))) throw new ReplicaBehind();
        return work(tx);
      });
    } catch (error) {
      if (error instanceof ReplicaBehind) return on(primary, actor, work);
      throw error;
    }
  };
}

/**
 * Whether the replica has replayed the primary's log up to `position`. A server that is not
 * replaying a log (DATABASE_READ_URL naming the primary itself) has everything it will have.
 */
async function replayed(tx: Tx, position: string): Promise<boolean> {
  const { rows } = await sql<{ replayed: boolean }>`select coalesce(
      pg_last_wal_replay_lsn() >= ${position}::pg_lsn, true) as replayed`.execute(tx);
  return rows[0]?.replayed === true;
}
