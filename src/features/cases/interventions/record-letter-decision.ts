// The harmed person was contacted about the letter, and chose: receive, decline, not yet.
import { mayRecordDecision } from '../../../domain/letters.js';
import type { Actor } from '../../../domain/roles.js';
import { AppError, refuseFutureDate } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import { parseInput } from '../../../platform/forms.js';
import { caseFacts } from '../facts.js';
import { expectedVersion, type CaseDeps } from '../kernel/index.js';
import { workableParticipant } from './participants.js';
import { letterOf } from './records.js';
import { decisionSchema } from './schemas.js';

export const recordLetterDecision =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string, letterId: string, input: unknown) => {
    const data = parseInput(decisionSchema, input);
    refuseFutureDate(
      data.recipient_contacted_on,
      londonDate(clock.now()),
      'recipient_contacted_on',
    );
    return kernel.changeCase(
      { actor, caseId, action: 'case.letter.decision', expectedVersion: expectedVersion(input) },
      async (tx, row) => {
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
  };
