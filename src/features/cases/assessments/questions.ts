// Assessment question sets: the shipped set (version 1, no organisation) and each service's
// later versions. Questions are never edited in place: a change is a new version, so an old
// assessment always reads against the questions it was answered with.
import type { Tx } from '../../../db/actor-context.js';
import type { Translate } from '../../../platform/i18n/index.js';

export const ASSESSMENT_KINDS = ['needs', 'risk', 'suitability'] as const;
export type AssessmentKind = (typeof ASSESSMENT_KINDS)[number];

export interface Question {
  id: string;
  type: 'yesNo' | 'text';
  /** A service's own question carries its wording; a shipped one is translated by id. */
  label?: string;
  shipped?: boolean;
  retired?: boolean;
}

export interface QuestionSet {
  id: string;
  version: number;
  questions: Question[];
}

/** The set a new assessment uses: the service's latest version, or the shipped one. */
export async function currentQuestionSet(
  tx: Tx,
  orgId: string,
  kind: AssessmentKind,
): Promise<QuestionSet | undefined> {
  const row = await tx
    .selectFrom('assessment_question_sets')
    .select(['id', 'version', 'questions'])
    .where('kind', '=', kind)
    .where((eb) => eb.or([eb('org_id', '=', orgId), eb('org_id', 'is', null)]))
    .orderBy('version', 'desc')
    .limit(1)
    .executeTakeFirst();
  return row
    ? { id: row.id, version: row.version, questions: row.questions as Question[] }
    : undefined;
}

export function questionLabel(question: Question, kind: AssessmentKind, t: Translate): string {
  return question.label ?? t(`cases.assessments.questions.${kind}.${question.id}`);
}
