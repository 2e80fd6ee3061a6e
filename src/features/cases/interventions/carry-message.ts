// Shuttle communication: one message carried, from one participant to another, only between
// people who consented and were found suitable.
import { attendeesNotReady } from '../../../domain/case-lifecycle.js';
import { userIdOf, type Actor } from '../../../domain/roles.js';
import { AppError, refuseFutureDate } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import { parseInput } from '../../../platform/forms.js';
import { caseFacts } from '../facts.js';
import type { CaseDeps } from '../kernel/index.js';
import { workableParticipant } from './participants.js';
import { asAttending, interventionOf, onField, requireNotSuspended } from './records.js';
import { messageSchema } from './schemas.js';

export const carryMessage =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string, interventionId: string, input: unknown) => {
    const data = parseInput(messageSchema, input);
    refuseFutureDate(data.carried_on, londonDate(clock.now()), 'carried_on');
    return kernel.changeCase({ actor, caseId, action: 'case.shuttle.message' }, async (tx, row) => {
      requireNotSuspended(row);
      const intervention = await interventionOf(tx, caseId, interventionId);
      if (intervention.kind !== 'shuttle')
        throw new AppError('conflict', 'cases.interventions.errors.notShuttle');
      if (intervention.status === 'cancelled')
        throw new AppError('conflict', 'cases.interventions.errors.cancelled');
      const facts = await caseFacts(tx, row);
      const sender = workableParticipant(facts, data.from_participant, 'from_participant');
      const receiver = workableParticipant(facts, data.to_participant, 'to_participant');
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
          recorded_by: userIdOf(actor),
        })
        .returning('id')
        .executeTakeFirstOrThrow();
      return {
        event: {
          kind: 'shuttle.message',
          happenedOn: data.carried_on,
          params: { sender: sender.name, receiver: receiver.name },
          entity: { type: 'case_shuttle_message', id: message.id },
        },
        result: { id: message.id },
      };
    });
  };
