// The receiving service decides a transfer. Accepting makes a new case in its service, built
// only from what the transfer carries; declining creates nothing and clears what it carried.
// Both cases' timelines say what happened, each written while acting for that case's service.
import { withActor } from '../../../db/actor-context.js';
import type { Actor } from '../../../domain/roles.js';
import { recordAudit } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authorize.js';
import { parseInput } from '../../../platform/forms.js';
import type { Translate } from '../../../platform/i18n/index.js';
import type { DocumentStore } from '../documents/index.js';
import type { CaseDeps, CaseEvent } from '../kernel/index.js';
import { payloadFiles, type TransferPayload } from './payload.js';
import { caseFromPayload } from './receive.js';
import { orgName } from '../rj-service.js';
import { actingFor, decidable, decide } from './records.js';
import { declineSchema } from './schemas.js';
import type { Tx } from '../../../db/actor-context.js';

/** A line on the sending service's case, written acting for that service. */
async function tellSender(
  { kernel }: CaseDeps,
  tx: Tx,
  actor: Actor,
  transfer: { from_org_id: string; case_id: string; kind: string },
  event: CaseEvent,
) {
  await actingFor(tx, actor, transfer.from_org_id, (sender) =>
    kernel.changeCaseIn(
      tx,
      {
        actor: sender,
        caseId: transfer.case_id,
        action: `case.${event.kind}`,
        allowClosed: true,
      },
      async () => ({ event }),
    ),
  );
}

export const acceptTransfer =
  (deps: CaseDeps) => async (actor: Actor, id: string, t: Translate) => {
    const { db, clock, kernel } = deps;
    await authorize(db, actor, 'triage_referrals', 'transfer.accepted');
    return withActor(db, actor, async (tx) => {
      const transfer = await decidable(tx, actor, id);
      const payload = transfer.payload as unknown as TransferPayload;
      const orgId = actor.orgId!;
      const receiverName = await orgName(tx, orgId);
      const received = await caseFromPayload(tx, {
        orgId,
        payload,
        message: transfer.message,
        fromCaseId: transfer.case_id,
        now: clock.now(),
        t,
      });
      const caseId = received.id;
      await decide(tx, actor, id, { status: 'accepted', received_case_id: caseId }, clock.now());
      const about = { type: 'case_transfer', id };
      await kernel.caseOpened(
        tx,
        { actor, caseId, orgId, from: { transfer: id } },
        {
          kind: `transfer.received.${transfer.kind}`,
          params: { service: payload.from.service, reference: payload.from.caseReference },
          entity: about,
        },
      );
      await tellSender(deps, tx, actor, transfer, {
        kind: `transfer.accepted.${transfer.kind}`,
        params: { service: receiverName, reference: received.reference },
        entity: about,
      });
      return { caseId, caseReference: received.reference };
    });
  };

export const declineTransfer =
  (deps: CaseDeps, store: DocumentStore) => async (actor: Actor, id: string, input: unknown) => {
    const { db, clock } = deps;
    await authorize(db, actor, 'triage_referrals', 'transfer.declined');
    const data = parseInput(declineSchema, input);
    const files = await withActor(db, actor, async (tx) => {
      const transfer = await decidable(tx, actor, id);
      const payload = transfer.payload as unknown as TransferPayload;
      await decide(
        tx,
        actor,
        id,
        { status: 'declined', payload: JSON.stringify({ from: payload.from }) },
        clock.now(),
      );
      await recordAudit(tx, actor, {
        action: 'transfer.declined',
        entityType: 'case_transfer',
        entityId: id,
      });
      await tellSender(deps, tx, actor, transfer, {
        kind: `transfer.declined.${transfer.kind}`,
        params: { service: await orgName(tx, actor.orgId!), reason: data.reason },
        entity: { type: 'case_transfer', id },
      });
      return payloadFiles(payload);
    });
    await Promise.all(files.map((key) => store.remove(key)));
  };
