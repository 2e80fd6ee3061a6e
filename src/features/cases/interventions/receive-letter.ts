// A letter of apology, received from its writer. Nothing is sent to anyone yet.
import { caseFacts } from '../facts.js';
import { formChange } from '../kernel/form-change.js';
import { addToCase } from '../kernel/rows-of-case.js';
import { workableParticipant } from './participants.js';
import { interventionTaking } from './records.js';
import { letterSchema } from './schemas.js';

export const receiveLetter = formChange(
  { action: 'case.letter.received' },
  { schema: letterSchema, notInFuture: 'received_on' },
  async ({ data, tx, row, caseId }, interventionId: string) => {
    await interventionTaking(tx, caseId, interventionId, 'letter_of_apology');
    const facts = await caseFacts(tx, row);
    const writer = workableParticipant(facts, data.writer, 'writer');
    const recipient = workableParticipant(facts, data.recipient, 'recipient');
    const id = await addToCase(tx, row, 'case_letters', {
      intervention_id: interventionId,
      writer_participant_id: writer.id,
      recipient_participant_id: recipient.id,
      received_on: data.received_on,
      notes: data.notes ?? null,
    });
    return {
      event: {
        kind: 'letter.received',
        params: { writer: writer.name },
        entity: { type: 'case_letter', id },
      },
      result: { id },
    };
  },
);
