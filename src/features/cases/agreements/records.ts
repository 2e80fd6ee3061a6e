// What the agreement use cases share: finding an item, what was paid towards it, and the
// amounts as the timeline shows them.
import type { Tx } from '../../../db/actor-context.js';
import { AppError } from '../../../platform/errors.js';
import { recordOfCase } from '../kernel/index.js';
import { formatNumber } from '../../../platform/format.js';

/** Pence as the pounds the timeline shows: 1250.50 */
export const pounds = (pence: number) => formatNumber(pence / 100, 2);

export const itemOf = (tx: Tx, caseId: string, id: string) =>
  recordOfCase(tx, 'case_agreement_items', { caseId, id });

/** An item is changed, paid or completed only until it is completed. */
export function requireNotCompleted(item: { completed_on: string | null }) {
  if (item.completed_on) throw new AppError('conflict', 'cases.agreement.errors.completed');
}

export async function paidSoFar(tx: Tx, itemId: string): Promise<number> {
  const row = await tx
    .selectFrom('case_agreement_payments')
    .select((eb) => eb.fn.coalesce(eb.fn.sum<number>('amount_pence'), eb.lit(0)).as('paid'))
    .where('item_id', '=', itemId)
    .executeTakeFirstOrThrow();
  return Number(row.paid);
}

/** An item's instalment plan, if it has one. */
export const planOf = (tx: Tx, itemId: string) =>
  tx
    .selectFrom('case_agreement_plans')
    .selectAll()
    .where('item_id', '=', itemId)
    .executeTakeFirst();

/** The event of a change to an item, audited against it. */
export const itemEvent = (kind: string, id: string, description: string) => ({
  kind,
  params: { description },
  entity: { type: 'case_agreement_item', id },
});
