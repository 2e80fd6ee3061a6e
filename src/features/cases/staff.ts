// Who may work on a case, and who does.
import type { Tx } from '../../db/actor-context.js';
import { CASE_WORKERS } from '../../domain/roles.js';

/** Staff of a service who may be allocated, with whether they are trained for SV/DA cases. */
export function facilitatorsOf(tx: Tx, orgId: string) {
  return tx
    .selectFrom('users')
    .select(['id', 'name', 'role', 'trained_sv_da as trainedSvDa'])
    .where('org_id', '=', orgId)
    .where('active', '=', true)
    .where('role', 'in', CASE_WORKERS)
    .orderBy('name')
    .execute();
}

/** Allocates `userIds` to a case as chosen by `by`; `lead` is its lead. */
export function allocate(
  tx: Tx,
  row: { id: string; org_id: string },
  { userIds, lead, by }: { userIds: string[]; lead: string; by: string | null },
) {
  return tx
    .insertInto('case_allocations')
    .values(
      userIds.map((userId) => ({
        case_id: row.id,
        org_id: row.org_id,
        user_id: userId,
        lead: userId === lead,
        allocated_by: by,
      })),
    )
    .execute();
}

/** The people allocated to a case, its lead first. */
export function allocationsOf(tx: Tx, caseId: string) {
  return tx
    .selectFrom('case_allocations')
    .innerJoin('users', 'users.id', 'case_allocations.user_id')
    .select(['users.id', 'users.name', 'users.role', 'case_allocations.lead'])
    .where('case_allocations.case_id', '=', caseId)
    .orderBy('case_allocations.lead', 'desc')
    .orderBy('users.name')
    .execute();
}
