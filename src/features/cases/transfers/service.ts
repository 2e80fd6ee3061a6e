// Passing a case (or a request for help with it) to another RJ service, for example when the
// person who harmed is in a prison in another area. The sender chooses what goes; it is copied
// into the transfer when asked for. The receiver accepts (a new case in its service, built only
// from that copy) or declines (nothing is created, and the copy is cleared). Both cases'
// timelines say what happened, each written while acting for that case's service.
import { sql, type Kysely } from 'kysely';
import { z } from 'zod';
import { withActor, type Tx } from '../../../db/actor-context.js';
import type { DB } from '../../../db/schema.js';
import { isUuid } from '../../../domain/ids.js';
import type { Actor } from '../../../domain/roles.js';
import { recordAudit } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authorize.js';
import type { Clock } from '../../../platform/clock.js';
import { AppError, notFound, validationFailed } from '../../../platform/errors.js';
import { requiredText, toFieldErrors } from '../../../platform/forms.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { loadCase, recordCaseEvent, touchCase } from '../access.js';
import { storeFor } from '../documents/service.js';
import { requireOpenCase } from '../service.js';
import { caseFromPayload } from './receive.js';
import {
  buildPayload,
  itemsOf,
  payloadFiles,
  TRANSFER_KINDS,
  TRANSFER_PARTS,
  type TransferPayload,
} from './payload.js';

const list = (value: unknown) =>
  value === undefined ? [] : Array.isArray(value) ? value : [value];

export const transferSchema = z.object({
  to_org: z
    .string({ error: 'cases.transfers.errors.service' })
    .refine(isUuid, { error: 'cases.transfers.errors.service' }),
  kind: z.enum(TRANSFER_KINDS, { error: 'cases.transfers.errors.kind' }),
  message: requiredText('cases.transfers.errors.message', 4000),
  items: z.preprocess(list, z.array(z.enum(TRANSFER_PARTS, { error: 'validation.invalid' }))),
  participants: z.preprocess(list, z.array(z.string().refine(isUuid))),
  documents: z.preprocess(list, z.array(z.string().refine(isUuid))),
});

export const declineSchema = z.object({
  reason: requiredText('cases.transfers.errors.reason', 2000),
});

function parse<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw validationFailed(toFieldErrors(result.error));
  return result.data;
}

/**
 * Runs `work` in the same transaction, acting for the other service in a transfer, so its case
 * gets its timeline line and audit event under its own organisation (row-level security lets a
 * transaction write only its acting organisation's rows). Switched back afterwards.
 */
async function actingFor<T>(
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

function orgName(tx: Tx, id: string) {
  return tx
    .selectFrom('organisations')
    .select('name')
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
    .then((o) => o.name);
}

export function transferService(deps: { db: Kysely<DB>; clock: Clock; documentsDir?: string }) {
  const { db, clock } = deps;
  const store = storeFor(deps);

  /** RJ services a case can go to: every other one, with its area. */
  function servicesBut(tx: Tx, orgId: string) {
    return tx
      .selectFrom('organisations')
      .leftJoin('areas', 'areas.id', 'organisations.area_id')
      .select(['organisations.id', 'organisations.name', 'areas.name as area'])
      .where('organisations.kind', '=', 'rj_service')
      .where('organisations.id', '<>', orgId)
      .orderBy('organisations.name')
      .execute();
  }

  function transfersOfCase(tx: Tx, caseId: string) {
    return tx
      .selectFrom('case_transfers')
      .innerJoin('organisations as receiver', 'receiver.id', 'case_transfers.to_org_id')
      .select([
        'case_transfers.id',
        'case_transfers.kind',
        'case_transfers.status',
        'case_transfers.requested_at as requestedAt',
        'receiver.name as toService',
      ])
      .where('case_transfers.case_id', '=', caseId)
      .orderBy('case_transfers.requested_at', 'desc')
      .execute();
  }

  async function decidable(tx: Tx, actor: Actor, id: string) {
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
  async function decide(
    tx: Tx,
    actor: Actor,
    id: string,
    changes: { status: 'accepted' | 'declined'; received_case_id?: string; payload?: string },
  ) {
    const updated = await tx
      .updateTable('case_transfers')
      .set({
        ...changes,
        decided_by: actor.kind === 'user' ? actor.userId : null,
        decided_at: clock.now(),
      })
      .where('id', '=', id)
      .where('status', '=', 'requested')
      .returning('id')
      .executeTakeFirst();
    if (!updated) throw new AppError('conflict', 'cases.transfers.errors.decided');
  }

  return {
    /** The page to ask for a transfer: the case's people, documents, services, past transfers. */
    async form(actor: Actor, caseId: string) {
      await authorize(db, actor, 'triage_referrals', 'case.transfer_page');
      return withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, caseId);
        const participants = await tx
          .selectFrom('case_participants')
          .select(['id', 'display_name as name', 'role', 'consent_status as consent'])
          .where('case_id', '=', caseId)
          .orderBy('created_at')
          .execute();
        const documents = await tx
          .selectFrom('case_documents')
          .select(['id', 'file_name as fileName'])
          .where('case_id', '=', caseId)
          .orderBy('created_at')
          .execute();
        const services = await servicesBut(tx, row.org_id);
        const transfers = await transfersOfCase(tx, caseId);
        await recordAudit(tx, actor, {
          action: 'case.viewed',
          entityType: 'case',
          entityId: caseId,
          details: { part: 'transfer' },
        });
        return { case: row, participants, documents, services, transfers };
      });
    },

    /** Asks another service to take the case (or help with it), copying what was chosen. */
    async request(actor: Actor, caseId: string, input: unknown) {
      await authorize(db, actor, 'triage_referrals', 'case.transfer_requested');
      const data = parse(transferSchema, input);
      const choice = {
        parts: data.items,
        participantIds: [...new Set(data.participants)],
        documentIds: [...new Set(data.documents)],
      };
      const items = itemsOf(choice);
      if (!items.length)
        throw validationFailed([{ field: 'items', key: 'cases.transfers.errors.nothing' }]);
      if (choice.parts.includes('assessments') && !choice.participantIds.length) {
        throw validationFailed([
          { field: 'participants', key: 'cases.transfers.errors.assessmentsNeedPeople' },
        ]);
      }
      const copies: string[] = [];
      try {
        return await withActor(db, actor, async (tx) => {
          const row = await loadCase(tx, actor, caseId);
          requireOpenCase(row);
          const receiver = (await servicesBut(tx, row.org_id)).find((s) => s.id === data.to_org);
          if (!receiver)
            throw validationFailed([{ field: 'to_org', key: 'cases.transfers.errors.service' }]);
          const pending = await tx
            .selectFrom('case_transfers')
            .select('id')
            .where('case_id', '=', caseId)
            .where('to_org_id', '=', receiver.id)
            .where('status', '=', 'requested')
            .executeTakeFirst();
          if (pending)
            throw new AppError('conflict', 'cases.transfers.errors.pending', {
              params: { service: receiver.name },
            });
          const payload = await buildPayload(tx, {
            row,
            serviceName: await orgName(tx, row.org_id),
            choice,
            copyFile: async (key) => {
              const copy = await store.copy(key);
              copies.push(copy);
              return copy;
            },
          });
          if (
            (payload.participants?.length ?? 0) !== choice.participantIds.length ||
            (payload.documents?.length ?? 0) !== choice.documentIds.length
          ) {
            throw validationFailed([{ field: 'items', key: 'cases.transfers.errors.unknownItem' }]);
          }
          const transfer = await tx
            .insertInto('case_transfers')
            .values({
              case_id: caseId,
              from_org_id: row.org_id,
              to_org_id: receiver.id,
              kind: data.kind,
              items,
              message: data.message,
              payload: JSON.stringify(payload),
              requested_by: actor.kind === 'user' ? actor.userId : null,
            })
            .returning('id')
            .executeTakeFirstOrThrow();
          await touchCase(tx, actor, clock, caseId);
          await recordCaseEvent(
            tx,
            actor,
            caseId,
            row.org_id,
            `transfer.requested.${data.kind}`,
            { service: receiver.name, reason: data.message },
            { type: 'case_transfer', id: transfer.id },
          );
          return transfer.id;
        });
      } catch (error) {
        await Promise.all(copies.map((key) => store.remove(key)));
        throw error;
      }
    },

    /** Transfers to and from the actor's service, newest first, with how many await a decision. */
    async list(actor: Actor) {
      await authorize(db, actor, 'triage_referrals', 'transfer.list_viewed');
      return withActor(db, actor, async (tx) => {
        const rows = await tx
          .selectFrom('case_transfers as t')
          .innerJoin('organisations as sender', 'sender.id', 't.from_org_id')
          .innerJoin('organisations as receiver', 'receiver.id', 't.to_org_id')
          .select([
            't.id',
            't.kind',
            't.status',
            't.items',
            't.requested_at as requestedAt',
            't.decided_at as decidedAt',
            't.from_org_id as fromOrgId',
            sql<string>`t.payload #>> '{from,caseReference}'`.as('fromReference'),
            'sender.name as fromService',
            'receiver.name as toService',
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
    },

    /** How many transfers to the actor's service wait for a decision (for a link elsewhere). */
    async incomingCount(actor: Actor): Promise<number> {
      await authorize(db, actor, 'triage_referrals', 'transfer.list_viewed');
      return withActor(db, actor, async (tx) => {
        const row = await tx
          .selectFrom('case_transfers')
          .select((eb) => eb.fn.countAll<number>().as('n'))
          .where('to_org_id', '=', actor.orgId!)
          .where('status', '=', 'requested')
          .executeTakeFirstOrThrow();
        return Number(row.n);
      });
    },

    /** One transfer, for either side. The receiver sees what it carries; viewing is audited. */
    async get(actor: Actor, id: string) {
      await authorize(db, actor, 'triage_referrals', 'transfer.viewed');
      return withActor(db, actor, async (tx) => {
        if (!isUuid(id)) throw notFound();
        const transfer = await tx
          .selectFrom('case_transfers as t')
          .innerJoin('organisations as sender', 'sender.id', 't.from_org_id')
          .innerJoin('organisations as receiver', 'receiver.id', 't.to_org_id')
          .leftJoin('users as requester', 'requester.id', 't.requested_by')
          .leftJoin('users as decider', 'decider.id', 't.decided_by')
          .selectAll('t')
          .select([
            'sender.name as fromService',
            'receiver.name as toService',
            'requester.name as requestedByName',
            'decider.name as decidedByName',
          ])
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
    },

    /**
     * Accepts a transfer: a new case in the receiving service made only from what it carries,
     * and a line on both services' timelines.
     */
    async accept(actor: Actor, id: string, t: Translate) {
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
        await decide(tx, actor, id, { status: 'accepted', received_case_id: caseId });
        await recordAudit(tx, actor, {
          action: 'case.created',
          entityType: 'case',
          entityId: caseId,
          details: { transfer: id },
        });
        await recordCaseEvent(
          tx,
          actor,
          caseId,
          orgId,
          `transfer.received.${transfer.kind}`,
          { service: payload.from.service, reference: payload.from.caseReference },
          { type: 'case_transfer', id },
        );
        await actingFor(tx, actor, transfer.from_org_id, async (sender) => {
          await touchCase(tx, sender, clock, transfer.case_id);
          await recordCaseEvent(
            tx,
            sender,
            transfer.case_id,
            transfer.from_org_id,
            `transfer.accepted.${transfer.kind}`,
            { service: receiverName, reference: received.reference },
            { type: 'case_transfer', id },
          );
        });
        return { caseId, caseReference: received.reference };
      });
    },

    /**
     * Declines a transfer with a reason: nothing is created, what it carried is cleared (the
     * receiving service keeps no copy), and the sender's timeline says why.
     */
    async decline(actor: Actor, id: string, input: unknown) {
      await authorize(db, actor, 'triage_referrals', 'transfer.declined');
      const data = parse(declineSchema, input);
      const files = await withActor(db, actor, async (tx) => {
        const transfer = await decidable(tx, actor, id);
        const payload = transfer.payload as unknown as TransferPayload;
        await decide(tx, actor, id, {
          status: 'declined',
          payload: JSON.stringify({ from: payload.from }),
        });
        await recordAudit(tx, actor, {
          action: 'transfer.declined',
          entityType: 'case_transfer',
          entityId: id,
        });
        const receiverName = await orgName(tx, actor.orgId!);
        await actingFor(tx, actor, transfer.from_org_id, async (sender) => {
          await touchCase(tx, sender, clock, transfer.case_id);
          await recordCaseEvent(
            tx,
            sender,
            transfer.case_id,
            transfer.from_org_id,
            `transfer.declined.${transfer.kind}`,
            { service: receiverName, reason: data.reason },
            { type: 'case_transfer', id },
          );
        });
        return payloadFiles(payload);
      });
      await Promise.all(files.map((key) => store.remove(key)));
    },
  };
}

export type TransferService = ReturnType<typeof transferService>;
