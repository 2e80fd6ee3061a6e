// The ground rules every case use case stands on: finding a case the actor may see (the
// database hides the rest), saying what happened on its timeline, and refusing to overwrite
// someone else's change (optimistic locking on the case's version).
import { sql } from 'kysely';
import type { Tx } from '../../db/actor-context.js';
import { isUuid } from '../../domain/ids.js';
import type { Actor } from '../../domain/roles.js';
import { recordAudit } from '../../platform/audit.js';
import type { Clock } from '../../platform/clock.js';
import { AppError, notFound } from '../../platform/errors.js';
import { formatDateTime } from '../../platform/format.js';

export function caseRow(tx: Tx, caseId: string) {
  return tx
    .selectFrom('cases')
    .leftJoin('referrals', 'referrals.id', 'cases.referral_id')
    .leftJoin('offence_groups', 'offence_groups.id', 'referrals.offence_group_id')
    .leftJoin('users as updater', 'updater.id', 'cases.updated_by')
    .leftJoin('case_transfers as arrival', 'arrival.received_case_id', 'cases.id')
    .leftJoin('organisations as sender', 'sender.id', 'arrival.from_org_id')
    .selectAll('cases')
    .select([
      'referrals.reference as referralReference',
      'referrals.received_on as receivedOn',
      'referrals.crime_reference as crimeReference',
      'referrals.cjs_stage as cjsStage',
      'referrals.enhanced_rights as enhancedRights',
      'referrals.reported_on as reportedOn',
      'referrals.rj_information_given_on as rjInformationGivenOn',
      'referrals.support_referral_made_on as supportReferralMadeOn',
      'offence_groups.name as offenceGroup',
      'updater.name as updatedByName',
      sql<string | null>`arrival.payload->'from'->>'caseReference'`.as('transferredFromReference'),
      'sender.name as transferredFromService',
    ])
    .where('cases.id', '=', caseId)
    .executeTakeFirst();
}

export type CaseRow = NonNullable<Awaited<ReturnType<typeof caseRow>>>;

/** The case, if the actor may see it; otherwise "not found" (its existence is not revealed). */
export async function loadCase(tx: Tx, actor: Actor, caseId: string): Promise<CaseRow> {
  if (!isUuid(caseId)) throw notFound();
  const row = await caseRow(tx, caseId);
  if (!row || row.org_id !== actor.orgId) throw notFound();
  return row;
}

/** The version a form was rendered with, sent back when it is saved. */
export function expectedVersion(input: unknown): number | undefined {
  const raw = (input as Record<string, unknown> | null)?.version;
  const version = typeof raw === 'number' ? raw : typeof raw === 'string' ? Number(raw) : NaN;
  return Number.isInteger(version) && version > 0 ? version : undefined;
}

export class CaseChangedError extends AppError {
  constructor(name: string, at: Date) {
    super('conflict', 'cases.errors.changedSince', {
      params: { name: name || 'someone', at: formatDateTime(at) },
    });
  }
}

/**
 * Marks a case as changed by this actor, now. Given the version the actor's form was built
 * from, it refuses (with who changed it and when) if anyone saved the case since; the whole
 * transaction then rolls back, so nothing is silently overwritten.
 */
export async function touchCase(
  tx: Tx,
  actor: Actor,
  clock: Clock,
  caseId: string,
  options: { expectedVersion?: number; changes?: Record<string, unknown> } = {},
): Promise<number> {
  let query = tx
    .updateTable('cases')
    .set((eb) => ({
      ...options.changes,
      version: eb('version', '+', 1),
      updated_at: clock.now(),
      last_activity_at: clock.now(),
      updated_by: actor.kind === 'user' ? actor.userId : null,
    }))
    .where('id', '=', caseId);
  if (options.expectedVersion !== undefined)
    query = query.where('version', '=', options.expectedVersion);
  const updated = await query.returning('version').executeTakeFirst();
  if (updated) return updated.version;
  const current = await caseRow(tx, caseId);
  if (!current) throw notFound();
  throw new CaseChangedError(current.updatedByName ?? '', current.updated_at);
}

/** One line on the case's timeline, and the matching audit event, in the same transaction. */
export async function recordCaseEvent(
  tx: Tx,
  actor: Actor,
  caseId: string,
  orgId: string,
  kind: string,
  params: Record<string, string | number | boolean | null> = {},
  entity?: { type: string; id: string },
): Promise<void> {
  await tx
    .insertInto('case_events')
    .values({
      org_id: orgId,
      case_id: caseId,
      kind,
      params: JSON.stringify(params),
      actor_id: actor.kind === 'user' ? actor.userId : null,
    })
    .execute();
  await recordAudit(tx, actor, {
    action: `case.${kind}`,
    entityType: entity?.type ?? 'case',
    entityId: entity?.id ?? caseId,
    details: entity ? { case: caseId } : {},
  });
}
