// A restitution payment. Paying off the balance completes the item on that day (the payment
// rules are in src/domain/agreements.ts).
import { paymentRefusal, paysOff } from '../../../domain/agreements.js';
import { userIdOf } from '../../../domain/roles.js';
import { AppError, validationFailed } from '../../../platform/errors.js';
import type { CaseEvent } from '../kernel/index.js';
import { formChange } from '../kernel/form-change.js';
import { addToCase } from '../kernel/rows-of-case.js';
import { itemEvent, itemOf, paidSoFar, pounds } from './records.js';
import { paymentSchema } from './schemas.js';

export const recordPayment = formChange(
  { action: 'case.agreement.payment' },
  { schema: paymentSchema, notInFuture: 'paid_on' },
  async ({ data, tx, row, actor, caseId }, itemId: string) => {
    const item = await itemOf(tx, caseId, itemId);
    const state = {
      kind: item.kind,
      amountPence: item.amount_pence,
      completed: item.completed_on !== null,
    };
    const payment = { amountPence: data.amount, paidPence: await paidSoFar(tx, itemId) };
    const refusal = paymentRefusal(state, payment);
    if (refusal?.key === 'overpaid')
      throw validationFailed([
        {
          field: 'amount',
          key: 'cases.agreement.errors.overpaid',
          params: { balance: pounds(refusal.balancePence) },
        },
      ]);
    if (refusal?.key === 'not_restitution')
      throw new AppError('conflict', 'cases.agreement.errors.notRestitution');
    if (refusal?.key === 'completed')
      throw new AppError('conflict', 'cases.agreement.errors.completed');
    const paymentId = await addToCase(tx, row, 'case_agreement_payments', {
      item_id: itemId,
      paid_on: data.paid_on,
      amount_pence: data.amount,
      recorded_by: userIdOf(actor),
    });
    const events: CaseEvent[] = [
      {
        kind: 'agreement.payment',
        params: { amount: pounds(data.amount), description: item.description },
        entity: { type: 'case_agreement_payment', id: paymentId },
      },
    ];
    if (paysOff(state, payment)) {
      await tx
        .updateTable('case_agreement_items')
        .set({ completed_on: data.paid_on })
        .where('id', '=', itemId)
        .execute();
      events.push(itemEvent('agreement.item_completed', itemId, item.description));
    }
    const balance = item.amount_pence! - payment.paidPence - data.amount;
    return { event: events, result: { id: paymentId, balance } };
  },
);
