// Transitional: the old case prologue, kept only until every folder goes through the kernel.
import type { Kysely } from 'kysely';
import { withActor, type Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import type { Actor } from '../../domain/roles.js';
import { recordAudit } from '../../platform/audit.js';
import { authorize } from '../../platform/authorize.js';
import { AppError } from '../../platform/errors.js';
import { loadCase, type CaseRow } from './access.js';

export function requireOpenCase(row: { stage: string }) {
  if (row.stage === 'closed') throw new AppError('conflict', 'cases.errors.closed');
}

/**
 * One read of a case, in one transaction as the actor: the capability checked, the case loaded
 * (only if the actor may see it), the work, and the view audited with the part of the case read.
 */
export async function readCase<T>(
  db: Kysely<DB>,
  actor: Actor,
  caseId: string,
  part: string,
  work: (tx: Tx, row: CaseRow) => Promise<T>,
): Promise<T> {
  await authorize(db, actor, 'work_cases', 'case.viewed');
  return withActor(db, actor, async (tx) => {
    const row = await loadCase(tx, actor, caseId);
    const result = await work(tx, row);
    await recordAudit(tx, actor, {
      action: 'case.viewed',
      entityType: 'case',
      entityId: caseId,
      details: { part },
    });
    return result;
  });
}

/**
 * One change to an open case, in one transaction as the actor: the capability checked, the
 * case loaded (only if the actor may see it) and refused if closed, then the work.
 */
export async function changeOpenCase<T>(
  db: Kysely<DB>,
  actor: Actor,
  action: string,
  caseId: string,
  work: (tx: Tx, row: CaseRow) => Promise<T>,
): Promise<T> {
  await authorize(db, actor, 'work_cases', action);
  return withActor(db, actor, async (tx) => {
    const row = await loadCase(tx, actor, caseId);
    requireOpenCase(row);
    return work(tx, row);
  });
}
