// Every service function starts here: may this actor do this at all? A refusal is itself
// recorded in the audit trail, then answered as "forbidden" (or, to someone who sees figures
// only, "not found": a commissioner is not told that a case or referral page exists).
import type { Kysely } from 'kysely';
import { withActor } from '../db/actor-context.js';
import type { DB } from '../db/schema.js';
import { can, seesFiguresOnly, type Actor, type Capability } from '../domain/roles.js';
import { recordAudit } from './audit.js';
import { forbidden, notFound } from './errors.js';

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
  throw seesFiguresOnly(actor) ? notFound() : forbidden();
}
