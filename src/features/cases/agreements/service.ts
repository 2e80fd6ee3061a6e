// The outcome agreement of a case (apology, reparation, restitution with its payments,
// community work, other items), each tracked to completion; and follow-up contact after an
// intervention.
import type { Kysely } from 'kysely';
import type { Tx } from '../../../db/actor-context.js';
import type { DB } from '../../../db/schema.js';
import { isUuid } from '../../../domain/ids.js';
import type { Actor } from '../../../domain/roles.js';
import type { Clock } from '../../../platform/clock.js';
import {
  AppError,
  notFound,
  refuseFutureDate,
  validationFailed,
} from '../../../platform/errors.js';
import { formatNumber, londonDate } from '../../../platform/format.js';
import { expectedVersion, recordCaseEvent, touchCase, type CaseRow } from '../access.js';
import { caseFacts } from '../facts.js';
import { changeOpenCase, readCase } from '../service.js';
import { workableParticipant } from '../interventions/participants.js';
import { parseInput } from '../../../platform/forms.js';
import {
  completeSchema,
  followUpDoneSchema,
  followUpSchema,
  itemSchema,
  paymentSchema,
} from './schemas.js';

/** Pence as the pounds the timeline shows: 1250.50 */
const pounds = (pence: number) => formatNumber(pence / 100, 2);

export function agreementService({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  const today = () => londonDate(clock.now());
  const userId = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

  async function change<T>(
    actor: Actor,
    action: string,
    caseId: string,
    work: (tx: Tx, row: CaseRow) => Promise<T>,
  ): Promise<T> {
    return changeOpenCase(db, actor, action, caseId, work);
  }

  async function itemOf(tx: Tx, caseId: string, id: string) {
    if (!isUuid(id)) throw notFound();
    const item = await tx
      .selectFrom('case_agreement_items')
      .selectAll()
      .where('id', '=', id)
      .where('case_id', '=', caseId)
      .executeTakeFirst();
    if (!item) throw notFound();
    return item;
  }

  async function paidSoFar(tx: Tx, itemId: string): Promise<number> {
    const row = await tx
      .selectFrom('case_agreement_payments')
      .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_pence'), eb.lit(0)).as('paid'))
      .where('item_id', '=', itemId)
      .executeTakeFirstOrThrow();
    return Number(row.paid);
  }

  const notInFuture = (date: string | undefined, field: string) =>
    refuseFutureDate(date, today(), field);

  const entity = (type: string, id: string) => ({ type, id });

  return {
    /** The Agreement tab: items with payments and balances, overdue ones marked; follow-ups. */
    async tab(actor: Actor, caseId: string) {
      return readCase(db, actor, caseId, 'agreement', async (tx, row) => {
        const facts = await caseFacts(tx, row);
        const items = await tx
          .selectFrom('case_agreement_items')
          .selectAll()
          .where('case_id', '=', caseId)
          .orderBy('created_at')
          .orderBy('id')
          .execute();
        const payments = await tx
          .selectFrom('case_agreement_payments')
          .selectAll()
          .where('case_id', '=', caseId)
          .orderBy('paid_on')
          .orderBy('created_at')
          .execute();
        const followUps = await tx
          .selectFrom('case_follow_ups')
          .selectAll()
          .where('case_id', '=', caseId)
          .orderBy('due_on')
          .orderBy('created_at')
          .execute();
        const now = today();
        return {
          case: row,
          facts,
          today: now,
          items: items.map((item) => {
            const own = payments.filter((p) => p.item_id === item.id);
            const paid = own.reduce((sum, p) => sum + p.amount_pence, 0);
            return {
              ...item,
              payments: own,
              paidPence: paid,
              balancePence: item.amount_pence === null ? null : item.amount_pence - paid,
              overdue: item.completed_on === null && item.due_on !== null && item.due_on < now,
            };
          }),
          followUps: followUps.map((f) => ({ ...f, due: f.done_on === null && f.due_on <= now })),
        };
      });
    },

    async addItem(actor: Actor, caseId: string, input: unknown) {
      const data = parseInput(itemSchema, input);
      return change(actor, 'case.agreement.item_added', caseId, async (tx, row) => {
        const facts = await caseFacts(tx, row);
        workableParticipant(facts, data.owed_by, 'owed_by');
        if (data.owed_to) workableParticipant(facts, data.owed_to, 'owed_to');
        const item = await tx
          .insertInto('case_agreement_items')
          .values({
            org_id: row.org_id,
            case_id: caseId,
            kind: data.kind,
            description: data.description,
            owed_by_participant_id: data.owed_by,
            owed_to_participant_id: data.owed_to ?? null,
            due_on: data.due_on,
            amount_pence: data.kind === 'restitution' ? data.amount! : null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await touchCase(tx, actor, clock, caseId);
        await recordCaseEvent(
          tx,
          actor,
          caseId,
          row.org_id,
          'agreement.item_added',
          { description: data.description },
          entity('case_agreement_item', item.id),
        );
        return { id: item.id };
      });
    },

    /** Changes an item not yet completed; refused if the case changed since the form was shown. */
    async updateItem(actor: Actor, caseId: string, itemId: string, input: unknown) {
      const data = parseInput(itemSchema, input);
      return change(actor, 'case.agreement.item_changed', caseId, async (tx, row) => {
        await touchCase(tx, actor, clock, caseId, { expectedVersion: expectedVersion(input) });
        const item = await itemOf(tx, caseId, itemId);
        if (item.completed_on) throw new AppError('conflict', 'cases.agreement.errors.completed');
        const facts = await caseFacts(tx, row);
        workableParticipant(facts, data.owed_by, 'owed_by');
        if (data.owed_to) workableParticipant(facts, data.owed_to, 'owed_to');
        const paid = await paidSoFar(tx, itemId);
        if (paid > 0 && data.kind !== 'restitution')
          throw validationFailed([{ field: 'kind', key: 'cases.agreement.errors.hasPayments' }]);
        if (data.kind === 'restitution' && data.amount! < paid)
          throw validationFailed([
            {
              field: 'amount',
              key: 'cases.agreement.errors.belowPaid',
              params: { paid: pounds(paid) },
            },
          ]);
        await tx
          .updateTable('case_agreement_items')
          .set({
            kind: data.kind,
            description: data.description,
            owed_by_participant_id: data.owed_by,
            owed_to_participant_id: data.owed_to ?? null,
            due_on: data.due_on,
            amount_pence: data.kind === 'restitution' ? data.amount! : null,
          })
          .where('id', '=', itemId)
          .execute();
        await recordCaseEvent(
          tx,
          actor,
          caseId,
          row.org_id,
          'agreement.item_changed',
          { description: data.description },
          entity('case_agreement_item', itemId),
        );
      });
    },

    async completeItem(actor: Actor, caseId: string, itemId: string, input: unknown) {
      const data = parseInput(completeSchema, input);
      notInFuture(data.completed_on, 'completed_on');
      return change(actor, 'case.agreement.item_completed', caseId, async (tx, row) => {
        await touchCase(tx, actor, clock, caseId, { expectedVersion: expectedVersion(input) });
        const item = await itemOf(tx, caseId, itemId);
        if (item.completed_on) throw new AppError('conflict', 'cases.agreement.errors.completed');
        await tx
          .updateTable('case_agreement_items')
          .set({ completed_on: data.completed_on })
          .where('id', '=', itemId)
          .execute();
        await recordCaseEvent(
          tx,
          actor,
          caseId,
          row.org_id,
          'agreement.item_completed',
          { description: item.description },
          entity('case_agreement_item', itemId),
        );
      });
    },

    /** A restitution payment. Paying off the balance completes the item on that day. */
    async addPayment(actor: Actor, caseId: string, itemId: string, input: unknown) {
      const data = parseInput(paymentSchema, input);
      notInFuture(data.paid_on, 'paid_on');
      return change(actor, 'case.agreement.payment', caseId, async (tx, row) => {
        const item = await itemOf(tx, caseId, itemId);
        if (item.kind !== 'restitution' || item.amount_pence === null)
          throw new AppError('conflict', 'cases.agreement.errors.notRestitution');
        if (item.completed_on) throw new AppError('conflict', 'cases.agreement.errors.completed');
        const balance = item.amount_pence - (await paidSoFar(tx, itemId));
        if (data.amount > balance)
          throw validationFailed([
            {
              field: 'amount',
              key: 'cases.agreement.errors.overpaid',
              params: { balance: pounds(balance) },
            },
          ]);
        const payment = await tx
          .insertInto('case_agreement_payments')
          .values({
            org_id: row.org_id,
            case_id: caseId,
            item_id: itemId,
            paid_on: data.paid_on,
            amount_pence: data.amount,
            recorded_by: userId(actor),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await touchCase(tx, actor, clock, caseId);
        await recordCaseEvent(
          tx,
          actor,
          caseId,
          row.org_id,
          'agreement.payment',
          { amount: pounds(data.amount), description: item.description },
          entity('case_agreement_payment', payment.id),
        );
        if (data.amount === balance) {
          await tx
            .updateTable('case_agreement_items')
            .set({ completed_on: data.paid_on })
            .where('id', '=', itemId)
            .execute();
          await recordCaseEvent(
            tx,
            actor,
            caseId,
            row.org_id,
            'agreement.item_completed',
            { description: item.description },
            entity('case_agreement_item', itemId),
          );
        }
        return { id: payment.id, balance: balance - data.amount };
      });
    },

    /** Schedules follow-up contact, with one participant or the case as a whole. */
    async scheduleFollowUp(actor: Actor, caseId: string, input: unknown) {
      const data = parseInput(followUpSchema, input);
      return change(actor, 'case.followUp.scheduled', caseId, async (tx, row) => {
        const facts = await caseFacts(tx, row);
        const participant = data.participant
          ? workableParticipant(facts, data.participant, 'participant')
          : undefined;
        const followUp = await tx
          .insertInto('case_follow_ups')
          .values({
            org_id: row.org_id,
            case_id: caseId,
            participant_id: participant?.id ?? null,
            due_on: data.due_on,
            notes: data.notes ?? null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await touchCase(tx, actor, clock, caseId);
        await recordCaseEvent(
          tx,
          actor,
          caseId,
          row.org_id,
          participant ? 'followUp.scheduled_with' : 'followUp.scheduled',
          participant ? { name: participant.name } : {},
          entity('case_follow_up', followUp.id),
        );
        return { id: followUp.id };
      });
    },

    async markFollowUpDone(actor: Actor, caseId: string, followUpId: string, input: unknown) {
      const data = parseInput(followUpDoneSchema, input);
      notInFuture(data.done_on, 'done_on');
      return change(actor, 'case.followUp.done', caseId, async (tx, row) => {
        await touchCase(tx, actor, clock, caseId, { expectedVersion: expectedVersion(input) });
        if (!isUuid(followUpId)) throw notFound();
        const followUp = await tx
          .selectFrom('case_follow_ups')
          .selectAll()
          .where('id', '=', followUpId)
          .where('case_id', '=', caseId)
          .executeTakeFirst();
        if (!followUp) throw notFound();
        if (followUp.done_on) throw new AppError('conflict', 'cases.agreement.errors.followUpDone');
        await tx
          .updateTable('case_follow_ups')
          .set({ done_on: data.done_on, notes: data.notes ?? followUp.notes })
          .where('id', '=', followUpId)
          .execute();
        await recordCaseEvent(
          tx,
          actor,
          caseId,
          row.org_id,
          'followUp.done',
          {},
          entity('case_follow_up', followUpId),
        );
      });
    },
  };
}

export type AgreementService = ReturnType<typeof agreementService>;
