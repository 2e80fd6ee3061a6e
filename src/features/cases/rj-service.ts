// The RJ service a case belongs to, as its case work reads it: its name, and the settings its
// manager saved (none saved: each reader falls back to its default).
import type { Tx } from '../../db/actor-context.js';

export function orgName(tx: Tx, id: string) {
  return tx
    .selectFrom('organisations')
    .select('name')
    .where('id', '=', id)
    .executeTakeFirstOrThrow()
    .then((o) => o.name);
}

export function serviceSettings(tx: Tx, orgId: string) {
  return tx
    .selectFrom('service_settings')
    .selectAll()
    .where('org_id', '=', orgId)
    .executeTakeFirst();
}
