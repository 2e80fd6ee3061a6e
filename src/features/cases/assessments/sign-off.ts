// Sign-offs of a suitability decision: the first (in an SV/DA case only by a practitioner
// trained for it), a manager asking for a second, and the second, by someone other than the
// first. A closed case can still be signed off, as before the kernel.
import { userIdOf, type Actor } from '../../../domain/roles.js';
import { AppError } from '../../../platform/errors.js';
import type { CaseDeps } from '../kernel/index.js';
import { assessmentEvent, assessmentOf, requireSuitability, signer } from './records.js';

export const signOff =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string, assessmentId: string) =>
    kernel.changeCase(
      {
        actor,
        caseId,
        action: 'case.assessment_signed_off',
        capability: 'triage_referrals',
        allowClosed: true,
      },
      async (tx, row) => {
        const assessment = await assessmentOf(tx, row, assessmentId);
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
        await tx
          .updateTable('case_assessments')
          .set({ signed_off_by: me!.id, signed_off_at: clock.now() })
          .where('id', '=', assessmentId)
          .execute();
        return { event: assessmentEvent('assessment_signed_off', assessmentId, { by: me!.name }) };
      },
    );

export const requireSecondSignOff =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string, assessmentId: string) =>
    kernel.changeCase(
      {
        actor,
        caseId,
        action: 'case.second_sign_off_required',
        capability: 'manage_service',
        allowClosed: true,
      },
      async (tx, row) => {
        requireSuitability(await assessmentOf(tx, row, assessmentId));
        await tx
          .updateTable('case_assessments')
          .set({
            needs_second_sign_off: true,
            second_signed_off_by: null,
            second_signed_off_at: null,
          })
          .where('id', '=', assessmentId)
          .execute();
        return { event: assessmentEvent('second_sign_off_required', assessmentId) };
      },
    );

export const secondSignOff =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string, assessmentId: string) =>
    kernel.changeCase(
      {
        actor,
        caseId,
        action: 'case.assessment_second_signed_off',
        capability: 'triage_referrals',
        allowClosed: true,
      },
      async (tx, row) => {
        const assessment = await assessmentOf(tx, row, assessmentId);
        if (!assessment.needs_second_sign_off)
          throw new AppError('conflict', 'cases.assessments.errors.noSecondNeeded');
        if (!assessment.signed_off_by)
          throw new AppError('conflict', 'cases.assessments.errors.firstSignOffFirst');
        const me = userIdOf(actor);
        if (assessment.signed_off_by === me || assessment.recorded_by === me)
          throw new AppError('conflict', 'cases.assessments.errors.secondMustDiffer');
        await tx
          .updateTable('case_assessments')
          .set({ second_signed_off_by: me, second_signed_off_at: clock.now() })
          .where('id', '=', assessmentId)
          .execute();
        return { event: assessmentEvent('assessment_second_signed_off', assessmentId) };
      },
    );
