// Instalment plans for restitution. A plan pays what was still owed when it was agreed (the
// amount owed less what had been paid by then) in equal instalments, weekly, fortnightly or
// monthly from a first date, the last instalment the remainder. Monthly dates keep the first
// date's day of the month, or the month's last day when it has fewer (31 January, 28 February,
// 31 March), as PostgreSQL's `date + interval 'n months'` does.
//
// An instalment is missed once its day has passed, as any agreement item is overdue only after
// its due date. The queues compare the case's agreement date in SQL (migration 0032,
// refresh_case_queue_dates); `nextUnmetOn` is the same rule, and a test runs the same cases
// through both.
import { addDays, type IsoDate } from './calendar-dates.js';

export const FREQUENCIES = ['weekly', 'fortnightly', 'monthly'] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export interface InstalmentPlan {
  instalmentPence: number;
  frequency: Frequency;
  firstDueOn: IsoDate;
  /** What had been paid towards the item when the plan was agreed (not part of the plan). */
  paidBeforePence: number;
}

export interface Instalment {
  dueOn: IsoDate;
  amountPence: number;
  /** What should have been paid under the plan by the end of this instalment's day. */
  cumulativePence: number;
}

/** The first date moved on `n` periods. */
export function instalmentDate(first: IsoDate, frequency: Frequency, n: number): IsoDate {
  if (frequency === 'weekly') return addDays(first, 7 * n);
  if (frequency === 'fortnightly') return addDays(first, 14 * n);
  const [y, m, d] = first.split('-').map(Number) as [number, number, number];
  const month = m - 1 + n;
  const year = y + Math.floor(month / 12);
  const inYear = ((month % 12) + 12) % 12;
  const last = new Date(Date.UTC(year, inYear + 1, 0)).getUTCDate();
  const day = Math.min(d, last);
  return `${String(year).padStart(4, '0')}-${String(inYear + 1).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
}

/** Every instalment of the plan for an item of `amountPence`, in date order. */
export function instalmentSchedule(plan: InstalmentPlan, amountPence: number): Instalment[] {
  const planned = Math.max(0, amountPence - plan.paidBeforePence);
  if (plan.instalmentPence <= 0) return [];
  const schedule: Instalment[] = [];
  for (let n = 0, cumulative = 0; cumulative < planned; n++) {
    const amount = Math.min(plan.instalmentPence, planned - cumulative);
    cumulative += amount;
    schedule.push({
      dueOn: instalmentDate(plan.firstDueOn, plan.frequency, n),
      amountPence: amount,
      cumulativePence: cumulative,
    });
  }
  return schedule;
}

/** How the person stands on `today`: what the plan asked for by yesterday, and what is next. */
export function planStanding(
  plan: InstalmentPlan,
  item: { amountPence: number; paidPence: number },
  today: IsoDate,
) {
  const schedule = instalmentSchedule(plan, item.amountPence);
  const covered = item.paidPence - plan.paidBeforePence;
  const past = schedule.filter((i) => i.dueOn < today);
  const duePence = past.at(-1)?.cumulativePence ?? 0;
  const unmet = schedule.find((i) => i.cumulativePence > covered) ?? null;
  return {
    schedule,
    /** Owed under the plan by the end of yesterday, less what was paid under it. */
    behindPence: Math.max(0, duePence - covered),
    /** The first instalment not yet fully paid, and how much of it is still to pay. */
    next: unmet
      ? {
          dueOn: unmet.dueOn,
          amountPence: Math.min(unmet.amountPence, unmet.cumulativePence - covered),
        }
      : null,
  };
}

/**
 * The day the item next falls due: the first instalment not yet fully paid, with a plan (the
 * queues' agreement date), and the item's own due date without one.
 */
export function nextUnmetOn(
  plan: InstalmentPlan,
  item: { amountPence: number; paidPence: number },
): IsoDate | null {
  return planStanding(plan, item, '0000-01-01').next?.dueOn ?? null;
}

/** Ten years of weekly instalments: a plan longer than that is not a plan anyone keeps. */
export const MAX_INSTALMENTS = 520;

export type PlanRefusal =
  | { field: 'instalment'; key: 'not_restitution' | 'paid_off' | 'completed' | 'too_many' }
  | { field: 'instalment'; key: 'above_balance'; balancePence: number }
  | { field: 'instalment'; key: 'not_positive' }
  | { field: 'first_due_on'; key: 'before_agreement'; agreedOn: IsoDate };

/**
 * Why a plan may not be put on the item, or none: refused unless the item is restitution with an
 * amount, not completed and not paid off, the instalment is more than nothing and no more than
 * the balance (in at most MAX_INSTALMENTS), and the first instalment is not due before the item
 * was agreed.
 */
export function planRefusals(
  plan: { instalmentPence: number; firstDueOn: IsoDate },
  item: {
    kind: string;
    amountPence: number | null;
    paidPence: number;
    completed: boolean;
    agreedOn: IsoDate;
  },
): PlanRefusal[] {
  if (item.kind !== 'restitution' || item.amountPence === null)
    return [{ field: 'instalment', key: 'not_restitution' }];
  const balancePence = item.amountPence - item.paidPence;
  if (balancePence <= 0) return [{ field: 'instalment', key: 'paid_off' }];
  if (item.completed) return [{ field: 'instalment', key: 'completed' }];
  const refusals: PlanRefusal[] = [];
  if (plan.instalmentPence <= 0) refusals.push({ field: 'instalment', key: 'not_positive' });
  else if (plan.instalmentPence > balancePence)
    refusals.push({ field: 'instalment', key: 'above_balance', balancePence });
  else if (Math.ceil(balancePence / plan.instalmentPence) > MAX_INSTALMENTS)
    refusals.push({ field: 'instalment', key: 'too_many' });
  if (plan.firstDueOn < item.agreedOn)
    refusals.push({ field: 'first_due_on', key: 'before_agreement', agreedOn: item.agreedOn });
  return refusals;
}
