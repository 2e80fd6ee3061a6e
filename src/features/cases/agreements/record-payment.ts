// A restitution payment. Paying off the balance completes the item on that day (the payment
// rules are in src/domain/agreements.ts).
import { paymentRefusal, paysOff } from '../../../domain/agreements.js';
import { userIdOf, type Actor } from '../../../domain/roles.js';
import { AppError, refuseFutureDate, validationFailed } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import { parseInput } from '../../../platform/forms.js';
import type { CaseDeps, CaseEvent } from '../kernel/index.js';
import { itemEvent, itemOf, paidSoFar, pounds } from './records.js';
import { paymentSchema } from './schemas.js';

export const recordPayment =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string, itemId: string, input: unknown) => {
    const data = parseInput(paymentSchema, input);
    refuseFutureDate(data.paid_on, londonDate(clock.now()), 'paid_on');
    return kernel.changeCase(
      { actor, caseId, action: 'case.agreement.payment' },
      async (tx, row) => {
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
        const saved = await tx
          .insertInto('case_agreement_payments')
          .values({
            org_id: row.org_id,
            case_id: caseId,
            item_id: itemId,
            paid_on: data.paid_on,
            amount_pence: data.amount,
            recorded_by: userIdOf(actor),
          })
          .returning('id')
          .executeTakeFirstOrThrow();
        const events: CaseEvent[] = [
          {
            kind: 'agreement.payment',
            params: { amount: pounds(data.amount), description: item.description },
            entity: { type: 'case_agreement_payment', id: saved.id },
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
        return { event: events, result: { id: saved.id, balance } };
      },
    );
  };
