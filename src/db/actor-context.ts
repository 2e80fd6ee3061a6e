import { sql, type Kysely, type Transaction } from 'kysely';
import { seesFiguresOnly, userIdOf, type Actor } from '../domain/roles.js';
import { FIGURES_ROLE } from './connect.js';
import type { DB } from './schema.js';

export type Tx = Transaction<DB>;

export interface ActorOptions {
  /**
   * Act as the database role waymark_figures, which may read the aggregate store and nothing of
   * case data. Always so for commissioners and national analysts; every report asks for it.
   */
  figuresOnly?: boolean;
  /**
   * A read-only transaction: PostgreSQL refuses any write in it. Reads of figures are, on the
   * primary as on a replica (where every transaction is read-only anyway).
   */
  readOnly?: boolean;
}

/**
 * Runs `work` in one transaction that tells PostgreSQL who is acting, so row-level security
 * policies see the acting organisation, user and role (null: nobody has signed in yet).
 * set_config(..., true) and SET LOCAL ROLE last until the transaction ends, so nothing leaks to
 * the next request on a pooled connection.
 */
export async function withActor<T>(
  db: Kysely<DB>,
  actor: Actor | null,
  work: (tx: Tx) => Promise<T>,
  options: ActorOptions = {},
): Promise<T> {
  const orgId = actor?.orgId ?? '';
  const userId = (actor && userIdOf(actor)) ?? '';
  // 'system', 'api' or 'respondent' for an actor that is not a signed-in person.
  const role = actor === null ? '' : actor.kind === 'user' ? actor.role : actor.kind;
  // A respondent may only touch the one link they hold (see migration 0007).
  const linkHash = actor?.kind === 'respondent' ? actor.linkHash : '';
  const transaction = options.readOnly
    ? db.transaction().setAccessMode('read only')
    : db.transaction();
  return transaction.execute(async (tx) => {
    await sql`select
        set_config('app.org_id', ${orgId}, true),
        set_config('app.user_id', ${userId}, true),
        set_config('app.role', ${role}, true),
        set_config('app.link_hash', ${linkHash}, true)`.execute(tx);
    if (options.figuresOnly || seesFiguresOnly(actor))
      await sql.raw(`set local role ${FIGURES_ROLE}`).execute(tx);
    return work(tx);
  });
}
