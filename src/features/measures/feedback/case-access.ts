// How every feedback use case on a case starts: may the actor do this at all, then the case (or
// "not found", so another service's case or an unallocated volunteer's is never revealed), in
// one transaction; a read is audited as a view of the case's Feedback tab.
import type { Kysely } from 'kysely';
import { withActor, type Tx } from '../../../db/actor-context.js';
import type { DB } from '../../../db/schema.js';
import type { Actor, Capability } from '../../../domain/roles.js';
import { authorize } from '../../../platform/authorize.js';
import { forbidden, notFound } from '../../../platform/errors.js';
import { loadCase, type CaseRow } from '../../cases/access.js';
import { readCase } from '../../cases/service.js';

export const userIdOf = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

/**
 * The command line acts for a named service as the operator (who administers); everyone else
 * needs the capability itself.
 */
export async function allow(db: Kysely<DB>, actor: Actor, capability: Capability, action: string) {
  if (actor.kind === 'system') {
    if (!actor.orgId) throw forbidden();
    return authorize(db, actor, 'administer_system', action);
  }
  return authorize(db, actor, capability, action);
}

export function caseAccess(db: Kysely<DB>) {
  return {
    /** Reads a case's feedback: audited as case.viewed. */
    async reading<T>(
      actor: Actor,
      caseId: string,
      work: (tx: Tx, row: CaseRow) => Promise<T>,
    ): Promise<T> {
      return readCase(db, actor, caseId, 'feedback', work);
    },

    /** Changes a case's feedback; the work writes its timeline and audit event. */
    async changing<T>(
      actor: Actor,
      caseId: string,
      capability: Capability,
      action: string,
      work: (tx: Tx, row: CaseRow) => Promise<T>,
    ): Promise<T> {
      await allow(db, actor, capability, action);
      return withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, caseId);
        return work(tx, row);
      });
    },
  };
}

/** A case's id from its reference, for the API and the import (null: not one the actor sees). */
export async function caseIdByReference(tx: Tx, reference: unknown): Promise<string> {
  if (typeof reference !== 'string' || reference.trim() === '') throw notFound();
  const row = await tx
    .selectFrom('cases')
    .select('id')
    .where('reference', '=', reference.trim().toUpperCase())
    .executeTakeFirst();
  if (!row) throw notFound();
  return row.id;
}
