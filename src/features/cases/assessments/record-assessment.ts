// Records a needs, risk or suitability assessment of one participant. The recorder signs off
// their own suitability decision, unless the case needs a trained practitioner's sign-off and
// they are not trained; a high risk asks for a second sign-off where the service says so.
import { userIdOf, type Actor } from '../../../domain/roles.js';
import { validationFailed } from '../../../platform/errors.js';
import { parseInput } from '../../../platform/forms.js';
import type { CaseDeps } from '../kernel/index.js';
import { participantOf, requireCanWorkWith } from '../people/index.js';
import { currentQuestionSet } from './questions.js';
import { assessmentEvent, signer } from './records.js';
import { answersFrom, assessmentSchema } from './schemas.js';

export const recordAssessment =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string, input: unknown) => {
    const data = parseInput(assessmentSchema, input);
    return kernel.changeCase(
      { actor, caseId, action: 'case.assessment_recorded' },
      async (tx, row) => {
        const participant = await participantOf(tx, caseId, data.participant_id);
        requireCanWorkWith(participant);
        const set = await currentQuestionSet(tx, row.org_id, data.kind);
        const { answers, errors } = answersFrom(
          input as Record<string, unknown>,
          set?.questions ?? [],
        );
        if (errors.length > 0) throw validationFailed(errors);
        const recorder = await signer(tx, userIdOf(actor));
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
            recorded_by: userIdOf(actor),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        return {
          event: assessmentEvent('assessment_recorded', created.id, {
            name: participant.display_name,
            assessment: data.kind,
            decision: data.decision ?? null,
          }),
          result: created.id,
        };
      },
    );
  };
