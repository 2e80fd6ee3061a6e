// Changes someone's details and safe-contact instructions; refused if the case changed since
// the form was shown.
import type { Actor } from '../../../domain/roles.js';
import { parseInput } from '../../../platform/forms.js';
import { expectedVersion, type CaseDeps } from '../kernel/index.js';
import { participantColumns, participantOf } from './participants.js';
import { participantSchema } from './schemas.js';

export const changeParticipant =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string, participantId: string, input: unknown) => {
    const data = parseInput(participantSchema, input);
    return kernel.changeCase(
      {
        actor,
        caseId,
        action: 'case.participant_updated',
        expectedVersion: expectedVersion(input),
      },
      async (tx) => {
        await participantOf(tx, caseId, participantId);
        await tx
          .updateTable('case_participants')
          .set(participantColumns(data))
          .where('id', '=', participantId)
          .execute();
        return {
          event: {
            kind: 'participant_updated',
            params: { name: data.display_name },
            entity: { type: 'case_participant', id: participantId },
          },
        };
      },
    );
  };
