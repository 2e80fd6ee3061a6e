// Who can be measured, and the page about one person: who they are, the categories offered,
// their goals and their measures so far.
import type { Tx } from '../../../db/actor-context.js';
import { AppError } from '../../../platform/errors.js';
import {
  participantOf,
  requireCanWorkWith,
  type CaseRow,
  type Participant,
} from '../../cases/index.js';
import { categoriesOf, isActive } from './categories.js';
import { goalsOf } from './goals.js';
import { measuresTaken, type MeasureTarget } from './record.js';

const E = 'measures.wellbeing.errors';

/** May this person be measured? Not an organisation harmed, and not after consent was withdrawn. */
export function requireMeasurable(participant: Participant) {
  if (participant.organisation_name)
    throw new AppError('conflict', `${E}.organisation`, {
      params: { name: participant.display_name },
    });
  requireCanWorkWith(participant);
}

/** Someone in the case who may be measured, or why not. */
export async function measurable(tx: Tx, caseId: string, participantId: string) {
  const participant = await participantOf(tx, caseId, participantId);
  requireMeasurable(participant);
  return participant;
}

export const target = (row: CaseRow, participant: Participant): MeasureTarget => ({
  caseId: row.id,
  orgId: row.org_id,
  participant,
});

async function labelsById(tx: Tx, orgId: string) {
  const rows = await tx
    .selectFrom('wellbeing_categories')
    .select(['id', 'label'])
    .where('org_id', '=', orgId)
    .execute();
  return new Map(rows.map((r) => [r.id, r.label]));
}

/** A participant's page: who they are, the categories offered, their goals and measures. */
export async function participantPage(tx: Tx, row: CaseRow, participantId: string) {
  const participant = await measurable(tx, row.id, participantId);
  const { categories } = await categoriesOf(tx, row.org_id);
  const goals = (await goalsOf(tx, row.id)).filter((g) => g.participantId === participantId);
  const taken = (await measuresTaken(tx, [participantId])).get(participantId) ?? [];
  const labels = await labelsById(tx, row.org_id);
  return {
    case: row,
    participant,
    categories: categories.filter(isActive),
    goals: goals.map((g) => ({ ...g, category: labels.get(g.categoryId) ?? '' })),
    taken,
  };
}
