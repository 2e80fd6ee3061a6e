// A record of a case (an intervention, a letter, an agreement item...) found by its id within
// that case: anything else, including another case's record or a malformed id, is "not found".
import type { Selectable } from 'kysely';
import type { Tx } from '../../../db/actor-context.js';
import type { DB } from '../../../db/schema.js';
import { isUuid } from '../../../domain/ids.js';
import { notFound } from '../../../platform/errors.js';

export type CaseRecordTable =
  | 'case_interventions'
  | 'case_letters'
  | 'case_agreement_items'
  | 'case_follow_ups'
  | 'case_participants'
  | 'case_assessments'
  | 'case_documents';

export async function recordOfCase<T extends CaseRecordTable>(
  tx: Tx,
  table: T,
  where: { caseId: string; id: string },
): Promise<Selectable<DB[T]>> {
  if (!isUuid(where.id)) throw notFound();
  const row = await tx
    .selectFrom(table as CaseRecordTable)
    .selectAll()
    .where('id', '=', where.id)
    .where('case_id', '=', where.caseId)
    .executeTakeFirst();
  if (!row) throw notFound();
  return row as Selectable<DB[T]>;
}
