// Records that a follow-up contact was made.
import { isUuid } from '../../../domain/ids.js';
import type { Actor } from '../../../domain/roles.js';
import { AppError, notFound, refuseFutureDate } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import { parseInput } from '../../../platform/forms.js';
import { expectedVersion, type CaseDeps } from '../kernel/index.js';
import { followUpDoneSchema } from './schemas.js';

export const completeFollowUp =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string, followUpId: string, input: unknown) => {
    const data = parseInput(followUpDoneSchema, input);
    refuseFutureDate(data.done_on, londonDate(clock.now()), 'done_on');
    return kernel.changeCase(
      { actor, caseId, action: 'case.followUp.done', expectedVersion: expectedVersion(input) },
      async (tx) => {
        if (!isUuid(followUpId)) throw notFound();
        const followUp = await tx
          .selectFrom('case_follow_ups')
          .selectAll()
          .where('id', '=', followUpId)
          .where('case_id', '=', caseId)
          .executeTakeFirst();
        if (!followUp) throw notFound();
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
