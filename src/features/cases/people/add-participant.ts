// Adds someone to a case, with their safe-contact instructions.
import { formChange } from '../kernel/form-change.js';
import { addToCase } from '../kernel/rows-of-case.js';
import { participantColumns } from './participants.js';
import { participantSchema } from './schemas.js';

export const addParticipant = formChange(
  { action: 'case.participant_added' },
  { schema: participantSchema },
  async ({ data, tx, row }) => {
    const id = await addToCase(tx, row, 'case_participants', participantColumns(data));
    return {
      event: {
        kind: 'participant_added',
        params: { name: data.display_name, role: data.role },
        entity: { type: 'case_participant', id },
      },
      result: id,
    };
  },
);
