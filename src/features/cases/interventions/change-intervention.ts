// Changes a planned (or postponed) intervention; refused if the case changed since the form was
// shown. Giving a postponed one a new time plans it again.
import { validationFailed } from '../../../platform/errors.js';
import { caseFacts } from '../facts.js';
import { formChange } from '../kernel/form-change.js';
import {
  attendeeProblems,
  interventionEvent,
  interventionOf,
  requireStillToHappen,
  scheduleColumns,
  setAttendees,
} from './records.js';
import { updateSchema } from './schemas.js';

export const changeIntervention = formChange(
  { action: 'case.intervention.changed', versioned: true },
  { schema: updateSchema },
  async ({ data, tx, row, caseId }, interventionId: string) => {
    const intervention = await interventionOf(tx, caseId, interventionId);
    requireStillToHappen(intervention, 'notChangeable');
    const problems = attendeeProblems(await caseFacts(tx, row), data.attendees, intervention.kind);
    if (problems.length) throw validationFailed(problems);
    const columns = scheduleColumns(data);
    const newTime =
      columns.scheduled_at !== null &&
      columns.scheduled_at.getTime() !== intervention.scheduled_at?.getTime();
    await tx
      .updateTable('case_interventions')
      .set({ ...columns, ...(newTime ? { status: 'planned' } : {}) })
      .where('id', '=', interventionId)
      .execute();
    await setAttendees(tx, row, interventionId, data.attendees);
    return {
      event: interventionEvent('intervention.changed', interventionId, {
        kind: intervention.kind,
      }),
    };
  },
);
