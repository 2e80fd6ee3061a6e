// Puts an instalment plan on a restitution item, or changes the one it has (the rules are in
// src/domain/instalments.ts). The plan pays what is still owed now; what was paid before it is
// kept with it, so later payments count against the plan alone.
import { planRefusals, type PlanRefusal } from '../../../domain/instalments.js';
import { userIdOf, type Actor } from '../../../domain/roles.js';
import { AppError, validationFailed } from '../../../platform/errors.js';
import { formatDate, londonDate } from '../../../platform/format.js';
import { expectedVersion, type CaseDeps } from '../kernel/index.js';
import { formChange } from '../kernel/form-change.js';
import { addToCase } from '../kernel/rows-of-case.js';
import { itemOf, paidSoFar, planOf, pounds } from './records.js';
import { planSchema } from './schemas.js';

/** A refusal about the item itself is a conflict; one about what was typed is at its field. */
function refuse(refusals: PlanRefusal[]): never {
  const [first] = refusals;
  if (first?.key === 'not_restitution' || first?.key === 'paid_off' || first?.key === 'completed')
    throw new AppError('conflict', `cases.agreement.errors.plan.${first.key}`);
  throw validationFailed(
    refusals.map((refusal) => ({
      field: refusal.field,
      key: `cases.agreement.errors.plan.${refusal.key}`,
      params: {
        balance: 'balancePence' in refusal ? pounds(refusal.balancePence) : '',
        date: 'agreedOn' in refusal ? formatDate(refusal.agreedOn) : '',
      },
    })),
  );
}

export const setPlan = formChange(
  { action: 'case.agreement.plan_set', versioned: true },
  { schema: planSchema },
  async ({ data, tx, row, actor, caseId }, itemId: string) => {
    const item = await itemOf(tx, caseId, itemId);
    const paidPence = await paidSoFar(tx, itemId);
    const refusals = planRefusals(
      { instalmentPence: data.instalment, firstDueOn: data.first_due_on },
      {
        kind: item.kind,
        amountPence: item.amount_pence,
        paidPence,
        completed: item.completed_on !== null,
        agreedOn: londonDate(new Date(item.created_at)),
      },
    );
    if (refusals.length > 0) refuse(refusals);
    const existing = await planOf(tx, itemId);
    const plan = {
      instalment_pence: data.instalment,
      frequency: data.frequency,
      first_due_on: data.first_due_on,
      paid_before_pence: paidPence,
      recorded_by: userIdOf(actor),
    };
    if (existing)
      await tx
        .updateTable('case_agreement_plans')
        .set(plan)
        .where('id', '=', existing.id)
        .execute();
    else await addToCase(tx, row, 'case_agreement_plans', { item_id: itemId, ...plan });
    return {
      event: {
        kind: existing ? 'agreement.plan_changed' : 'agreement.plan_set',
        params: {
          description: item.description,
          amount: pounds(data.instalment),
        },
        entity: { type: 'case_agreement_item', id: itemId },
      },
    };
  },
);

/** Ends an item's plan: the item is then due on its own due date again. */
export const endPlan =
  ({ kernel }: CaseDeps) =>
  (actor: Actor, caseId: string, itemId: string, input: unknown) =>
    kernel.changeCase(
      {
        actor,
        caseId,
        action: 'case.agreement.plan_ended',
        expectedVersion: expectedVersion(input),
      },
      async (tx) => {
        const item = await itemOf(tx, caseId, itemId);
        const existing = await planOf(tx, itemId);
        if (!existing) throw new AppError('conflict', 'cases.agreement.errors.plan.none');
        await tx.deleteFrom('case_agreement_plans').where('id', '=', existing.id).execute();
        return {
          event: {
            kind: 'agreement.plan_ended',
            params: { description: item.description },
            entity: { type: 'case_agreement_item', id: itemId },
          },
        };
      },
    );
