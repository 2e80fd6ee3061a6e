// Interventions along the spectrum: planning one, changing it, recording what happened, and the
// two kinds with more to them: shuttle communication (each message carried, each way) and the
// letter of apology (released only after the harmed person chose to receive it).
import type { Kysely } from 'kysely';
import type { Tx } from '../../../db/actor-context.js';
import type { DB } from '../../../db/schema.js';
import {
  attendeesNotReady,
  canWorkWith,
  checkHeld,
  type CaseFacts,
  type InterventionFacts,
  type Reason,
} from '../../../domain/case-lifecycle.js';
import { isUuid } from '../../../domain/ids.js';
import type { Actor } from '../../../domain/roles.js';
import type { Clock } from '../../../platform/clock.js';
import {
  AppError,
  notFound,
  refuseFutureDate,
  validationFailed,
  type FieldError,
} from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import { expectedVersion, recordCaseEvent, touchCase, type CaseRow } from '../access.js';
import { caseFacts } from '../facts.js';
import { changeOpenCase, readCase } from '../service.js';
import { workableParticipant } from './participants.js';
import { parseInput } from '../../../platform/forms.js';
import { londonInstant } from './london-time.js';
import {
  decisionSchema,
  deliveredSchema,
  letterSchema,
  messageSchema,
  outcomeSchema,
  planSchema,
  updateSchema,
} from './schemas.js';

type Schedule = {
  scheduled_on?: string;
  scheduled_time?: string;
  venue_kind?: string;
  rotl_status?: string;
  venue_detail?: string;
  notes?: string;
};

/** The columns a schedule sets: the ROTL request's status only for a venue on licence. */
function scheduleColumns(data: Schedule) {
  return {
    scheduled_at:
      data.scheduled_on && data.scheduled_time
        ? londonInstant(data.scheduled_on, data.scheduled_time)
        : null,
    venue_kind: data.venue_kind ?? null,
    rotl_status: data.venue_kind === 'rotl' ? (data.rotl_status ?? null) : null,
    venue_detail: data.venue_detail ?? null,
    notes: data.notes ?? null,
  };
}

/** Reasons from the lifecycle rules, shown against a field of the form. */
const onField = (field: string, reasons: Reason[]): FieldError[] =>
  reasons.map((r) => ({ field, key: r.key, params: r.params }));

/** Chosen attendees must be people in this case who have not withdrawn their consent. */
function attendeeProblems(facts: CaseFacts, ids: string[]): FieldError[] {
  const byId = new Map(facts.participants.map((p) => [p.id, p]));
  return ids.flatMap((id): FieldError[] => {
    const participant = byId.get(id);
    if (!participant)
      return [{ field: 'attendees', key: 'cases.interventions.errors.attendeeUnknown' }];
    if (!canWorkWith(participant))
      return [
        {
          field: 'attendees',
          key: 'cases.interventions.errors.attendeeWithdrawn',
          params: { name: participant.name },
        },
      ];
    return [];
  });
}

export function interventionService({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  const today = () => londonDate(clock.now());
  const userId = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

  /** One change to a case: access checked, the case loaded (if the actor may see it), open. */
  async function change<T>(
    actor: Actor,
    action: string,
    caseId: string,
    work: (tx: Tx, row: CaseRow) => Promise<T>,
  ): Promise<T> {
    return changeOpenCase(db, actor, action, caseId, work);
  }

  async function interventionOf(tx: Tx, caseId: string, id: string) {
    if (!isUuid(id)) throw notFound();
    const row = await tx
      .selectFrom('case_interventions')
      .selectAll()
      .where('id', '=', id)
      .where('case_id', '=', caseId)
      .executeTakeFirst();
    if (!row) throw notFound();
    return row;
  }

  async function letterOf(tx: Tx, caseId: string, id: string) {
    if (!isUuid(id)) throw notFound();
    const row = await tx
      .selectFrom('case_letters')
      .selectAll()
      .where('id', '=', id)
      .where('case_id', '=', caseId)
      .executeTakeFirst();
    if (!row) throw notFound();
    return row;
  }

  async function setAttendees(tx: Tx, row: CaseRow, interventionId: string, ids: string[]) {
    await tx
      .deleteFrom('case_intervention_attendees')
      .where('intervention_id', '=', interventionId)
      .execute();
    if (ids.length === 0) return;
    await tx
      .insertInto('case_intervention_attendees')
      .values(
        [...new Set(ids)].map((participantId) => ({
          intervention_id: interventionId,
          org_id: row.org_id,
          case_id: row.id,
          participant_id: participantId,
        })),
      )
      .execute();
  }

  const notInFuture = (date: string | undefined, field: string) =>
    refuseFutureDate(date, today(), field);

  const entity = (type: string, id: string) => ({ type, id });

  /** Work with people stops while a case is suspended (for example, unsafe to contact). */
  function requireNotSuspended(row: CaseRow) {
    if (row.stage === 'suspended')
      throw new AppError('conflict', 'cases.interventions.errors.suspended');
  }

  return {
    /** The Interventions tab: every intervention with its attendees, messages and letters. */
    async tab(actor: Actor, caseId: string) {
      return readCase(db, actor, caseId, 'interventions', async (tx, row) => {
        const facts = await caseFacts(tx, row);
        const interventions = await tx
          .selectFrom('case_interventions')
          .selectAll()
          .where('case_id', '=', caseId)
          .orderBy('created_at')
          .orderBy('id')
          .execute();
        const messages = await tx
          .selectFrom('case_shuttle_messages')
          .selectAll()
          .where('case_id', '=', caseId)
          .orderBy('carried_on')
          .orderBy('created_at')
          .execute();
        const letters = await tx
          .selectFrom('case_letters')
          .selectAll()
          .where('case_id', '=', caseId)
          .orderBy('created_at')
          .execute();
        return {
          case: row,
          facts,
          today: today(),
          interventions: interventions.map((intervention) => {
            const own = facts.interventions.find((i) => i.id === intervention.id)!;
            const open = intervention.status === 'planned' || intervention.status === 'postponed';
            return {
              ...intervention,
              attendeeIds: own.attendeeIds,
              /** What stops it being recorded as held, while it is still to happen. */
              notReady: open ? checkHeld(facts, own) : [],
              messages: messages.filter((m) => m.intervention_id === intervention.id),
              letters: letters.filter((l) => l.intervention_id === intervention.id),
            };
          }),
        };
      });
    },

    /** Plans an intervention: what kind, when and where, and who attends. */
    async plan(actor: Actor, caseId: string, input: unknown) {
      const data = parseInput(planSchema, input);
      return change(actor, 'case.intervention.planned', caseId, async (tx, row) => {
        requireNotSuspended(row);
        const facts = await caseFacts(tx, row);
        const problems = attendeeProblems(facts, data.attendees);
        if (problems.length) throw validationFailed(problems);
        const created = await tx
          .insertInto('case_interventions')
          .values({
            org_id: row.org_id,
            case_id: caseId,
            kind: data.kind,
            ...scheduleColumns(data),
            created_by: userId(actor),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await setAttendees(tx, row, created.id, data.attendees);
        await touchCase(tx, actor, clock, caseId);
        await recordCaseEvent(
          tx,
          actor,
          caseId,
          row.org_id,
          'intervention.planned',
          { kind: data.kind },
          entity('case_intervention', created.id),
        );
        return { id: created.id };
      });
    },

    /**
     * Changes a planned (or postponed) intervention. Refused if the case changed since the form
     * was shown. Giving a postponed one a new time plans it again.
     */
    async update(actor: Actor, caseId: string, interventionId: string, input: unknown) {
      const data = parseInput(updateSchema, input);
      return change(actor, 'case.intervention.changed', caseId, async (tx, row) => {
        await touchCase(tx, actor, clock, caseId, { expectedVersion: expectedVersion(input) });
        const intervention = await interventionOf(tx, caseId, interventionId);
        if (intervention.status !== 'planned' && intervention.status !== 'postponed')
          throw new AppError('conflict', 'cases.interventions.errors.notChangeable');
        const facts = await caseFacts(tx, row);
        const problems = attendeeProblems(facts, data.attendees);
        if (problems.length) throw validationFailed(problems);
        const columns = scheduleColumns(data);
        const newTime =
          columns.scheduled_at !== null &&
          columns.scheduled_at.getTime() !== intervention.scheduled_at?.getTime();
        await tx
          .updateTable('case_interventions')
          .set({ ...columns, ...(newTime ? { status: 'planned' } : {}) })
          .where('id', '=', interventionId)
          .execute();
        await setAttendees(tx, row, interventionId, data.attendees);
        await recordCaseEvent(
          tx,
          actor,
          caseId,
          row.org_id,
          'intervention.changed',
          { kind: intervention.kind },
          entity('case_intervention', interventionId),
        );
      });
    },

    /**
     * Records what happened: held, cancelled or postponed. Held only once every attendee has
     * given informed consent and been found suitable (signed off); otherwise every reason.
     */
    async recordOutcome(actor: Actor, caseId: string, interventionId: string, input: unknown) {
      const data = parseInput(outcomeSchema, input);
      notInFuture(data.held_on, 'held_on');
      return change(actor, `case.intervention.${data.outcome}`, caseId, async (tx, row) => {
        await touchCase(tx, actor, clock, caseId, { expectedVersion: expectedVersion(input) });
        const intervention = await interventionOf(tx, caseId, interventionId);
        if (intervention.status !== 'planned' && intervention.status !== 'postponed')
          throw new AppError('conflict', 'cases.interventions.errors.alreadyRecorded');
        if (data.outcome === 'held') {
          requireNotSuspended(row);
          const facts = await caseFacts(tx, row);
          const own: InterventionFacts = facts.interventions.find((i) => i.id === interventionId)!;
          const reasons = checkHeld(facts, own);
          if (reasons.length)
            throw new AppError('conflict', 'cases.interventions.errors.cannotHold', {
              fieldErrors: onField('outcome', reasons),
            });
        }
        await tx
          .updateTable('case_interventions')
          .set({
            status: data.outcome,
            held_on: data.outcome === 'held' ? data.held_on! : null,
            notes: data.notes ?? null,
          })
          .where('id', '=', interventionId)
          .execute();
        await recordCaseEvent(
          tx,
          actor,
          caseId,
          row.org_id,
          `intervention.${data.outcome}`,
          { kind: intervention.kind },
          entity('case_intervention', interventionId),
        );
        return { status: data.outcome };
      });
    },

    /** Shuttle communication: one message carried, from one participant to another. */
    async addMessage(actor: Actor, caseId: string, interventionId: string, input: unknown) {
      const data = parseInput(messageSchema, input);
      notInFuture(data.carried_on, 'carried_on');
      return change(actor, 'case.shuttle.message', caseId, async (tx, row) => {
        requireNotSuspended(row);
        const intervention = await interventionOf(tx, caseId, interventionId);
        if (intervention.kind !== 'shuttle')
          throw new AppError('conflict', 'cases.interventions.errors.notShuttle');
        if (intervention.status === 'cancelled')
          throw new AppError('conflict', 'cases.interventions.errors.cancelled');
        const facts = await caseFacts(tx, row);
        const sender = workableParticipant(facts, data.from_participant, 'from_participant');
        const receiver = workableParticipant(facts, data.to_participant, 'to_participant');
        // A message is only carried between people who consented and were found suitable.
        const notReady = [
          ...onField('from_participant', attendeesNotReady(facts, [asAttending(sender.id)])),
          ...onField('to_participant', attendeesNotReady(facts, [asAttending(receiver.id)])),
        ];
        if (notReady.length)
          throw new AppError('conflict', 'cases.interventions.errors.cannotCarry', {
            fieldErrors: notReady,
          });
        const message = await tx
          .insertInto('case_shuttle_messages')
          .values({
            org_id: row.org_id,
            case_id: caseId,
            intervention_id: interventionId,
            from_participant_id: sender.id,
            to_participant_id: receiver.id,
            carried_on: data.carried_on,
            summary: data.summary,
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
          'shuttle.message',
          { sender: sender.name, receiver: receiver.name },
          entity('case_shuttle_message', message.id),
        );
        return { id: message.id };
      });
    },

    /** A letter of apology, received from its writer. Nothing is sent to anyone yet. */
    async receiveLetter(actor: Actor, caseId: string, interventionId: string, input: unknown) {
      const data = parseInput(letterSchema, input);
      notInFuture(data.received_on, 'received_on');
      return change(actor, 'case.letter.received', caseId, async (tx, row) => {
        const intervention = await interventionOf(tx, caseId, interventionId);
        if (intervention.kind !== 'letter_of_apology')
          throw new AppError('conflict', 'cases.interventions.errors.notLetter');
        if (intervention.status === 'cancelled')
          throw new AppError('conflict', 'cases.interventions.errors.cancelled');
        const facts = await caseFacts(tx, row);
        const writer = workableParticipant(facts, data.writer, 'writer');
        const recipient = workableParticipant(facts, data.recipient, 'recipient');
        const letter = await tx
          .insertInto('case_letters')
          .values({
            org_id: row.org_id,
            case_id: caseId,
            intervention_id: interventionId,
            writer_participant_id: writer.id,
            recipient_participant_id: recipient.id,
            received_on: data.received_on,
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
          'letter.received',
          { writer: writer.name },
          entity('case_letter', letter.id),
        );
        return { id: letter.id };
      });
    },

    /** The harmed person was contacted about the letter, and chose: receive, decline, not yet. */
    async recordRecipientDecision(actor: Actor, caseId: string, letterId: string, input: unknown) {
      const data = parseInput(decisionSchema, input);
      notInFuture(data.recipient_contacted_on, 'recipient_contacted_on');
      return change(actor, 'case.letter.decision', caseId, async (tx, row) => {
        await touchCase(tx, actor, clock, caseId, { expectedVersion: expectedVersion(input) });
        const letter = await letterOf(tx, caseId, letterId);
        if (letter.delivered_on)
          throw new AppError('conflict', 'cases.interventions.errors.alreadyDelivered');
        const facts = await caseFacts(tx, row);
        const recipient = workableParticipant(
          facts,
          letter.recipient_participant_id,
          'recipient_decision',
        );
        await tx
          .updateTable('case_letters')
          .set({
            recipient_contacted_on: data.recipient_contacted_on,
            recipient_decision: data.recipient_decision,
          })
          .where('id', '=', letterId)
          .execute();
        await recordCaseEvent(
          tx,
          actor,
          caseId,
          row.org_id,
          `letter.decision_${data.recipient_decision}`,
          { recipient: recipient.name },
          entity('case_letter', letterId),
        );
      });
    },

    /**
     * Releases the letter to the harmed person: only once they were contacted and chose to
     * receive it (the table's check constraint refuses anything else too).
     */
    async markDelivered(actor: Actor, caseId: string, letterId: string, input: unknown) {
      const data = parseInput(deliveredSchema, input);
      notInFuture(data.delivered_on, 'delivered_on');
      return change(actor, 'case.letter.delivered', caseId, async (tx, row) => {
        requireNotSuspended(row);
        await touchCase(tx, actor, clock, caseId, { expectedVersion: expectedVersion(input) });
        const letter = await letterOf(tx, caseId, letterId);
        if (letter.delivered_on)
          throw new AppError('conflict', 'cases.interventions.errors.alreadyDelivered');
        const facts = await caseFacts(tx, row);
        const recipient = workableParticipant(
          facts,
          letter.recipient_participant_id,
          'delivered_on',
        );
        if (letter.recipient_decision !== 'receive' || !letter.recipient_contacted_on)
          throw new AppError('conflict', 'cases.interventions.errors.cannotDeliver', {
            fieldErrors: [
              {
                field: 'delivered_on',
                key: 'cases.interventions.errors.notChosen',
                params: { name: recipient.name },
              },
            ],
          });
        if (data.delivered_on < letter.recipient_contacted_on)
          throw validationFailed([
            { field: 'delivered_on', key: 'cases.interventions.errors.deliveredBeforeChoice' },
          ]);
        await tx
          .updateTable('case_letters')
          .set({ delivered_on: data.delivered_on })
          .where('id', '=', letterId)
          .execute();
        await recordCaseEvent(
          tx,
          actor,
          caseId,
          row.org_id,
          'letter.delivered',
          { recipient: recipient.name },
          entity('case_letter', letterId),
        );
      });
    },
  };
}

/** One participant as the sole attendee of a stand-in intervention, to ask the rules about. */
function asAttending(participantId: string): InterventionFacts {
  return { id: participantId, status: 'planned', attendeeIds: [participantId] };
}

export type InterventionService = ReturnType<typeof interventionService>;
