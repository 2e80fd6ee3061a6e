// Schedules follow-up contact, with one participant or the case as a whole.
import type { Actor } from '../../../domain/roles.js';
import { parseInput } from '../../../platform/forms.js';
import { caseFacts } from '../facts.js';
import { workableParticipant } from '../interventions/participants.js';
import type { CaseDeps } from '../kernel/index.js';
import { followUpSchema } from './schemas.js';

export const scheduleFollowUp =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string, input: unknown) => {
    const data = parseInput(followUpSchema, input);
    return kernel.changeCase(
      { actor, caseId, action: 'case.followUp.scheduled' },
      async (tx, row) => {
        const participant = data.participant
          ? workableParticipant(await caseFacts(tx, row), data.participant, 'participant')
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
        return {
          event: {
            kind: participant ? 'followUp.scheduled_with' : 'followUp.scheduled',
            params: participant ? { name: participant.name } : undefined,
            entity: { type: 'case_follow_up', id: followUp.id },
          },
          result: { id: followUp.id },
        };
      },
    );
  };
