// Plans an intervention: what kind, when and where, and who attends.
import { userIdOf } from '../../../domain/roles.js';
import { validationFailed } from '../../../platform/errors.js';
import { caseFacts } from '../facts.js';
import { formChange } from '../kernel/form-change.js';
import { addToCase } from '../kernel/rows-of-case.js';
import {
  attendeeProblems,
  interventionEvent,
  requireNotSuspended,
  scheduleColumns,
  setAttendees,
} from './records.js';
import { planSchema } from './schemas.js';

export const planIntervention = formChange(
  { action: 'case.intervention.planned' },
  { schema: planSchema },
  async ({ data, tx, row, actor }) => {
    requireNotSuspended(row);
    const problems = attendeeProblems(await caseFacts(tx, row), data.attendees, data.kind);
    if (problems.length) throw validationFailed(problems);
    const id = await addToCase(tx, row, 'case_interventions', {
      kind: data.kind,
      ...scheduleColumns(data),
      created_by: userIdOf(actor),
    });
    await setAttendees(tx, row, id, data.attendees);
    return {
      event: interventionEvent('intervention.planned', id, { kind: data.kind }),
      result: { id },
    };
  },
);
