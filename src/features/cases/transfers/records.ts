// What the transfer use cases share: the services a case can go to, a case's transfers, a
// transfer still to be decided, and acting for the other service within one transaction.
import { sql } from 'kysely';
import type { Tx } from '../../../db/actor-context.js';
import { isUuid } from '../../../domain/ids.js';
import { userIdOf, type Actor } from '../../../domain/roles.js';
import { AppError, notFound } from '../../../platform/errors.js';

/**
 * Runs `work` in the same transaction, acting for the other service in a transfer, so its case
 * gets its timeline line and audit event under its own organisation (row-level security lets a
 * transaction write only its acting organisation's rows). Switched back afterwards.
 */
export async function actingFor<T>(
  tx: Tx,
  actor: Actor,
  orgId: string,
  work: (side: Actor) => Promise<T>,
): Promise<T> {
  await sql`select set_config('app.org_id', ${orgId}, true)`.execute(tx);
  const result = await work({ ...actor, orgId } as Actor);
  await sql`select set_config('app.org_id', ${actor.orgId ?? ''}, true)`.execute(tx);
  return result;
}

/** RJ services a case can go to: every other one, with its area. */
export function servicesBut(tx: Tx, orgId: string) {
  return tx
    .selectFrom('organisations')
    .leftJoin('areas', 'areas.id', 'organisations.area_id')
    .select(['organisations.id', 'organisations.name', 'areas.name as area'])
    .where('organisations.kind', '=', 'rj_service')
    .where('organisations.id', '<>', orgId)
    .orderBy('organisations.name')
    .execute();
}

/** Transfers (`t`), each with the names of the service it is from and the one it is to. */
export function transferRows(tx: Tx) {
  return tx
    .selectFrom('case_transfers as t')
    .innerJoin('organisations as sender', 'sender.id', 't.from_org_id')
    .innerJoin('organisations as receiver', 'receiver.id', 't.to_org_id')
    .select(['sender.name as fromService', 'receiver.name as toService']);
}

/** A case's transfers, newest first. */
export function transfersOfCase(tx: Tx, caseId: string) {
  return transferRows(tx)
    .select(['t.id', 't.kind', 't.status', 't.requested_at as requestedAt'])
    .where('t.case_id', '=', caseId)
    .orderBy('t.requested_at', 'desc')
    .execute();
}

export async function decidable(tx: Tx, actor: Actor, id: string) {
  if (!isUuid(id)) throw notFound();
  const transfer = await tx
    .selectFrom('case_transfers')
    .selectAll()
    .where('id', '=', id)
    .where('to_org_id', '=', actor.orgId!)
    .executeTakeFirst();
  if (!transfer) throw notFound();
  if (transfer.status !== 'requested')
    throw new AppError('conflict', 'cases.transfers.errors.decided');
  return transfer;
}

/** Marks a transfer decided, only if nobody decided it meanwhile. */
export async function decide(
  tx: Tx,
  actor: Actor,
  id: string,
  changes: { status: 'accepted' | 'declined'; received_case_id?: string; payload?: string },
  now: Date,
) {
  const updated = await tx
    .updateTable('case_transfers')
    .set({
      ...changes,
      decided_by: userIdOf(actor),
      decided_at: now,
    })
    .where('id', '=', id)
    .where('status', '=', 'requested')
    .returning('id')
    .executeTakeFirst();
  if (!updated) throw new AppError('conflict', 'cases.transfers.errors.decided');
}
