// Needs, risk and suitability assessments for each participant: structured questions from the
// service's question set plus a summary. A suitability decision counts only once signed off:
// in a sexual violence or domestic abuse case by a practitioner trained for such cases, and
// by a second person when a manager (or the service's high-risk rule) asks for it.
import type { Kysely } from 'kysely';
import { z } from 'zod';
import { withActor, type Tx } from '../../../db/actor-context.js';
import type { DB } from '../../../db/schema.js';
import { suitabilityStanding } from '../../../domain/case-lifecycle.js';
import { isUuid } from '../../../domain/ids.js';
import type { Actor } from '../../../domain/roles.js';
import { recordAudit } from '../../../platform/audit.js';
import { authorize } from '../../../platform/authorize.js';
import type { Clock } from '../../../platform/clock.js';
import { AppError, notFound, validationFailed, type FieldError } from '../../../platform/errors.js';
import { loadCase, recordCaseEvent, touchCase, type CaseRow } from '../access.js';
import { participantOf, requireCanWorkWith } from '../people/index.js';
import { requireOpenCase } from '../service.js';
import {
  ASSESSMENT_KINDS,
  currentQuestionSet,
  type AssessmentKind,
  type Question,
} from './questions.js';

export const assessmentSchema = z
  .object({
    participant_id: z.string().refine(isUuid, { error: 'cases.assessments.errors.participant' }),
    kind: z.enum(ASSESSMENT_KINDS, { error: 'cases.assessments.errors.kind' }),
    summary: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : ''),
      z
        .string()
        .min(1, { error: 'cases.assessments.errors.summary' })
        .max(10_000, { error: 'validation.tooLong' }),
    ),
    risk_level: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.enum(['low', 'medium', 'high'], { error: 'cases.assessments.errors.riskLevel' }).optional(),
    ),
    decision: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z
        .enum(['suitable', 'not_suitable'], { error: 'cases.assessments.errors.decision' })
        .optional(),
    ),
  })
  .superRefine((value, ctx) => {
    if (value.kind === 'risk' && !value.risk_level)
      ctx.addIssue({
        code: 'custom',
        path: ['risk_level'],
        message: 'cases.assessments.errors.riskLevel',
      });
    if (value.kind === 'suitability' && !value.decision)
      ctx.addIssue({
        code: 'custom',
        path: ['decision'],
        message: 'cases.assessments.errors.decision',
      });
  });

const userId = (actor: Actor) => (actor.kind === 'user' ? actor.userId : null);

function answersFrom(
  input: Record<string, unknown>,
  questions: Question[],
): { answers: Record<string, string>; errors: FieldError[] } {
  const answers: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const question of questions.filter((q) => !q.retired)) {
    const raw = input[`q_${question.id}`];
    const value = typeof raw === 'string' ? raw.trim() : '';
    if (question.type === 'yesNo' && value && value !== 'yes' && value !== 'no')
      errors.push({ field: `q_${question.id}`, key: 'referrals.errors.yesNo' });
    if (value.length > 4000) errors.push({ field: `q_${question.id}`, key: 'validation.tooLong' });
    if (value) answers[question.id] = value;
  }
  return { answers, errors };
}

async function signer(tx: Tx, id: string | null) {
  if (!id) return null;
  return (
    tx
      .selectFrom('users')
      .select(['id', 'name', 'trained_sv_da'])
      .where('id', '=', id)
      .executeTakeFirst() ?? null
  );
}

export function assessmentService({ db, clock }: { db: Kysely<DB>; clock: Clock }) {
  async function assessmentOf(tx: Tx, row: CaseRow, assessmentId: string) {
    if (!isUuid(assessmentId)) throw notFound();
    const assessment = await tx
      .selectFrom('case_assessments')
      .selectAll()
      .where('id', '=', assessmentId)
      .where('case_id', '=', row.id)
      .executeTakeFirst();
    if (!assessment) throw notFound();
    return assessment;
  }

  return {
    /** Every assessment in the case, newest first, with where each suitability decision stands. */
    async list(actor: Actor, caseId: string) {
      await authorize(db, actor, 'work_cases', 'case.viewed');
      return withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, caseId);
        const assessments = await tx
          .selectFrom('case_assessments')
          .innerJoin('case_participants', 'case_participants.id', 'case_assessments.participant_id')
          .leftJoin('users as recorder', 'recorder.id', 'case_assessments.recorded_by')
          .leftJoin('users as signer', 'signer.id', 'case_assessments.signed_off_by')
          .leftJoin('users as second', 'second.id', 'case_assessments.second_signed_off_by')
          .leftJoin('assessment_question_sets as set', 'set.id', 'case_assessments.question_set_id')
          .selectAll('case_assessments')
          .select([
            'case_participants.display_name as participantName',
            'recorder.name as recorderName',
            'signer.name as signerName',
            'signer.trained_sv_da as signerTrained',
            'second.name as secondName',
            'set.questions',
          ])
          .where('case_assessments.case_id', '=', caseId)
          .orderBy('case_assessments.created_at', 'desc')
          .execute();
        const participants = await tx
          .selectFrom('case_participants')
          .select(['id', 'display_name', 'role', 'consent_status'])
          .where('case_id', '=', caseId)
          .orderBy('created_at')
          .execute();
        await recordAudit(tx, actor, {
          action: 'case.viewed',
          entityType: 'case',
          entityId: caseId,
          details: { part: 'assessments' },
        });
        return {
          case: row,
          participants,
          assessments: assessments.map((a) => ({
            ...a,
            standing:
              a.kind === 'suitability'
                ? suitabilityStanding(
                    {
                      decision: a.decision as 'suitable' | null,
                      signedOffByTrained: a.signerTrained === true,
                      needsSecondSignOff: a.needs_second_sign_off,
                      secondSignedOff: a.second_signed_off_at !== null,
                    },
                    row.sv_da,
                  )
                : null,
          })),
        };
      });
    },

    /** The questions a new assessment of this kind asks, for the form. */
    async form(actor: Actor, caseId: string, kind: AssessmentKind) {
      await authorize(db, actor, 'work_cases', 'case.viewed');
      return withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, caseId);
        const set = await currentQuestionSet(tx, row.org_id, kind);
        const participants = await tx
          .selectFrom('case_participants')
          .select(['id', 'display_name', 'role', 'consent_status'])
          .where('case_id', '=', caseId)
          .orderBy('created_at')
          .execute();
        return {
          case: row,
          questions: (set?.questions ?? []).filter((q) => !q.retired),
          participants,
        };
      });
    },

    async record(actor: Actor, caseId: string, input: unknown) {
      await authorize(db, actor, 'work_cases', 'case.assessment_recorded');
      const parsed = assessmentSchema.safeParse(input ?? {});
      if (!parsed.success)
        throw validationFailed(
          parsed.error.issues.map((i) => ({
            field: String(i.path[0]),
            key: i.message.includes('.') ? i.message : 'validation.invalid',
          })),
        );
      const data = parsed.data;
      return withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, caseId);
        requireOpenCase(row);
        const participant = await participantOf(tx, caseId, data.participant_id);
        requireCanWorkWith(participant);
        const set = await currentQuestionSet(tx, row.org_id, data.kind);
        const { answers, errors } = answersFrom(
          input as Record<string, unknown>,
          set?.questions ?? [],
        );
        if (errors.length > 0) throw validationFailed(errors);
        const recorder = await signer(tx, userId(actor));
        const settings = await tx
          .selectFrom('service_settings')
          .select('second_sign_off_high_risk')
          .where('org_id', '=', row.org_id)
          .executeTakeFirst();
        const latestRisk = await tx
          .selectFrom('case_assessments')
          .select('risk_level')
          .where('participant_id', '=', participant.id)
          .where('kind', '=', 'risk')
          .orderBy('created_at', 'desc')
          .limit(1)
          .executeTakeFirst();
        const suitability = data.kind === 'suitability';
        // The recorder signs off their own decision, unless the case needs a trained
        // practitioner's sign-off and they are not trained.
        const selfSignOff = suitability && recorder && (!row.sv_da || recorder.trained_sv_da);
        const created = await tx
          .insertInto('case_assessments')
          .values({
            org_id: row.org_id,
            case_id: caseId,
            participant_id: participant.id,
            kind: data.kind,
            question_set_id: set?.id ?? null,
            answers: JSON.stringify(answers),
            summary: data.summary,
            risk_level: data.kind === 'risk' ? (data.risk_level ?? null) : null,
            decision: suitability ? (data.decision ?? null) : null,
            needs_second_sign_off:
              suitability &&
              settings?.second_sign_off_high_risk === true &&
              latestRisk?.risk_level === 'high',
            signed_off_by: selfSignOff ? recorder.id : null,
            signed_off_at: selfSignOff ? clock.now() : null,
            recorded_by: userId(actor),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await touchCase(tx, actor, clock, caseId);
        await recordCaseEvent(
          tx,
          actor,
          caseId,
          row.org_id,
          'assessment_recorded',
          {
            name: participant.display_name,
            assessment: data.kind,
            decision: data.decision ?? null,
          },
          { type: 'case_assessment', id: created.id },
        );
        return created.id;
      });
    },

    /** Sign-off of a suitability decision; in an SV/DA case only a trained practitioner may. */
    async signOff(actor: Actor, caseId: string, assessmentId: string) {
      await authorize(db, actor, 'triage_referrals', 'case.assessment_signed_off');
      await withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, caseId);
        const assessment = await assessmentOf(tx, row, assessmentId);
        if (assessment.kind !== 'suitability')
          throw new AppError('conflict', 'cases.assessments.errors.notSuitability');
        const me = await signer(tx, userId(actor));
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
        await touchCase(tx, actor, clock, caseId);
        await recordCaseEvent(
          tx,
          actor,
          caseId,
          row.org_id,
          'assessment_signed_off',
          { by: me!.name },
          { type: 'case_assessment', id: assessmentId },
        );
      });
    },

    /** A manager asks for a second sign-off of a high-risk decision. */
    async requireSecondSignOff(actor: Actor, caseId: string, assessmentId: string) {
      await authorize(db, actor, 'manage_service', 'case.second_sign_off_required');
      await withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, caseId);
        const assessment = await assessmentOf(tx, row, assessmentId);
        if (assessment.kind !== 'suitability')
          throw new AppError('conflict', 'cases.assessments.errors.notSuitability');
        await tx
          .updateTable('case_assessments')
          .set({
            needs_second_sign_off: true,
            second_signed_off_by: null,
            second_signed_off_at: null,
          })
          .where('id', '=', assessmentId)
          .execute();
        await touchCase(tx, actor, clock, caseId);
        await recordCaseEvent(
          tx,
          actor,
          caseId,
          row.org_id,
          'second_sign_off_required',
          {},
          { type: 'case_assessment', id: assessmentId },
        );
      });
    },

    /** The second sign-off, by someone other than the first. */
    async secondSignOff(actor: Actor, caseId: string, assessmentId: string) {
      await authorize(db, actor, 'triage_referrals', 'case.assessment_second_signed_off');
      await withActor(db, actor, async (tx) => {
        const row = await loadCase(tx, actor, caseId);
        const assessment = await assessmentOf(tx, row, assessmentId);
        if (!assessment.needs_second_sign_off)
          throw new AppError('conflict', 'cases.assessments.errors.noSecondNeeded');
        if (!assessment.signed_off_by)
          throw new AppError('conflict', 'cases.assessments.errors.firstSignOffFirst');
        if (
          assessment.signed_off_by === userId(actor) ||
          assessment.recorded_by === userId(actor)
        ) {
          throw new AppError('conflict', 'cases.assessments.errors.secondMustDiffer');
        }
        await tx
          .updateTable('case_assessments')
          .set({ second_signed_off_by: userId(actor), second_signed_off_at: clock.now() })
          .where('id', '=', assessmentId)
          .execute();
        await touchCase(tx, actor, clock, caseId);
        await recordCaseEvent(
          tx,
          actor,
          caseId,
          row.org_id,
          'assessment_second_signed_off',
          {},
          { type: 'case_assessment', id: assessmentId },
        );
      });
    },
  };
}

export type AssessmentService = ReturnType<typeof assessmentService>;
