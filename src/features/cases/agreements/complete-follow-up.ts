// Records that a follow-up contact was made.
import type { Actor } from '../../../domain/roles.js';
import { AppError, refuseFutureDate } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import { parseInput } from '../../../platform/forms.js';
import { expectedVersion, recordOfCase, type CaseDeps } from '../kernel/index.js';
import { followUpDoneSchema } from './schemas.js';

export const completeFollowUp =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string, followUpId: string, input: unknown) => {
    const data = parseInput(followUpDoneSchema, input);
    refuseFutureDate(data.done_on, londonDate(clock.now()), 'done_on');
    return kernel.changeCase(
      { actor, caseId, action: 'case.followUp.done', expectedVersion: expectedVersion(input) },
      async (tx) => {
        const followUp = await recordOfCase(tx, 'case_follow_ups', { caseId, id: followUpId });
        if (followUp.done_on) throw new AppError('conflict', 'cases.agreement.errors.followUpDone');
        await tx
          .updateTable('case_follow_ups')
          .set({ done_on: data.done_on, notes: data.notes ?? followUp.notes })
          .where('id', '=', followUpId)
          .execute();
        return {
          event: { kind: 'followUp.done', entity: { type: 'case_follow_up', id: followUpId } },
        };
      },
    );
  };
