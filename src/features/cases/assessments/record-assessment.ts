// Records a needs, risk or suitability assessment of one participant. The recorder signs off
// their own suitability decision, unless the case needs a trained practitioner's sign-off and
// they are not trained; a high risk asks for a second sign-off where the service says so.
import { userIdOf } from '../../../domain/roles.js';
import { validationFailed } from '../../../platform/errors.js';
import { formChange } from '../kernel/form-change.js';
import { addToCase } from '../kernel/rows-of-case.js';
import { participantOf, requireCanWorkWith } from '../people/index.js';
import { currentQuestionSet } from './questions.js';
import { assessmentEvent, signer } from './records.js';
import { answersFrom, assessmentSchema } from './schemas.js';

export const recordAssessment = formChange(
  { action: 'case.assessment_recorded' },
  { schema: assessmentSchema },
  async ({ data, input, tx, row, deps, actor, caseId }) => {
    const participant = await participantOf(tx, caseId, data.participant_id);
    requireCanWorkWith(participant);
    const set = await currentQuestionSet(tx, row.org_id, data.kind);
    const { answers, errors } = answersFrom(input as Record<string, unknown>, set?.questions ?? []);
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
    const id = await addToCase(tx, row, 'case_assessments', {
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
      signed_off_at: selfSignOff ? deps.clock.now() : null,
      recorded_by: userIdOf(actor),
    });
    return {
      event: assessmentEvent('assessment_recorded', id, {
        name: participant.display_name,
        assessment: data.kind,
        decision: data.decision ?? null,
      }),
      result: id,
    };
  },
);
