// Sign-offs of a suitability decision: the first (in an SV/DA case only by a practitioner
// trained for it), a manager asking for a second, and the second, by someone other than the
// first. A closed case can still be signed off, as before the kernel.
import type { Updateable } from 'kysely';
import type { Tx } from '../../../db/actor-context.js';
import type { DB } from '../../../db/schema.js';
import { userIdOf, type Actor, type Capability } from '../../../domain/roles.js';
import { AppError } from '../../../platform/errors.js';
import type { CaseDeps, CaseEvent, CaseRow } from '../kernel/index.js';
import { assessmentEvent, assessmentOf, requireSuitability, signer } from './records.js';

type Assessment = Awaited<ReturnType<typeof assessmentOf>>;

/** One sign-off change: the assessment found, what the work decides written to it. */
function changeAssessment(
  { kernel }: CaseDeps,
  change: { actor: Actor; caseId: string; action: string; capability: Capability },
  assessmentId: string,
  work: (
    assessment: Assessment,
    tx: Tx,
    row: CaseRow,
  ) => Promise<{ set: Updateable<DB['case_assessments']>; event: CaseEvent }>,
) {
  return kernel.changeCase({ ...change, allowClosed: true }, async (tx, row) => {
    const { set, event } = await work(await assessmentOf(tx, row, assessmentId), tx, row);
    await tx.updateTable('case_assessments').set(set).where('id', '=', assessmentId).execute();
    return { event };
  });
}

export const signOff = (deps: CaseDeps) => (actor: Actor, caseId: string, assessmentId: string) =>
  changeAssessment(
    deps,
    { actor, caseId, action: 'case.assessment_signed_off', capability: 'triage_referrals' },
    assessmentId,
    async (assessment, tx, row) => {
      requireSuitability(assessment);
      const me = await signer(tx, userIdOf(actor));
      if (row.sv_da && !me?.trained_sv_da)
        throw new AppError('forbidden', 'cases.assessments.errors.needsTrained');
      if (
        assessment.signed_off_by &&
        (!row.sv_da || (await signer(tx, assessment.signed_off_by))?.trained_sv_da)
      ) {
        throw new AppError('conflict', 'cases.assessments.errors.alreadySignedOff');
      }
      return {
        set: { signed_off_by: me!.id, signed_off_at: deps.clock.now() },
        event: assessmentEvent('assessment_signed_off', assessmentId, { by: me!.name }),
      };
    },
  );

export const requireSecondSignOff =
  (deps: CaseDeps) => (actor: Actor, caseId: string, assessmentId: string) =>
    changeAssessment(
      deps,
      { actor, caseId, action: 'case.second_sign_off_required', capability: 'manage_service' },
      assessmentId,
      async (assessment) => {
        requireSuitability(assessment);
        return {
          set: {
            needs_second_sign_off: true,
            second_signed_off_by: null,
            second_signed_off_at: null,
          },
          event: assessmentEvent('second_sign_off_required', assessmentId),
        };
      },
    );

export const secondSignOff =
  (deps: CaseDeps) => (actor: Actor, caseId: string, assessmentId: string) =>
    changeAssessment(
      deps,
      {
        actor,
        caseId,
        action: 'case.assessment_second_signed_off',
        capability: 'triage_referrals',
      },
      assessmentId,
      async (assessment) => {
        if (!assessment.needs_second_sign_off)
          throw new AppError('conflict', 'cases.assessments.errors.noSecondNeeded');
        if (!assessment.signed_off_by)
          throw new AppError('conflict', 'cases.assessments.errors.firstSignOffFirst');
        const me = userIdOf(actor);
        if (assessment.signed_off_by === me || assessment.recorded_by === me)
          throw new AppError('conflict', 'cases.assessments.errors.secondMustDiffer');
        return {
          set: { second_signed_off_by: me, second_signed_off_at: deps.clock.now() },
          event: assessmentEvent('assessment_second_signed_off', assessmentId),
        };
      },
    );
