// Records time and travel on a case: the actor's own, or (for a manager) anyone's in the service.
import type { Actor } from '../../../domain/roles.js';
import { londonDate } from '../../../platform/format.js';
import type { CaseDeps } from '../kernel/index.js';
import { entryColumns, parseTime, timeEvent, whoseTime } from './records.js';

export const recordTime =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string, input: unknown) => {
    const data = parseTime(input, londonDate(clock.now()));
    return kernel.changeCase({ actor, caseId, action: 'case.time_recorded' }, async (tx, row) => {
      const person = await whoseTime(tx, actor, data);
      const entry = await tx
        .insertInto('case_time_entries')
        .values({ org_id: row.org_id, case_id: caseId, ...entryColumns(data, person) })
        .returning('id')
        .executeTakeFirstOrThrow();
      return {
        event: timeEvent('recorded', entry.id, data, person.name),
        result: entry.id,
      };
    });
  };
