// What the assessment use cases share: the assessment of a case, and who signs off.
import type { Tx } from '../../../db/actor-context.js';
import { AppError } from '../../../platform/errors.js';
import { recordOfCase, type CaseRow } from '../kernel/index.js';

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

export const assessmentOf = (tx: Tx, row: CaseRow, id: string) =>
  recordOfCase(tx, 'case_assessments', { caseId: row.id, id });

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
