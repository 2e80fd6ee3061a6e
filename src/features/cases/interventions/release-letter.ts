// Releases the letter to the harmed person: only once they were contacted and chose to receive
// it (the rule in src/domain/letters.ts; the table's check constraint refuses anything else too).
import { letterReleaseRefusal } from '../../../domain/letters.js';
import { AppError, validationFailed } from '../../../platform/errors.js';
import { caseFacts } from '../facts.js';
import { formChange } from '../kernel/form-change.js';
import { workableParticipant } from './participants.js';
import { letterOf, requireNotSuspended } from './records.js';
import { deliveredSchema } from './schemas.js';

export const releaseLetter = formChange(
  { action: 'case.letter.delivered', versioned: true },
  { schema: deliveredSchema, notInFuture: 'delivered_on' },
  async ({ data, tx, row, caseId }, letterId: string) => {
    requireNotSuspended(row);
    const letter = await letterOf(tx, caseId, letterId);
    const state = {
      recipientDecision: letter.recipient_decision,
      recipientContactedOn: letter.recipient_contacted_on,
      deliveredOn: letter.delivered_on,
    };
    if (letterReleaseRefusal(state, data.delivered_on) === 'already_delivered')
      throw new AppError('conflict', 'cases.interventions.errors.alreadyDelivered');
    const recipient = workableParticipant(
      await caseFacts(tx, row),
      letter.recipient_participant_id,
      'delivered_on',
    );
    const refusal = letterReleaseRefusal(state, data.delivered_on);
    if (refusal === 'not_chosen')
      throw new AppError('conflict', 'cases.interventions.errors.cannotDeliver', {
        fieldErrors: [
          {
            field: 'delivered_on',
            key: 'cases.interventions.errors.notChosen',
            params: { name: recipient.name },
          },
        ],
      });
    if (refusal === 'delivered_before_choice')
      throw validationFailed([
        { field: 'delivered_on', key: 'cases.interventions.errors.deliveredBeforeChoice' },
      ]);
    await tx
      .updateTable('case_letters')
      .set({ delivered_on: data.delivered_on })
      .where('id', '=', letterId)
      .execute();
    return {
      event: {
        kind: 'letter.delivered',
        happenedOn: data.delivered_on,
        params: { recipient: recipient.name },
        entity: { type: 'case_letter', id: letterId },
      },
    };
  },
);
