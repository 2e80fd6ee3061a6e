import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  instalmentDate,
  instalmentSchedule,
  MAX_INSTALMENTS,
  nextUnmetOn,
  planRefusals,
  planStanding,
  type InstalmentPlan,
} from './instalments.js';
import { instalmentPlans } from '../../test/support/instalments.js';

const weekly: InstalmentPlan = {
  instalmentPence: 2000,
  frequency: 'weekly',
  firstDueOn: '2026-12-04',
  paidBeforePence: 0,
};

describe('an instalment schedule', () => {
  it('is equal instalments from the first date, the last the remainder', () => {
    expect(instalmentSchedule(weekly, 5000)).toEqual([
      { dueOn: '2026-12-04', amountPence: 2000, cumulativePence: 2000 },
      { dueOn: '2026-12-11', amountPence: 2000, cumulativePence: 4000 },
      { dueOn: '2026-12-18', amountPence: 1000, cumulativePence: 5000 },
    ]);
  });

  it('plans only what was owed when it was agreed', () => {
    const schedule = instalmentSchedule({ ...weekly, paidBeforePence: 1000 }, 5000);
    expect(schedule.map((i) => i.amountPence)).toEqual([2000, 2000]);
  });

  it('moves fortnightly by 14 days, and monthly to the same day or the last of a short month', () => {
    expect(instalmentDate('2026-12-30', 'fortnightly', 1)).toBe('2027-01-13');
    expect([0, 1, 2, 3, 13].map((n) => instalmentDate('2027-01-31', 'monthly', n))).toEqual([
      '2027-01-31',
      '2027-02-28',
      '2027-03-31',
      '2027-04-30',
      '2028-02-29',
    ]);
  });

  const amounts = fc.integer({ min: 1, max: 200_000 });

  it('sums to what was owed when it was agreed, in ascending dates, no instalment above the agreed one', () => {
    fc.assert(
      fc.property(instalmentPlans, amounts, (plan, amount) => {
        fc.pre(Math.ceil(amount / plan.instalmentPence) <= MAX_INSTALMENTS);
        const schedule = instalmentSchedule(plan, amount);
        const planned = Math.max(0, amount - plan.paidBeforePence);
        expect(schedule.reduce((sum, i) => sum + i.amountPence, 0)).toBe(planned);
        expect(schedule.at(-1)?.cumulativePence ?? 0).toBe(planned);
        for (const [i, instalment] of schedule.entries()) {
          expect(instalment.amountPence).toBeGreaterThan(0);
          expect(instalment.amountPence).toBeLessThanOrEqual(plan.instalmentPence);
          if (i < schedule.length - 1) expect(instalment.amountPence).toBe(plan.instalmentPence);
          if (i > 0) expect(instalment.dueOn > schedule[i - 1]!.dueOn).toBe(true);
        }
      }),
    );
  });

  it('puts the next instalment due at the first one not yet fully paid', () => {
    fc.assert(
      fc.property(
        instalmentPlans,
        amounts,
        fc.integer({ min: 0, max: 250_000 }),
        (plan, amount, paid) => {
          fc.pre(Math.ceil(amount / plan.instalmentPence) <= MAX_INSTALMENTS);
          const paidPence = Math.min(amount, plan.paidBeforePence + paid);
          const schedule = instalmentSchedule(plan, amount);
          const next = nextUnmetOn(plan, { amountPence: amount, paidPence });
          const covered = paidPence - plan.paidBeforePence;
          const unmet = schedule.filter((i) => i.cumulativePence > covered);
          expect(next).toBe(unmet[0]?.dueOn ?? null);
        },
      ),
    );
  });
});

describe('standing on a plan', () => {
  const item = { amountPence: 5000, paidPence: 0 };

  it('is not behind on the day an instalment falls due, and is the day after', () => {
    expect(planStanding(weekly, item, '2026-12-04')).toMatchObject({
      behindPence: 0,
      next: { dueOn: '2026-12-04', amountPence: 2000 },
    });
    expect(planStanding(weekly, item, '2026-12-05').behindPence).toBe(2000);
    expect(planStanding(weekly, item, '2026-12-19').behindPence).toBe(5000);
  });

  it('catches up with a payment, a part payment leaving the rest of the instalment next', () => {
    expect(planStanding(weekly, { ...item, paidPence: 2000 }, '2026-12-05')).toMatchObject({
      behindPence: 0,
      next: { dueOn: '2026-12-11', amountPence: 2000 },
    });
    expect(planStanding(weekly, { ...item, paidPence: 2500 }, '2026-12-12')).toMatchObject({
      behindPence: 1500,
      next: { dueOn: '2026-12-11', amountPence: 1500 },
    });
    expect(planStanding(weekly, { ...item, paidPence: 5000 }, '2027-01-01')).toMatchObject({
      behindPence: 0,
      next: null,
    });
  });
});

describe('a plan is refused unless', () => {
  const restitution = {
    kind: 'restitution',
    amountPence: 5000,
    paidPence: 1000,
    completed: false,
    agreedOn: '2026-11-20',
  };
  const plan = { instalmentPence: 1000, firstDueOn: '2026-11-27' };

  it('the item is restitution with an amount, not paid off or completed', () => {
    expect(planRefusals(plan, restitution)).toEqual([]);
    expect(planRefusals(plan, { ...restitution, kind: 'apology', amountPence: null })).toEqual([
      { field: 'instalment', key: 'not_restitution' },
    ]);
    expect(planRefusals(plan, { ...restitution, paidPence: 5000, completed: true })).toEqual([
      { field: 'instalment', key: 'paid_off' },
    ]);
    expect(planRefusals(plan, { ...restitution, completed: true })).toEqual([
      { field: 'instalment', key: 'completed' },
    ]);
  });

  it('the instalment is more than nothing and no more than the balance', () => {
    expect(planRefusals({ ...plan, instalmentPence: 0 }, restitution)).toEqual([
      { field: 'instalment', key: 'not_positive' },
    ]);
    expect(planRefusals({ ...plan, instalmentPence: 4001 }, restitution)).toEqual([
      { field: 'instalment', key: 'above_balance', balancePence: 4000 },
    ]);
    expect(planRefusals({ ...plan, instalmentPence: 4000 }, restitution)).toEqual([]);
    expect(
      planRefusals({ ...plan, instalmentPence: 1 }, { ...restitution, amountPence: 100_000 }),
    ).toEqual([{ field: 'instalment', key: 'too_many' }]);
  });

  it('the first instalment is not due before the item was agreed', () => {
    expect(planRefusals({ ...plan, firstDueOn: '2026-11-20' }, restitution)).toEqual([]);
    expect(planRefusals({ instalmentPence: 0, firstDueOn: '2026-11-19' }, restitution)).toEqual([
      { field: 'instalment', key: 'not_positive' },
      { field: 'first_due_on', key: 'before_agreement', agreedOn: '2026-11-20' },
    ]);
  });
});
