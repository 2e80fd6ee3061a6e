// What is done to an organisation's people (and its API tokens) goes in the actor's audit trail
// and, when it comes from outside the organisation (the system administrator of another, or the
// command line), in the organisation's own trail as well, marked `from_outside`: its
// administrators and service managers see it under Staff changes.
import type { Kysely } from 'kysely';
import { withActor, type Tx } from '../../db/actor-context.js';
import type { DB } from '../../db/schema.js';
import { actsFromOutside, type Account, type Decision } from '../../domain/administration.js';
import type { Actor } from '../../domain/roles.js';
import { recordAudit, type AuditEvent } from '../../platform/audit.js';

/**
 * Asks the administration rule about the account `id` (auditing a refusal as `action`), and
 * answers the account's organisation when it allows the change.
 */
export type Decided = (
  actor: Actor,
  id: string,
  action: string,
  decide: (account: Account) => Decision,
) => Promise<{ orgId: string }>;

/** What a change to someone's account needs. */
export interface AccountChangeDeps {
  db: Kysely<DB>;
  decided: Decided;
}

export async function recordStaffEvent(
  tx: Tx,
  actor: Actor,
  orgId: string,
  event: AuditEvent,
): Promise<void> {
  const details = { ...event.details, org: orgId };
  await recordAudit(tx, actor, { ...event, details });
  if (actsFromOutside(actor, orgId)) {
    await recordAudit(tx, actor, {
      ...event,
      orgId,
      details: { ...details, from_outside: true, by_org: actor.orgId },
    });
  }
}

/** A refused attempt, in a transaction of its own (the attempt's own rolled back). */
export async function recordStaffRefusal(
  db: Kysely<DB>,
  actor: Actor,
  orgId: string | null,
  event: AuditEvent & { refusal: string },
): Promise<void> {
  const { refusal, ...rest } = event;
  await withActor(db, actor, (tx) => {
    const denied = { ...rest, outcome: 'denied' as const, details: { ...rest.details, refusal } };
    return orgId ? recordStaffEvent(tx, actor, orgId, denied) : recordAudit(tx, actor, denied);
  });
}
