// A line on a case's timeline and its audit event, always written together. Only the kernel
// writes them: a use case says what happened by returning a CaseEvent.
import type { Tx } from '../../../db/actor-context.js';
import { userIdOf, type Actor } from '../../../domain/roles.js';
import { recordAudit } from '../../../platform/audit.js';

export type EventParams = Record<string, string | number | boolean | null>;

/** What a change to a case did, as its timeline tells it. */
export interface CaseEvent {
  /** The timeline's kind, e.g. "intervention.held"; audited as "case.<kind>". */
  kind: string;
  /** What the timeline's sentence needs (names, dates, amounts); never free text about people. */
  params?: EventParams;
  /** The record the change was about, when not the case itself: the audit event names it. */
  entity?: { type: string; id: string };
  /** The day it happened (a contact, an offer, a meeting), when not the day it is recorded. */
  happenedOn?: string;
}

/** Where an event is written: the case, and the organisation that holds it. */
export interface EventTarget {
  actor: Actor;
  caseId: string;
  orgId: string;
}

export async function writeEvent(tx: Tx, target: EventTarget, event: CaseEvent): Promise<void> {
  const { actor, caseId, orgId } = target;
  await tx
    .insertInto('case_events')
    .values({
      org_id: orgId,
      case_id: caseId,
      kind: event.kind,
      params: JSON.stringify(event.params ?? {}),
      actor_id: userIdOf(actor),
      happened_on: event.happenedOn ?? null,
    })
    .execute();
  await recordAudit(tx, actor, {
    action: `case.${event.kind}`,
    entityType: event.entity?.type ?? 'case',
    entityId: event.entity?.id ?? caseId,
    details: event.entity ? { case: caseId } : {},
  });
}

/** The events a change caused, however the use case gave them. */
export function eventsOf(caused: CaseEvent | readonly CaseEvent[] | null | undefined): CaseEvent[] {
  if (!caused) return [];
  return Array.isArray(caused) ? [...caused] : [caused as CaseEvent];
}
