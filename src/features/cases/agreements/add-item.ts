// Adds an item to the outcome agreement: who owes what to whom, by when.
import type { Actor } from '../../../domain/roles.js';
import { parseInput } from '../../../platform/forms.js';
import { caseFacts } from '../facts.js';
import { workableParticipant } from '../interventions/participants.js';
import type { CaseDeps } from '../kernel/index.js';
import { itemEvent } from './records.js';
import { itemSchema } from './schemas.js';

export const addItem =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string, input: unknown) => {
    const data = parseInput(itemSchema, input);
    return kernel.changeCase(
      { actor, caseId, action: 'case.agreement.item_added' },
      async (tx, row) => {
        const facts = await caseFacts(tx, row);
        workableParticipant(facts, data.owed_by, 'owed_by');
        if (data.owed_to) workableParticipant(facts, data.owed_to, 'owed_to');
        const item = await tx
          .insertInto('case_agreement_items')
          .values({
            org_id: row.org_id,
            case_id: caseId,
            kind: data.kind,
            description: data.description,
            owed_by_participant_id: data.owed_by,
            owed_to_participant_id: data.owed_to ?? null,
            due_on: data.due_on,
            amount_pence: data.kind === 'restitution' ? data.amount! : null,
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return {
          event: itemEvent('agreement.item_added', item.id, data.description),
          result: { id: item.id },
        };
      },
    );
  };
