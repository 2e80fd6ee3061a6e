// An assessment's form: the participant, the kind, the summary, and (for risk and suitability)
// the level or the decision; the service's own questions are read apart (answersFrom).
import { z } from 'zod';
import { isUuid } from '../../../domain/ids.js';
import type { FieldError } from '../../../platform/errors.js';
import { requiredText } from '../../../platform/forms.js';
import { ASSESSMENT_KINDS, type Question } from './questions.js';
import { problemAt } from '../../../platform/problem-at.js';

export const assessmentSchema = z
  .object({
    participant_id: z.string().refine(isUuid, { error: 'cases.assessments.errors.participant' }),
    kind: z.enum(ASSESSMENT_KINDS, { error: 'cases.assessments.errors.kind' }),
    summary: requiredText('cases.assessments.errors.summary', 10_000),
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
      problemAt(ctx, 'risk_level', 'cases.assessments.errors.riskLevel');
    if (value.kind === 'suitability' && !value.decision)
      problemAt(ctx, 'decision', 'cases.assessments.errors.decision');
  });

/** The answers to the service's questions, each checked (yes/no, at most 4,000 characters). */
export function answersFrom(
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
