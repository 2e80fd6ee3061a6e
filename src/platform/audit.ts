// The audit trail: who did what to which record, written in the same transaction as the change
// (or the read) it records, so the two commit or roll back together. Each event also says which
// request (or command, or job) it came from and from what address, and the database chains it
// to the event before it (docs/adr/0013-audit-hash-chain.md).
import { randomUUID } from 'node:crypto';
import type { Tx } from '../db/actor-context.js';
import { userIdOf, type Actor } from '../domain/roles.js';
import { currentRequestContext, markRefusalRecorded } from './request-context.js';

export interface AuditEvent {
  /** Dotted verb, e.g. "user.created", "case.viewed", "sign_in.failed". */
  action: string;
  /** What the event is about; the action's first word (e.g. "audit") when it is not one record. */
  entityType?: string;
  entityId?: string;
  outcome?: 'success' | 'denied' | 'failed';
  /** Identifiers and codes only: never names, contact details or free text about people. */
  details?: Record<string, unknown>;
  /**
   * Whose trail the event belongs to, when not the actor's own: what the system administrator
   * or the command line did to another organisation's people is written to that organisation's
   * trail as well (row-level security allows only that, marked `from_outside`).
   */
  orgId?: string | null;
}

export async function recordAudit(tx: Tx, actor: Actor | null, event: AuditEvent): Promise<void> {
  const origin = auditOrigin(actor);
  if (event.outcome === 'denied') markRefusalRecorded();
  await tx
    .insertInto('audit_events')
    .values({
      org_id: event.orgId !== undefined ? event.orgId : (actor?.orgId ?? null),
      user_id: actor ? userIdOf(actor) : null,
      action: event.action,
      entity_type: event.entityType ?? event.action.split('.')[0]!,
      entity_id: event.entityId ?? null,
      outcome: event.outcome ?? 'success',
      request_id: origin.requestId,
      address: origin.address,
      details: JSON.stringify({ ...viaOf(actor), ...event.details }),
    })
    .execute();
}

/**
 * The request the event belongs to and where it came from. Work outside any request, command or
 * job (a test calling a service directly) is marked "internal" with an id of its own.
 */
export function auditOrigin(actor: Actor | null): { requestId: string; address: string } {
  const context = currentRequestContext();
  return {
    requestId: actor?.requestId ?? context?.requestId ?? `internal-${randomUUID()}`,
    address: context?.address ?? 'internal',
  };
}

/** How a non-person actor came in: the command line, which API token, or a one-time link. */
function viaOf(actor: Actor | null): Record<string, string> {
  if (actor?.kind === 'system') return { via: actor.name };
  if (actor?.kind === 'api') return { via: 'api', token: actor.tokenId };
  if (actor?.kind === 'respondent') return { via: 'questionnaire_link' };
  return {};
}

/** The columns every list of audit events shows, newest first (with its own extra columns). */
export const AUDIT_EVENT_COLUMNS = [
  'audit_events.id',
  'audit_events.occurred_at as occurredAt',
  'audit_events.action',
  'audit_events.entity_type as entityType',
  'audit_events.entity_id as entityId',
  'audit_events.outcome',
  'audit_events.details',
] as const;
