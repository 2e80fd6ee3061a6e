// Adds an item to the outcome agreement: who owes what to whom, by when.
import { caseFacts } from '../facts.js';
import { workableParticipant } from '../interventions/participants.js';
import { formChange } from '../kernel/form-change.js';
import { addToCase } from '../kernel/rows-of-case.js';
import { itemEvent } from './records.js';
import { itemSchema } from './schemas.js';

export const addItem = formChange(
  { action: 'case.agreement.item_added' },
  { schema: itemSchema },
  async ({ data, tx, row }) => {
    const facts = await caseFacts(tx, row);
    workableParticipant(facts, data.owed_by, 'owed_by');
    if (data.owed_to) workableParticipant(facts, data.owed_to, 'owed_to');
    const id = await addToCase(tx, row, 'case_agreement_items', {
      kind: data.kind,
      description: data.description,
      owed_by_participant_id: data.owed_by,
      owed_to_participant_id: data.owed_to ?? null,
      due_on: data.due_on,
      amount_pence: data.kind === 'restitution' ? data.amount! : null,
    });
    return { event: itemEvent('agreement.item_added', id, data.description), result: { id } };
  },
);
