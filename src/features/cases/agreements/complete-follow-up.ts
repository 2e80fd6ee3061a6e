// Records that a follow-up contact was made.
import { AppError } from '../../../platform/errors.js';
import { recordOfCase } from '../kernel/index.js';
import { formChange } from '../kernel/form-change.js';
import { followUpDoneSchema } from './schemas.js';

export const completeFollowUp = formChange(
  { action: 'case.followUp.done', versioned: true },
  { schema: followUpDoneSchema, notInFuture: 'done_on' },
  async ({ data, tx, caseId }, followUpId: string) => {
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
