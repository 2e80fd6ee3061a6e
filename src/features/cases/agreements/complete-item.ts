// Marks an agreement item completed on a day.
import type { Actor } from '../../../domain/roles.js';
import { refuseFutureDate } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import { parseInput } from '../../../platform/forms.js';
import { expectedVersion, type CaseDeps } from '../kernel/index.js';
import { itemEvent, itemOf, requireNotCompleted } from './records.js';
import { completeSchema } from './schemas.js';

export const completeItem =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string, itemId: string, input: unknown) => {
    const data = parseInput(completeSchema, input);
    refuseFutureDate(data.completed_on, londonDate(clock.now()), 'completed_on');
    return kernel.changeCase(
      {
        actor,
        caseId,
        action: 'case.agreement.item_completed',
        expectedVersion: expectedVersion(input),
      },
      async (tx) => {
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
  };
