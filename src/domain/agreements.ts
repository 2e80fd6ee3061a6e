// Outcome agreement items and their payments. Only restitution is paid, never beyond what is
// still owed; paying off the balance completes the item; an item already paid towards stays
// restitution, and its amount cannot drop below what was paid.

export interface ItemState {
  kind: string;
  /** The amount owed, in pence (restitution only). */
  amountPence: number | null;
  completed: boolean;
}

export type PaymentRefusal =
  { key: 'not_restitution' } | { key: 'completed' } | { key: 'overpaid'; balancePence: number };

/** Why a payment of `amountPence` may not be recorded against the item, or null. */
export function paymentRefusal(
  item: ItemState,
  payment: { amountPence: number; paidPence: number },
): PaymentRefusal | null {
  if (item.kind !== 'restitution' || item.amountPence === null) return { key: 'not_restitution' };
  if (item.completed) return { key: 'completed' };
  const balancePence = item.amountPence - payment.paidPence;
  if (payment.amountPence > balancePence) return { key: 'overpaid', balancePence };
  return null;
}

/** Whether a payment pays off what is still owed (which completes the item on its date). */
export function paysOff(item: ItemState, payment: { amountPence: number; paidPence: number }) {
  return item.amountPence !== null && payment.amountPence === item.amountPence - payment.paidPence;
}

export type ItemChangeRefusal =
  { field: 'kind'; key: 'has_payments' } | { field: 'amount'; key: 'below_paid' };

/** Why an item already paid towards may not become `change`, or null. */
export function itemChangeRefusal(
  change: { kind: string; amountPence: number | null },
  paidPence: number,
): ItemChangeRefusal | null {
  if (paidPence > 0 && change.kind !== 'restitution') return { field: 'kind', key: 'has_payments' };
  if (change.kind === 'restitution' && (change.amountPence ?? 0) < paidPence)
    return { field: 'amount', key: 'below_paid' };
  return null;
}
