// Changes or removes a time entry; refused if the case changed since the form was shown.
import type { Actor } from '../../../domain/roles.js';
import { londonDate } from '../../../platform/format.js';
import { expectedVersion, type CaseDeps } from '../kernel/index.js';
import { changeableEntry, entryColumns, parseTime, timeEvent, whoseTime } from './records.js';

export const changeTime =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string, entryId: string, input: unknown) => {
    const data = parseTime(input, londonDate(clock.now()));
    return kernel.changeCase(
      { actor, caseId, action: 'case.time_changed', expectedVersion: expectedVersion(input) },
      async (tx) => {
        const entry = await changeableEntry(tx, actor, caseId, entryId);
        const person = await whoseTime(tx, actor, data, entry.user_id);
        await tx
          .updateTable('case_time_entries')
          .set(entryColumns(data, person))
          .where('id', '=', entry.id)
          .execute();
        return { event: timeEvent('changed', entry.id, data, person.name) };
      },
    );
  };

export const removeTime =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string, entryId: string, input: unknown) =>
    kernel.changeCase(
      { actor, caseId, action: 'case.time_removed', expectedVersion: expectedVersion(input) },
      async (tx) => {
        const entry = await changeableEntry(tx, actor, caseId, entryId);
        await tx.deleteFrom('case_time_entries').where('id', '=', entry.id).execute();
        const removed = { ...entry, miles: Number(entry.miles) };
        return { event: timeEvent('removed', entry.id, removed, entry.userName) };
      },
    );
