// Every service function starts here: may this actor do this at all? A refusal is itself
// recorded in the audit trail, then answered as "forbidden".
import type { Kysely } from 'kysely';
import { withActor } from '../db/actor-context.js';
import type { DB } from '../db/schema.js';
import { can, type Actor, type Capability } from '../domain/roles.js';
import { recordAudit } from './audit.js';
import { forbidden } from './errors.js';

export async function authorize(
  db: Kysely<DB>,
  actor: Actor,
  capability: Capability,
  action: string,
): Promise<void> {
  if (can(actor, capability)) return;
  await withActor(db, actor, (tx) =>
    recordAudit(tx, actor, { action, outcome: 'denied', details: { capability } }),
  );
  throw forbidden();
}
