// Records what happened: held, cancelled or postponed. Held only once every attendee has given
// informed consent and been found suitable (signed off); otherwise every reason.
import { checkHeld } from '../../../domain/case-lifecycle.js';
import type { Actor } from '../../../domain/roles.js';
import { AppError, refuseFutureDate } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import { parseInput } from '../../../platform/forms.js';
import { caseFacts } from '../facts.js';
import { expectedVersion, type CaseDeps } from '../kernel/index.js';
import {
  interventionEvent,
  interventionOf,
  onField,
  requireNotSuspended,
  requireStillToHappen,
} from './records.js';
import { outcomeSchema } from './schemas.js';

export const recordInterventionOutcome =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string, interventionId: string, input: unknown) => {
    const data = parseInput(outcomeSchema, input);
    refuseFutureDate(data.held_on, londonDate(clock.now()), 'held_on');
    return kernel.changeCase(
      {
        actor,
        caseId,
        action: `case.intervention.${data.outcome}`,
        expectedVersion: expectedVersion(input),
      },
      async (tx, row) => {
        const intervention = await interventionOf(tx, caseId, interventionId);
        requireStillToHappen(intervention, 'alreadyRecorded');
        if (data.outcome === 'held') {
          requireNotSuspended(row);
          const facts = await caseFacts(tx, row);
          const own = facts.interventions.find((i) => i.id === interventionId)!;
          const reasons = checkHeld(facts, own);
          if (reasons.length)
            throw new AppError('conflict', 'cases.interventions.errors.cannotHold', {
              fieldErrors: onField('outcome', reasons),
            });
        }
        await tx
          .updateTable('case_interventions')
          .set({
            status: data.outcome,
            held_on: data.outcome === 'held' ? data.held_on! : null,
            notes: data.notes ?? null,
          })
          .where('id', '=', interventionId)
          .execute();
        return {
          event: interventionEvent(`intervention.${data.outcome}`, interventionId, {
            kind: intervention.kind,
          }),
          result: { status: data.outcome },
        };
      },
    );
  };
