// Moves a case to another stage, if the lifecycle rules allow; otherwise says every reason why
// not. Closing and reopening tell whoever listens (reoffending checks are scheduled and taken
// back), through hooks the composition root wires, so this folder imports no measure.
import type { Tx } from '../../db/actor-context.js';
import { checkTransition, type CaseStage } from '../../domain/case-lifecycle.js';
import type { Actor } from '../../domain/roles.js';
import { AppError } from '../../platform/errors.js';
import { londonDate } from '../../platform/format.js';
import { parseInput } from '../../platform/forms.js';
import { caseFacts } from './facts.js';
import { expectedVersion, type CaseColumns, type CaseDeps } from './kernel/index.js';
import { transitionSchema } from './schemas.js';

/** What other features do, in the same transaction, when a case closes or reopens. */
export interface StageHooks {
  closed(tx: Tx, closed: { caseId: string; orgId: string; closedOn: string }): Promise<void>;
  reopened(tx: Tx, reopened: { caseId: string }): Promise<void>;
  /**
   * After the change is saved, the referrer is told their referral's progress changed (closed
   * or reopened). Never awaited for the answer: an email that fails does not undo the change.
   */
  referrerTold?(actor: Actor, referral: { id: string; progress: 'closed' | 'in_progress' }): void;
}

/** Keeps the referrer's view of progress in step with the case. */
async function updateReferralProgress(
  tx: Tx,
  now: Date,
  referral: { id: string | null; stage: CaseStage; outcome?: string },
) {
  if (!referral.id) return;
  const { stage } = referral;
  const progress = stage === 'closed' ? 'closed' : stage === 'new' ? 'accepted' : 'in_progress';
  await tx
    .updateTable('referrals')
    .set({
      progress,
      closure_code: stage === 'closed' ? (referral.outcome ?? null) : null,
      last_update_on: londonDate(now),
      updated_at: now,
    })
    .where('id', '=', referral.id)
    .execute();
}

type Transition = ReturnType<typeof transitionSchema.parse>;

/** The case's columns after a move: where it was, why, and how it closed. */
function columnsFor(data: Transition, from: string, to: CaseStage, today: string): CaseColumns {
  const closing = to === 'closed';
  return {
    stage: to,
    previous_stage: data.action === 'suspend' || closing ? from : null,
    ...(closing
      ? { closure_outcome: data.outcome, closure_note: data.reason ?? null, closed_on: today }
      : {}),
    ...(data.action === 'reopen'
      ? { closure_outcome: null, closure_note: null, closed_on: null, reopened_reason: data.reason }
      : {}),
    ...(data.action === 'suspend' ? { suspended_reason: data.reason } : {}),
    ...(data.action === 'resume' ? { suspended_reason: null } : {}),
  };
}

export const changeStage =
  ({ kernel, clock }: CaseDeps, hooks: StageHooks) =>
  async (actor: Actor, caseId: string, input: unknown) => {
    const data = parseInput(transitionSchema, input);
    const moved = await kernel.changeCase(
      {
        actor,
        caseId,
        action: 'case.stage_changed',
        expectedVersion: expectedVersion(input),
        allowClosed: true,
      },
      async (tx, row) => {
        const facts = await caseFacts(tx, row);
        const result = checkTransition(facts, data.action, {
          outcome: data.outcome,
          reason: data.reason,
        });
        if (!result.ok) {
          throw new AppError('conflict', 'cases.errors.cannotMove', {
            fieldErrors: result.reasons.map((reason) => ({
              field: 'stage',
              key: reason.key,
              params: reason.params,
            })),
          });
        }
        const today = londonDate(clock.now());
        await updateReferralProgress(tx, clock.now(), {
          id: row.referral_id,
          stage: result.to,
          outcome: data.outcome,
        });
        if (result.to === 'closed')
          await hooks.closed(tx, { caseId, orgId: row.org_id, closedOn: today });
        if (data.action === 'reopen') await hooks.reopened(tx, { caseId });
        return {
          caseColumns: columnsFor(data, row.stage, result.to, today),
          event: {
            kind: `stage.${data.action}`,
            params: {
              from: row.stage,
              to: result.to,
              outcome: data.outcome ?? null,
              reason:
                data.action === 'close' && data.outcome !== 'other' ? null : (data.reason ?? null),
            },
          },
          result: { stage: result.to, referralId: row.referral_id },
        };
      },
    );
    if (moved.referralId && (data.action === 'close' || data.action === 'reopen'))
      hooks.referrerTold?.(actor, {
        id: moved.referralId,
        progress: data.action === 'close' ? 'closed' : 'in_progress',
      });
    return { stage: moved.stage };
  };
