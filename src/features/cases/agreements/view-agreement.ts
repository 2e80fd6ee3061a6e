// The Agreement tab: items with payments and balances, instalment plans and how the person
// stands on them, overdue ones marked (with a plan: an instalment missed); follow-ups.
import { planStanding, type InstalmentPlan } from '../../../domain/instalments.js';
import type { Actor } from '../../../domain/roles.js';
import { londonDate } from '../../../platform/format.js';
import { caseFacts } from '../facts.js';
import type { CaseDeps } from '../kernel/index.js';
import { rowsOf } from '../kernel/rows-of-case.js';

function planOfItem(
  plans: {
    item_id: string;
    instalment_pence: number;
    frequency: string;
    first_due_on: string;
    paid_before_pence: number;
  }[],
  itemId: string,
): InstalmentPlan | null {
  const row = plans.find((p) => p.item_id === itemId);
  return row
    ? {
        instalmentPence: row.instalment_pence,
        frequency: row.frequency as InstalmentPlan['frequency'],
        firstDueOn: row.first_due_on,
        paidBeforePence: row.paid_before_pence,
      }
    : null;
}

export const viewAgreement =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string) =>
    kernel.readCase({ actor, caseId, part: 'agreement' }, async (tx, row) => {
      const facts = await caseFacts(tx, row);
      const items = await rowsOf(tx, row, 'case_agreement_items', 'created_at', 'id');
      const payments = await rowsOf(tx, row, 'case_agreement_payments', 'paid_on', 'created_at');
      const plans = await rowsOf(tx, row, 'case_agreement_plans');
      const followUps = await rowsOf(tx, row, 'case_follow_ups', 'due_on', 'created_at');
      const now = londonDate(clock.now());
      return {
        case: row,
        facts,
        today: now,
        items: items.map((item) => {
          const own = payments.filter((p) => p.item_id === item.id);
          const paid = own.reduce((sum, p) => sum + p.amount_pence, 0);
          const plan = planOfItem(plans, item.id);
          const standing =
            plan && item.amount_pence !== null
              ? planStanding(plan, { amountPence: item.amount_pence, paidPence: paid }, now)
              : null;
          const open = item.completed_on === null;
          return {
            ...item,
            payments: own,
            paidPence: paid,
            balancePence: item.amount_pence === null ? null : item.amount_pence - paid,
            plan,
            standing,
            overdue: standing
              ? open && standing.behindPence > 0
              : open && item.due_on !== null && item.due_on < now,
          };
        }),
        followUps: followUps.map((f) => ({ ...f, due: f.done_on === null && f.due_on <= now })),
      };
    });
