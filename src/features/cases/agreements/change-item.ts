// Changes an item not yet completed; refused if the case changed since the form was shown. An
// item already paid towards stays restitution, for no less than was paid (src/domain).
import { itemChangeRefusal } from '../../../domain/agreements.js';
import { validationFailed } from '../../../platform/errors.js';
import { caseFacts } from '../facts.js';
import { workableParticipant } from '../interventions/participants.js';
import { formChange } from '../kernel/form-change.js';
import { itemEvent, itemOf, paidSoFar, pounds, requireNotCompleted } from './records.js';
import { itemSchema } from './schemas.js';

const REFUSAL_KEYS = {
  has_payments: 'cases.agreement.errors.hasPayments',
  below_paid: 'cases.agreement.errors.belowPaid',
} as const;

export const changeItem = formChange(
  { action: 'case.agreement.item_changed', versioned: true },
  { schema: itemSchema },
  async ({ data, tx, row, caseId }, itemId: string) => {
    requireNotCompleted(await itemOf(tx, caseId, itemId));
    const facts = await caseFacts(tx, row);
    workableParticipant(facts, data.owed_by, 'owed_by');
    if (data.owed_to) workableParticipant(facts, data.owed_to, 'owed_to');
    const amountPence = data.kind === 'restitution' ? data.amount! : null;
    const paid = await paidSoFar(tx, itemId);
    const refusal = itemChangeRefusal({ kind: data.kind, amountPence }, paid);
    if (refusal)
      throw validationFailed([
        {
          field: refusal.field,
          key: REFUSAL_KEYS[refusal.key],
          params: { paid: pounds(paid) },
        },
      ]);
    await tx
      .updateTable('case_agreement_items')
      .set({
        kind: data.kind,
        description: data.description,
        owed_by_participant_id: data.owed_by,
        owed_to_participant_id: data.owed_to ?? null,
        due_on: data.due_on,
        amount_pence: amountPence,
      })
      .where('id', '=', itemId)
      .execute();
    return { event: itemEvent('agreement.item_changed', itemId, data.description) };
  },
);
