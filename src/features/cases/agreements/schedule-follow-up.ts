// Schedules follow-up contact, with one participant or the case as a whole.
import { caseFacts } from '../facts.js';
import { workableParticipant } from '../interventions/participants.js';
import { formChange } from '../kernel/form-change.js';
import { addToCase } from '../kernel/rows-of-case.js';
import { followUpSchema } from './schemas.js';

export const scheduleFollowUp = formChange(
  { action: 'case.followUp.scheduled' },
  { schema: followUpSchema },
  async ({ data, tx, row }) => {
    const participant = data.participant
      ? workableParticipant(await caseFacts(tx, row), data.participant, 'participant')
      : undefined;
    const id = await addToCase(tx, row, 'case_follow_ups', {
      participant_id: participant?.id ?? null,
      due_on: data.due_on,
      notes: data.notes ?? null,
    });
    return {
      event: {
        kind: participant ? 'followUp.scheduled_with' : 'followUp.scheduled',
        params: participant ? { name: participant.name } : undefined,
        entity: { type: 'case_follow_up', id },
      },
      result: { id },
    };
  },
);
