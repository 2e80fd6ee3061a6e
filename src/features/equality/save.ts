// Writing equality and diversity answers, for both doors that take them: staff on the case
// (record-equality.ts) and the participant on their one-time questionnaire link. They leave the
// service only as counts in the aggregate store.
import type { Tx } from '../../db/actor-context.js';
import type { EqualityAnswers, EqualityField } from '../../domain/equality.js';

export interface EqualityTarget {
  orgId: string;
  caseId: string;
  participantId: string;
}

/** Writes the answers given (a question not mentioned keeps its answer), in one statement. */
export async function saveEquality(
  tx: Tx,
  target: EqualityTarget,
  answers: EqualityAnswers,
  recorded: { via: 'staff' | 'questionnaire'; by: string | null },
): Promise<void> {
  const fields = Object.keys(answers) as EqualityField[];
  if (fields.length === 0) return;
  const values = Object.fromEntries(fields.map((f) => [f, answers[f] ?? null]));
  const stamp = { recorded_via: recorded.via, recorded_by: recorded.by, recorded_at: new Date() };
  await tx
    .insertInto('participant_equality')
    .values({
      participant_id: target.participantId,
      org_id: target.orgId,
      case_id: target.caseId,
      ...values,
      ...stamp,
    })
    .onConflict((oc) => oc.column('participant_id').doUpdateSet({ ...values, ...stamp }))
    .execute();
}

/** The problems of a form as field errors, one per question. */
export function equalityErrors(problems: { field: EqualityField }[]) {
  return problems.map((p) => ({ field: `eq_${p.field}`, key: 'equality.errors.answer' }));
}
