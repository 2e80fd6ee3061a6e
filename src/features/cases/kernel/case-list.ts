// A case's rows in one of the tables its tabs list, each with the name of the user behind it
// (who recorded, wrote, uploaded or did it): the shape every list on a case reads. The name is
// null when the row names nobody, or a user the actor may not see.
import { sql, type SelectQueryBuilder } from 'kysely';
import type { Tx } from '../../../db/actor-context.js';
import type { DB } from '../../../db/schema.js';

/** Each listed table, and its column naming the user behind a row. */
const USER_COLUMN = {
  case_contacts: 'recorded_by',
  case_updates: 'recorded_by',
  case_offers: 'recorded_by',
  case_notes: 'created_by',
  case_documents: 'uploaded_by',
  case_events: 'actor_id',
  case_time_entries: 'user_id',
} as const;

export type ListedTable = keyof typeof USER_COLUMN;

/**
 * `table`'s rows of the case, with the name of the user behind each as `userNameAs`; the caller
 * adds its columns, joins and order.
 */
export function caseList<T extends ListedTable, A extends string>(
  tx: Tx,
  table: T,
  caseId: string,
  userNameAs: A,
) {
  const byUser = sql.ref(`${table}.${USER_COLUMN[table]}`);
  return tx
    .selectFrom(table as ListedTable)
    .leftJoin('users', (join) => join.on(sql<boolean>`users.id = ${byUser}`))
    .select(sql<string | null>`users.name`.as(userNameAs))
    .where(sql.ref(`${table}.case_id`), '=', caseId) as unknown as SelectQueryBuilder<
    DB,
    T,
    Record<A, string | null>
  >;
}
