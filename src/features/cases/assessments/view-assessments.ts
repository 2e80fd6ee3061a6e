// The Assessments tab (every assessment, newest first, with where each suitability decision
// stands) and the questions a new assessment of a kind asks.
import type { Tx } from '../../../db/actor-context.js';
import { suitabilityStanding } from '../../../domain/case-lifecycle.js';
import type { Actor } from '../../../domain/roles.js';
import { participantsOf } from '../facts.js';
import type { CaseDeps } from '../kernel/index.js';
import { currentQuestionSet, type AssessmentKind } from './questions.js';

function assessmentsOf(tx: Tx, caseId: string) {
  return tx
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
}

export const viewAssessments =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string) =>
    kernel.readCase({ actor, caseId, part: 'assessments' }, async (tx, row) => {
      const assessments = await assessmentsOf(tx, caseId);
      return {
        case: row,
        participants: await participantsOf(tx, caseId),
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

export const assessmentForm =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string, kind: AssessmentKind) =>
    kernel.readCase({ actor, caseId, part: 'assessments' }, async (tx, row) => {
      const set = await currentQuestionSet(tx, row.org_id, kind);
      return {
        case: row,
        questions: (set?.questions ?? []).filter((q) => !q.retired),
        participants: await participantsOf(tx, caseId),
      };
    });
