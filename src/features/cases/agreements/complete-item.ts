// Marks an agreement item completed on a day.
import { formChange } from '../kernel/form-change.js';
import { itemEvent, itemOf, requireNotCompleted } from './records.js';
import { completeSchema } from './schemas.js';

export const completeItem = formChange(
  { action: 'case.agreement.item_completed', versioned: true },
  { schema: completeSchema, notInFuture: 'completed_on' },
  async ({ data, tx, caseId }, itemId: string) => {
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
