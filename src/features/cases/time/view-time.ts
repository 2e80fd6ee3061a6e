// The Time tab (every entry, and the totals by kind), one entry for its change page, and the
// case alone for the page that records new time. Each is audited as a view of the case.
import type { Tx } from '../../../db/actor-context.js';
import type { Actor } from '../../../domain/roles.js';
import { caseList, type CaseDeps } from '../kernel/index.js';
import { TIME_KINDS, type TimeKind } from './form.js';
import { changeableEntry, mayChange, mayRecordForOthers, noMinutes } from './records.js';

function entriesOf(tx: Tx, caseId: string) {
  return caseList(tx, 'case_time_entries', caseId, 'userName')
    .select([
      'case_time_entries.id',
      'case_time_entries.user_id as userId',
      'case_time_entries.worked_on as workedOn',
      'case_time_entries.kind',
      'case_time_entries.minutes',
      'case_time_entries.miles',
      'case_time_entries.notes',
    ])
    .orderBy('case_time_entries.worked_on', 'desc')
    .orderBy('case_time_entries.created_at', 'desc')
    .execute();
}

async function totalsOf(tx: Tx, caseId: string) {
  const sums = await tx
    .selectFrom('case_time_entries')
    .select((eb) => [
      'kind',
      eb.fn.sum<number>('minutes').as('minutes'),
      eb.fn.sum<number>('miles').as('miles'),
    ])
    .where('case_id', '=', caseId)
    .groupBy('kind')
    .execute();
  const minutes = noMinutes();
  const miles = noMinutes();
  for (const sum of sums) {
    minutes[sum.kind as TimeKind] = Number(sum.minutes);
    miles[sum.kind as TimeKind] = Number(sum.miles);
  }
  return {
    minutes,
    miles,
    allMinutes: TIME_KINDS.reduce((n, k) => n + minutes[k], 0),
    // Summed in tenths, so 0.1 + 0.2 is 0.3.
    allMiles: TIME_KINDS.reduce((n, k) => n + Math.round(miles[k] * 10), 0) / 10,
  };
}

export const viewTime =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string) =>
    kernel.readCase({ actor, caseId, part: 'time' }, async (tx, row) => {
      const entries = await entriesOf(tx, caseId);
      return {
        case: row,
        entries: entries.map((e) => ({ ...e, mayChange: mayChange(actor, e.userId) })),
        totals: await totalsOf(tx, caseId),
        mayRecordForOthers: mayRecordForOthers(actor),
      };
    });

export const viewTimeEntry =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string, entryId: string) =>
    kernel.readCase({ actor, caseId, part: 'time' }, async (tx, row) => ({
      case: row,
      entry: await changeableEntry(tx, actor, caseId, entryId),
    }));

export const caseForTime =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string) =>
    kernel.readCase({ actor, caseId, part: 'time' }, async (_tx, row) => row);
