// The distance travelled in brief, for the case summary: each person's overall change from their
// entry measure to their exit review. The Wellbeing tab has the chart, per category.
import type { Tx } from '../../../db/actor-context.js';
import { distanceTravelled } from '../../../domain/measures.js';

/** Everyone on the case with both an entry measure and an exit review, in the case's order. */
export async function distancesOnCase(tx: Tx, caseId: string) {
  const measures = await tx
    .selectFrom('wellbeing_measures')
    .innerJoin('case_participants', 'case_participants.id', 'wellbeing_measures.participant_id')
    .select([
      'wellbeing_measures.id',
      'wellbeing_measures.participant_id as participantId',
      'wellbeing_measures.kind',
      'case_participants.display_name as name',
    ])
    .where('wellbeing_measures.case_id', '=', caseId)
    .where('wellbeing_measures.kind', 'in', ['entry', 'exit'])
    .orderBy('case_participants.created_at')
    .execute();
  if (measures.length === 0) return [];
  const scores = await tx
    .selectFrom('wellbeing_scores')
    .select(['measure_id as measureId', 'category_id as categoryId', 'score'])
    .where('case_id', '=', caseId)
    .where(
      'measure_id',
      'in',
      measures.map((m) => m.id),
    )
    .execute();
  const scoresOf = (measureId: string) =>
    new Map(scores.filter((s) => s.measureId === measureId).map((s) => [s.categoryId, s.score]));

  const people = [...new Map(measures.map((m) => [m.participantId, m.name]))];
  return people.flatMap(([participantId, name]) => {
    const entry = measures.find((m) => m.participantId === participantId && m.kind === 'entry');
    const exit = measures.find((m) => m.participantId === participantId && m.kind === 'exit');
    if (!entry || !exit) return [];
    const [before, after] = [scoresOf(entry.id), scoresOf(exit.id)];
    const categoryIds = [...new Set([...before.keys(), ...after.keys()])];
    const distance = distanceTravelled(before, after, categoryIds);
    return [
      {
        participantId,
        name,
        overall: distance.overall,
        categoriesCompared: distance.categoriesCompared,
      },
    ];
  });
}
