// Plans an intervention: what kind, when and where, and who attends.
import { userIdOf, type Actor } from '../../../domain/roles.js';
import { validationFailed } from '../../../platform/errors.js';
import { parseInput } from '../../../platform/forms.js';
import { caseFacts } from '../facts.js';
import type { CaseDeps } from '../kernel/index.js';
import {
  attendeeProblems,
  interventionEvent,
  requireNotSuspended,
  scheduleColumns,
  setAttendees,
} from './records.js';
import { planSchema } from './schemas.js';

export const planIntervention =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string, input: unknown) => {
    const data = parseInput(planSchema, input);
    return kernel.changeCase(
      { actor, caseId, action: 'case.intervention.planned' },
      async (tx, row) => {
        requireNotSuspended(row);
        const problems = attendeeProblems(await caseFacts(tx, row), data.attendees, data.kind);
        if (problems.length) throw validationFailed(problems);
        const created = await tx
          .insertInto('case_interventions')
          .values({
            org_id: row.org_id,
            case_id: caseId,
            kind: data.kind,
            ...scheduleColumns(data),
            created_by: userIdOf(actor),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        await setAttendees(tx, row, created.id, data.attendees);
        return {
          event: interventionEvent('intervention.planned', created.id, { kind: data.kind }),
          result: { id: created.id },
        };
      },
    );
  };
