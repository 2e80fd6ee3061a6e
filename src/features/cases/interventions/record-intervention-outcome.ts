// Records what happened: held, cancelled or postponed. Held only once every attendee has given
// informed consent and been found suitable (signed off), and only in the order a case happens
// (journey-order.ts: after the referral, a conversation and the planned date, not in the
// future; in custody in the prison or on approved ROTL; a letter once delivered); otherwise
// every reason.
import type { Tx } from '../../../db/actor-context.js';
import { checkHeld, type Reason } from '../../../domain/case-lifecycle.js';
import { heldRefusals } from '../../../domain/journey-order.js';
import type { Actor } from '../../../domain/roles.js';
import { AppError, type FieldError } from '../../../platform/errors.js';
import { formatDate, londonDate } from '../../../platform/format.js';
import { parseInput } from '../../../platform/forms.js';
import { caseFacts } from '../facts.js';
import { expectedVersion, type CaseDeps, type CaseRow } from '../kernel/index.js';
import {
  interventionEvent,
  interventionOf,
  onField,
  requireNotSuspended,
  requireStillToHappen,
} from './records.js';
import { outcomeSchema } from './schemas.js';

type Intervention = Awaited<ReturnType<typeof interventionOf>>;

/** The order rules' reasons, dates in words; those about the date shown at the date. */
function orderProblems(reasons: Reason[]): FieldError[] {
  return reasons.map((r) => ({
    field: r.key.startsWith('cases.rules.order.held') ? 'held_on' : 'outcome',
    key: r.key,
    params: r.params?.date ? { ...r.params, date: formatDate(r.params.date) } : r.params,
  }));
}

async function orderReasons(
  tx: Tx,
  row: CaseRow,
  intervention: Intervention,
  heldOn: string,
  today: string,
): Promise<Reason[]> {
  const letters =
    intervention.kind === 'letter_of_apology'
      ? await tx
          .selectFrom('case_letters')
          .select(['recipient_decision as recipientDecision', 'delivered_on as deliveredOn'])
          .where('intervention_id', '=', intervention.id)
          .execute()
      : [];
  return heldRefusals({
    kind: intervention.kind,
    heldOn,
    today,
    referralReceivedOn: row.receivedOn,
    firstContactOn: row.first_contact_on,
    scheduledOn: intervention.scheduled_at ? londonDate(new Date(intervention.scheduled_at)) : null,
    venueKind: intervention.venue_kind,
    rotlStatus: intervention.rotl_status,
    inCustody: row.cjsStage === 'custody',
    letters,
  });
}

export const recordInterventionOutcome =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string, interventionId: string, input: unknown) => {
    const data = parseInput(outcomeSchema, input);
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
          const today = londonDate(clock.now());
          const problems = [
            ...onField('outcome', checkHeld(facts, own)),
            ...orderProblems(await orderReasons(tx, row, intervention, data.held_on!, today)),
          ];
          if (problems.length)
            throw new AppError('conflict', 'cases.interventions.errors.cannotHold', {
              fieldErrors: problems,
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
          event: {
            ...interventionEvent(`intervention.${data.outcome}`, interventionId, {
              kind: intervention.kind,
            }),
            ...(data.outcome === 'held' ? { happenedOn: data.held_on! } : {}),
          },
          result: { status: data.outcome },
        };
      },
    );
  };
