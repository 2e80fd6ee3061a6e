// The two queries a case's own records are most often read and added with: every row of one of
// its tables, in a stated order; and a new row, filed under the case and its service.
import type { Insertable, Selectable } from 'kysely';
import type { Tx } from '../../../db/actor-context.js';
import type { DB } from '../../../db/schema.js';
import type { CaseRow } from './case-row.js';

/** A table of things that belong to one case (each row has its id, service, case and age). */
export type CaseOwnTable =
  | 'case_agreement_items'
  | 'case_agreement_payments'
  | 'case_agreement_plans'
  | 'case_follow_ups'
  | 'case_interventions'
  | 'case_shuttle_messages'
  | 'case_letters'
  | 'case_participants'
  | 'case_offers'
  | 'case_consents'
  | 'case_assessments';

/** Every row of the case in `table`, ordered by the columns given, in turn. */
export async function rowsOf<T extends CaseOwnTable>(
  tx: Tx,
  row: Pick<CaseRow, 'id'>,
  table: T,
  ...orderBy: (keyof DB[T] & string)[]
): Promise<Selectable<DB[T]>[]> {
  let query = tx
    .selectFrom(table as CaseOwnTable)
    .selectAll()
    .where('case_id', '=', row.id);
  for (const column of orderBy) query = query.orderBy(column as 'created_at');
  return (await query.execute()) as Selectable<DB[T]>[];
}

/** Adds a row to the case in `table` and answers its id. */
export async function addToCase<T extends CaseOwnTable>(
  tx: Tx,
  row: Pick<CaseRow, 'id' | 'org_id'>,
  table: T,
  values: Omit<Insertable<DB[T]>, 'org_id' | 'case_id'>,
): Promise<string> {
  // One table stands for the union: Kysely cannot check an insert into a table chosen by a
  // type parameter, so `values` is checked against the table named, above.
  const added = await tx
    .insertInto(table as 'case_letters')
    .values({ ...values, org_id: row.org_id, case_id: row.id } as Insertable<DB['case_letters']>)
    .returning('id')
    .executeTakeFirstOrThrow();
  return added.id;
}
