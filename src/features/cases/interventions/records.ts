// What the intervention use cases share: finding an intervention or a letter of the case, the
// columns a schedule sets, who may attend, and the rules' reasons as field errors.
import type { Tx } from '../../../db/actor-context.js';
import {
  canWorkWith,
  type CaseFacts,
  type InterventionFacts,
  type Reason,
} from '../../../domain/case-lifecycle.js';
import { attendeeRoleRefusal } from '../../../domain/interventions.js';
import { AppError, type FieldError } from '../../../platform/errors.js';
import { recordOfCase, type CaseRow } from '../kernel/index.js';
import { londonInstant } from './london-time.js';

export interface Schedule {
  scheduled_on?: string;
  scheduled_time?: string;
  venue_kind?: string;
  rotl_status?: string;
  venue_detail?: string;
  notes?: string;
}

/** The columns a schedule sets: the ROTL request's status only for a venue on licence. */
export function scheduleColumns(data: Schedule) {
  return {
    scheduled_at:
      data.scheduled_on && data.scheduled_time
        ? londonInstant(data.scheduled_on, data.scheduled_time)
        : null,
    venue_kind: data.venue_kind ?? null,
    rotl_status: data.venue_kind === 'rotl' ? (data.rotl_status ?? null) : null,
    venue_detail: data.venue_detail ?? null,
    notes: data.notes ?? null,
  };
}

/** Reasons from the lifecycle rules, shown against a field of the form. */
export const onField = (field: string, reasons: Reason[]): FieldError[] =>
  reasons.map((r) => ({ field, key: r.key, params: r.params }));

/**
 * Chosen attendees must be people in this case who have not withdrawn their consent, and whose
 * part in the case the kind of intervention allows (no person harmed at work with the person
 * who harmed alone).
 */
export function attendeeProblems(facts: CaseFacts, ids: string[], kind: string): FieldError[] {
  const byId = new Map(facts.participants.map((p) => [p.id, p]));
  const refusal = attendeeRoleRefusal(
    kind,
    ids.flatMap((id) => byId.get(id)?.role ?? []),
  );
  const roleProblems: FieldError[] = refusal
    ? [{ field: 'attendees', key: `cases.rules.${refusal}` }]
    : [];
  return [...roleProblems, ...attendeesKnownAndWilling(byId, ids)];
}

function attendeesKnownAndWilling(
  byId: Map<string, CaseFacts['participants'][number]>,
  ids: string[],
): FieldError[] {
  return ids.flatMap((id): FieldError[] => {
    const participant = byId.get(id);
    if (!participant)
      return [{ field: 'attendees', key: 'cases.interventions.errors.attendeeUnknown' }];
    if (!canWorkWith(participant))
      return [
        {
          field: 'attendees',
          key: 'cases.interventions.errors.attendeeWithdrawn',
          params: { name: participant.name },
        },
      ];
    return [];
  });
}

/** One participant as the sole attendee of a stand-in intervention, to ask the rules about. */
export function asAttending(participantId: string): InterventionFacts {
  return { id: participantId, status: 'planned', attendeeIds: [participantId] };
}

/** Work with people stops while a case is suspended (for example, unsafe to contact). */
export function requireNotSuspended(row: CaseRow) {
  if (row.stage === 'suspended')
    throw new AppError('conflict', 'cases.interventions.errors.suspended');
}

/** An intervention is changed, or its outcome recorded, only while still to happen. */
export function requireStillToHappen(intervention: { status: string }, key: string) {
  if (intervention.status !== 'planned' && intervention.status !== 'postponed')
    throw new AppError('conflict', `cases.interventions.errors.${key}`);
}

export const interventionOf = (tx: Tx, caseId: string, id: string) =>
  recordOfCase(tx, 'case_interventions', { caseId, id });

/** What each kind that carries messages or letters answers when asked for the other's. */
const NOT_THAT_KIND = { shuttle: 'notShuttle', letter_of_apology: 'notLetter' } as const;

/** A shuttle message or a letter is added only to an intervention of its kind not cancelled. */
export async function interventionTaking(
  tx: Tx,
  caseId: string,
  id: string,
  kind: keyof typeof NOT_THAT_KIND,
) {
  const intervention = await interventionOf(tx, caseId, id);
  if (intervention.kind !== kind)
    throw new AppError('conflict', `cases.interventions.errors.${NOT_THAT_KIND[kind]}`);
  if (intervention.status === 'cancelled')
    throw new AppError('conflict', 'cases.interventions.errors.cancelled');
  return intervention;
}

export const letterOf = (tx: Tx, caseId: string, id: string) =>
  recordOfCase(tx, 'case_letters', { caseId, id });

export async function setAttendees(tx: Tx, row: CaseRow, interventionId: string, ids: string[]) {
  await tx
    .deleteFrom('case_intervention_attendees')
    .where('intervention_id', '=', interventionId)
    .execute();
  if (ids.length === 0) return;
  await tx
    .insertInto('case_intervention_attendees')
    .values(
      [...new Set(ids)].map((participantId) => ({
        intervention_id: interventionId,
        org_id: row.org_id,
        case_id: row.id,
        participant_id: participantId,
      })),
    )
    .execute();
}

/** The event of a change to an intervention, audited against it. */
export const interventionEvent = (kind: string, id: string, params: Record<string, string>) => ({
  kind,
  params,
  entity: { type: 'case_intervention', id },
});
