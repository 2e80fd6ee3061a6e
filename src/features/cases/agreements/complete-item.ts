// Marks an agreement item completed on a day.
import type { Actor } from '../../../domain/roles.js';
import type { CaseDeps } from '../kernel/index.js';
import { changeFromForm } from '../kernel/form-change.js';
import { itemEvent, itemOf, requireNotCompleted } from './records.js';
import { completeSchema } from './schemas.js';

export const completeItem =
  (deps: CaseDeps) => (actor: Actor, caseId: string, itemId: string, input: unknown) =>
    changeFromForm(
      deps,
      { actor, caseId, action: 'case.agreement.item_completed', versioned: true },
      { input, schema: completeSchema, notInFuture: 'completed_on' },
      async (data, tx) => {
        const item = await itemOf(tx, caseId, itemId);
        requireNotCompleted(item);
        await tx
          .updateTable('case_agreement_items')
          .set({ completed_on: data.completed_on })
          .where('id', '=', itemId)
          .execute();
        return { event: itemEvent('agreement.item_completed', itemId, item.description) };
      },
    );
