// Adds someone to a case, with their safe-contact instructions.
import type { Actor } from '../../../domain/roles.js';
import { parseInput } from '../../../platform/forms.js';
import type { CaseDeps } from '../kernel/index.js';
import { participantColumns } from './participants.js';
import { participantSchema } from './schemas.js';

export const addParticipant =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string, input: unknown) => {
    const data = parseInput(participantSchema, input);
    return kernel.changeCase(
      { actor, caseId, action: 'case.participant_added' },
      async (tx, row) => {
        const created = await tx
          .insertInto('case_participants')
          .values({ org_id: row.org_id, case_id: caseId, ...participantColumns(data) })
          .returning('id')
          .executeTakeFirstOrThrow();
        return {
          event: {
            kind: 'participant_added',
            params: { name: data.display_name, role: data.role },
            entity: { type: 'case_participant', id: created.id },
          },
          result: created.id,
        };
      },
    );
  };
