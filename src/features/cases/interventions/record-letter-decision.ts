// The harmed person was contacted about the letter, and chose: receive, decline, not yet.
import { mayRecordDecision } from '../../../domain/letters.js';
import { AppError } from '../../../platform/errors.js';
import { caseFacts } from '../facts.js';
import { formChange } from '../kernel/form-change.js';
import { workableParticipant } from './participants.js';
import { letterOf } from './records.js';
import { decisionSchema } from './schemas.js';

export const recordLetterDecision = formChange(
  { action: 'case.letter.decision', versioned: true },
  { schema: decisionSchema, notInFuture: 'recipient_contacted_on' },
  async ({ data, tx, row, caseId }, letterId: string) => {
    const letter = await letterOf(tx, caseId, letterId);
    if (!mayRecordDecision({ deliveredOn: letter.delivered_on }))
      throw new AppError('conflict', 'cases.interventions.errors.alreadyDelivered');
    const recipient = workableParticipant(
      await caseFacts(tx, row),
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
    return {
      event: {
        kind: `letter.decision_${data.recipient_decision}`,
        params: { recipient: recipient.name },
        entity: { type: 'case_letter', id: letterId },
      },
    };
  },
);
