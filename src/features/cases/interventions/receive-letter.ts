// A letter of apology, received from its writer. Nothing is sent to anyone yet.
import type { Actor } from '../../../domain/roles.js';
import { AppError, refuseFutureDate } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import { parseInput } from '../../../platform/forms.js';
import { caseFacts } from '../facts.js';
import type { CaseDeps } from '../kernel/index.js';
import { workableParticipant } from './participants.js';
import { interventionOf } from './records.js';
import { letterSchema } from './schemas.js';

export const receiveLetter =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string, interventionId: string, input: unknown) => {
    const data = parseInput(letterSchema, input);
    refuseFutureDate(data.received_on, londonDate(clock.now()), 'received_on');
    return kernel.changeCase({ actor, caseId, action: 'case.letter.received' }, async (tx, row) => {
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
      return {
        event: {
          kind: 'letter.received',
          params: { writer: writer.name },
          entity: { type: 'case_letter', id: letter.id },
        },
        result: { id: letter.id },
      };
    });
  };
