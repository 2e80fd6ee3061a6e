// The organisations a referral may come from, and an awareness session be given to: partner
// agencies, never an RJ service, a PCC office, the national analysis unit or the organisation
// that administers Waymark. The lists offer only these, and every door asks again (a form
// posted by hand, the API, a CSV file), so a choice the list never offered is refused.
import { sql, type ExpressionBuilder } from 'kysely';
import type { Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import { NOT_REFERRAL_SOURCES } from '../../domain/organisations.js';

/** The condition, over `organisations`: by kind, and by their people (migration 0022). */
export function maySource(eb: ExpressionBuilder<DB, 'organisations'>) {
  return eb.and([
    eb('organisations.kind', 'not in', NOT_REFERRAL_SOURCES),
    eb(sql<boolean>`app_org_may_refer(organisations.id)`, '=', true),
  ]);
}

/** Whether this organisation may be a referral's source or an awareness session's audience. */
export async function mayBeSource(tx: Tx, orgId: string): Promise<boolean> {
  const row = await tx
    .selectFrom('organisations')
    .select('organisations.id')
    .where('organisations.id', '=', orgId)
    .where(maySource)
    .executeTakeFirst();
  return row !== undefined;
}
