// The Assessments tab's answers and the new assessment form's choices and questions, in words:
// pure functions of what was read and typed.
import type { PresentedForm } from '../../../platform/forms.js';
import type { Translate } from '../../../platform/i18n/index.js';
import {
  ASSESSMENT_KINDS,
  questionLabel,
  type AssessmentKind,
  type Question,
} from './questions.js';

/** The kind of assessment asked for; needs when it is not one. */
export const kindOf = (value: unknown): AssessmentKind =>
  (ASSESSMENT_KINDS as readonly unknown[]).includes(value) ? (value as AssessmentKind) : 'needs';

/** An assessment's answered questions as summary rows, a yes or no in words. */
export function answerRows(
  assessment: { kind: string; questions: unknown; answers: unknown },
  t: Translate,
) {
  const answers = (assessment.answers ?? {}) as Record<string, string>;
  const kind = assessment.kind as AssessmentKind;
  return ((assessment.questions ?? []) as Question[])
    .filter((q) => answers[q.id] !== undefined)
    .map((q) => ({
      key: { text: questionLabel(q, kind, t) },
      value: { text: q.type === 'yesNo' ? t(`common.${answers[q.id]}`) : answers[q.id]! },
    }));
}

/** Who may be assessed (not anyone who withdrew consent) and the questions, as typed. */
export function assessmentFormItems(
  view: {
    participants: { id: string; display_name: string; role: string; consent_status: string }[];
    questions: Question[];
  },
  kind: AssessmentKind,
  form: PresentedForm,
  t: Translate,
) {
  return {
    participantItems: view.participants
      .filter((p) => p.consent_status !== 'withdrawn')
      .map((p) => ({
        value: p.id,
        text: `${p.display_name} (${t(`cases.roles.${p.role}`)})`,
        checked: p.id === form.values.participant_id,
      })),
    questions: view.questions.map((q) => ({
      ...q,
      name: `q_${q.id}`,
      label: questionLabel(q, kind, t),
      value: form.values[`q_${q.id}`] ?? '',
      errorMessage: form.errors[`q_${q.id}`],
    })),
  };
}
