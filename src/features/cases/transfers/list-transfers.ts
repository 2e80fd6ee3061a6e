// The transfers to and from the actor's service, and one transfer for either side (the receiver
// sees what it carries; viewing it is audited).
import { sql } from 'kysely';
import { withActor, type Tx } from '../../../db/actor-context.js';
import { isUuid } from '../../../domain/ids.js';
import type { Actor } from '../../../domain/roles.js';
import { recordAudit } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authorize.js';
import { notFound } from '../../../platform/errors.js';
import type { CaseDeps } from '../kernel/index.js';
import type { TransferPayload } from './payload.js';
import { transferRows } from './records.js';

/** Transfers to and from the actor's service, newest first, with how many await a decision. */
export const listTransfers =
  ({ db }: CaseDeps) =>
  async (actor: Actor) => {
    await authorize(db, actor, 'triage_referrals', 'transfer.list_viewed');
    return withActor(db, actor, async (tx) => {
      const rows = await transferRows(tx)
        .select([
          't.id',
          't.kind',
          't.status',
          't.items',
          't.requested_at as requestedAt',
          't.decided_at as decidedAt',
          't.from_org_id as fromOrgId',
          sql<string>`t.payload #>> '{from,caseReference}'`.as('fromReference'),
        ])
        .orderBy('t.requested_at', 'desc')
        .limit(500)
        .execute();
      const incoming = rows.filter((r) => r.fromOrgId !== actor.orgId);
      return {
        incoming,
        outgoing: rows.filter((r) => r.fromOrgId === actor.orgId),
        awaiting: incoming.filter((r) => r.status === 'requested').length,
      };
    });
  };

/** How many transfers to the service wait for its decision (shown on the queue pages). */
export async function transfersWaitingFor(tx: Tx, orgId: string): Promise<number> {
  const row = await tx
    .selectFrom('case_transfers')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('to_org_id', '=', orgId)
    .where('status', '=', 'requested')
    .executeTakeFirstOrThrow();
  return Number(row.n);
}

/** One transfer, for either side. The receiver sees what it carries; viewing is audited. */
export const viewTransfer =
  ({ db }: CaseDeps) =>
  async (actor: Actor, id: string) => {
    await authorize(db, actor, 'triage_referrals', 'transfer.viewed');
    return withActor(db, actor, async (tx) => {
      if (!isUuid(id)) throw notFound();
      const transfer = await transferRows(tx)
        .leftJoin('users as requester', 'requester.id', 't.requested_by')
        .leftJoin('users as decider', 'decider.id', 't.decided_by')
        .selectAll('t')
        .select(['requester.name as requestedByName', 'decider.name as decidedByName'])
        .where('t.id', '=', id)
        .executeTakeFirst();
      if (!transfer) throw notFound();
      await recordAudit(tx, actor, {
        action: 'transfer.viewed',
        entityType: 'case_transfer',
        entityId: id,
      });
      return {
        ...transfer,
        payload: transfer.payload as unknown as TransferPayload,
        incoming: transfer.to_org_id === actor.orgId,
      };
    });
  };
