// What the assessment use cases share: the assessment of a case, and who signs off.
import type { Tx } from '../../../db/actor-context.js';
import { isUuid } from '../../../domain/ids.js';
import { AppError, notFound } from '../../../platform/errors.js';
import type { CaseRow } from '../kernel/index.js';

export async function signer(tx: Tx, id: string | null) {
  if (!id) return null;
  return (
    tx
      .selectFrom('users')
      .select(['id', 'name', 'trained_sv_da'])
      .where('id', '=', id)
      .executeTakeFirst() ?? null
  );
}

export async function assessmentOf(tx: Tx, row: CaseRow, assessmentId: string) {
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

/** Sign-offs are of suitability decisions only. */
export function requireSuitability(assessment: { kind: string }) {
  if (assessment.kind !== 'suitability')
    throw new AppError('conflict', 'cases.assessments.errors.notSuitability');
}

/** The event of a change to an assessment, audited against it. */
export const assessmentEvent = (
  kind: string,
  id: string,
  params?: Record<string, string | null>,
) => ({ kind, params, entity: { type: 'case_assessment', id } });
