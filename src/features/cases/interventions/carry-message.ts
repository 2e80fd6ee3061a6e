// Shuttle communication: one message carried, from one participant to another, only between
// people who consented and were found suitable.
import { attendeesNotReady } from '../../../domain/case-lifecycle.js';
import { userIdOf } from '../../../domain/roles.js';
import { AppError } from '../../../platform/errors.js';
import { caseFacts } from '../facts.js';
import { formChange } from '../kernel/form-change.js';
import { addToCase } from '../kernel/rows-of-case.js';
import { workableParticipant } from './participants.js';
import { asAttending, interventionTaking, onField, requireNotSuspended } from './records.js';
import { messageSchema } from './schemas.js';

export const carryMessage = formChange(
  { action: 'case.shuttle.message' },
  { schema: messageSchema, notInFuture: 'carried_on' },
  async ({ data, tx, row, actor, caseId }, interventionId: string) => {
    requireNotSuspended(row);
    await interventionTaking(tx, caseId, interventionId, 'shuttle');
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
    const id = await addToCase(tx, row, 'case_shuttle_messages', {
      intervention_id: interventionId,
      from_participant_id: sender.id,
      to_participant_id: receiver.id,
      carried_on: data.carried_on,
      summary: data.summary,
      recorded_by: userIdOf(actor),
    });
    return {
      event: {
        kind: 'shuttle.message',
        happenedOn: data.carried_on,
        params: { sender: sender.name, receiver: receiver.name },
        entity: { type: 'case_shuttle_message', id },
      },
      result: { id },
    };
  },
);
