// Changes or removes a time entry; refused if the case changed since the form was shown.
import type { Actor } from '../../../domain/roles.js';
import { londonDate } from '../../../platform/format.js';
import { expectedVersion, type CaseDeps } from '../kernel/index.js';
import { changeableEntry, parseTime, timeEvent, whoseTime } from './records.js';

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
          .set({
            user_id: person.id,
            worked_on: data.workedOn,
            kind: data.kind,
            minutes: data.minutes,
            miles: data.miles,
            notes: data.notes,
          })
          .where('id', '=', entry.id)
          .execute();
        return {
          event: timeEvent(`time.changed.${data.kind}`, entry.id, {
            who: person.name,
            minutes: data.minutes,
            miles: data.miles,
          }),
        };
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
        return {
          event: timeEvent(`time.removed.${entry.kind}`, entry.id, {
            who: entry.userName,
            minutes: entry.minutes,
            miles: Number(entry.miles),
          }),
        };
      },
    );
