// The Agreement tab: items with payments and balances, overdue ones marked; follow-ups.
import type { Actor } from '../../../domain/roles.js';
import { londonDate } from '../../../platform/format.js';
import { caseFacts } from '../facts.js';
import type { CaseDeps } from '../kernel/index.js';

export const viewAgreement =
  ({ kernel, clock }: CaseDeps) =>
  (actor: Actor, caseId: string) =>
    kernel.readCase({ actor, caseId, part: 'agreement' }, async (tx, row) => {
      const facts = await caseFacts(tx, row);
      const items = await tx
        .selectFrom('case_agreement_items')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('created_at')
        .orderBy('id')
        .execute();
      const payments = await tx
        .selectFrom('case_agreement_payments')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('paid_on')
        .orderBy('created_at')
        .execute();
      const followUps = await tx
        .selectFrom('case_follow_ups')
        .selectAll()
        .where('case_id', '=', caseId)
        .orderBy('due_on')
        .orderBy('created_at')
        .execute();
      const now = londonDate(clock.now());
      return {
        case: row,
        facts,
        today: now,
        items: items.map((item) => {
          const own = payments.filter((p) => p.item_id === item.id);
          const paid = own.reduce((sum, p) => sum + p.amount_pence, 0);
          return {
            ...item,
            payments: own,
            paidPence: paid,
            balancePence: item.amount_pence === null ? null : item.amount_pence - paid,
            overdue: item.completed_on === null && item.due_on !== null && item.due_on < now,
          };
        }),
        followUps: followUps.map((f) => ({ ...f, due: f.done_on === null && f.due_on <= now })),
      };
    });
