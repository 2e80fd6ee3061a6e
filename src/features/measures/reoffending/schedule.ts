// When a case closes, each person who harmed gets a reoffending check in the queue, by default
// a year later; reopening the case takes back the checks not yet made.
import type { Tx } from '../../../db/actor-context.js';
import { addDays } from '../../../domain/calendar-dates.js';

export const REOFFENDING_CHECK_MONTHS = 12;

function monthsLater(date: string, months: number): string {
  const [year, month, day] = date.split('-').map(Number) as [number, number, number];
  const target = new Date(Date.UTC(year, month - 1 + months, 1));
  const lastDay = new Date(
    Date.UTC(target.getUTCFullYear(), target.getUTCMonth() + 1, 0),
  ).getUTCDate();
  return addDays(`${target.toISOString().slice(0, 8)}01`, Math.min(day, lastDay) - 1);
}

export function reoffendingCheckDue(closedOn: string): string {
  return monthsLater(closedOn, REOFFENDING_CHECK_MONTHS);
}

export async function scheduleReoffendingChecks(
  tx: Tx,
  where: { caseId: string; orgId: string; closedOn: string },
) {
  const harmers = await tx
    .selectFrom('case_participants')
    .select('id')
    .where('case_id', '=', where.caseId)
    .where('role', '=', 'harmer')
    .execute();
  for (const harmer of harmers) {
    await tx
      .insertInto('reoffending_checks')
      .values({
        org_id: where.orgId,
        case_id: where.caseId,
        participant_id: harmer.id,
        due_on: reoffendingCheckDue(where.closedOn),
      })
      .onConflict((oc) => oc.columns(['case_id', 'participant_id']).doNothing())
      .execute();
  }
}

export async function cancelReoffendingChecks(tx: Tx, caseId: string) {
  await tx
    .deleteFrom('reoffending_checks')
    .where('case_id', '=', caseId)
    .where('checked_on', 'is', null)
    .execute();
}
