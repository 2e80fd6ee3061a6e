// The periods reports cover. Figures are kept by calendar month (the aggregate store's unit), so
// a report covers whole months: one month, a calendar quarter, a financial year (April to
// March, as commissioners budget), or a custom run of months. Each has one written form, used in
// links, on the command line and in file names:
//   2026-05         May 2026
//   2026-Q2         April to June 2026 (calendar quarters: Q1 is January to March)
//   FY2026-27       April 2026 to March 2027
//   2026-01..2026-06  a custom run of months
import { isIsoDate, type IsoDate } from './calendar-dates.js';

/** A calendar month, 'YYYY-MM'. */
export type Month = string;

export const PERIOD_KINDS = ['month', 'quarter', 'financial_year', 'custom'] as const;
export type PeriodKind = (typeof PERIOD_KINDS)[number];

export interface ReportPeriod {
  kind: PeriodKind;
  /** The first month covered. */
  from: Month;
  /** The last month covered. */
  to: Month;
}

/** The longest custom period, in months (ten years). */
export const MAX_PERIOD_MONTHS = 120;

const MONTH = /^(\d{4})-(0[1-9]|1[0-2])$/;

export function isMonth(value: unknown): value is Month {
  return typeof value === 'string' && MONTH.test(value) && value >= '2000-01' && value <= '2099-12';
}

export function monthOf(date: IsoDate): Month {
  return date.slice(0, 7);
}

function parts(month: Month): [number, number] {
  return [Number(month.slice(0, 4)), Number(month.slice(5, 7))];
}

function fromParts(year: number, month: number): Month {
  const index = year * 12 + (month - 1);
  const y = Math.floor(index / 12);
  const m = (index % 12) + 1;
  return `${String(y).padStart(4, '0')}-${String(m).padStart(2, '0')}`;
}

export function addMonths(month: Month, count: number): Month {
  const [y, m] = parts(month);
  return fromParts(y, m + count);
}

/** Every month from `from` to `to`, in order. */
export function monthsBetween(from: Month, to: Month): Month[] {
  const months: Month[] = [];
  for (let m = from; m <= to; m = addMonths(m, 1)) months.push(m);
  return months;
}

export const monthsOf = (period: ReportPeriod): Month[] => monthsBetween(period.from, period.to);

export function firstDayOf(period: ReportPeriod): IsoDate {
  return `${period.from}-01`;
}

export function lastDayOf(period: ReportPeriod): IsoDate {
  const next = addMonths(period.to, 1);
  const date = new Date(`${next}-01T00:00:00Z`);
  date.setUTCDate(0);
  return date.toISOString().slice(0, 10);
}

/** The financial year a month falls in, by the year it starts: April 2026 to March 2027 is 2026. */
export function financialYearOf(month: Month): number {
  const [y, m] = parts(month);
  return m >= 4 ? y : y - 1;
}

export const monthPeriod = (month: Month): ReportPeriod => ({
  kind: 'month',
  from: month,
  to: month,
});

export function quarterPeriod(year: number, quarter: number): ReportPeriod {
  const from = fromParts(year, (quarter - 1) * 3 + 1);
  return { kind: 'quarter', from, to: addMonths(from, 2) };
}

export function financialYearPeriod(startYear: number): ReportPeriod {
  return { kind: 'financial_year', from: fromParts(startYear, 4), to: fromParts(startYear + 1, 3) };
}

/** The calendar quarter (1–4) a month is in. */
export const quarterOf = (month: Month) => Math.floor((parts(month)[1] - 1) / 3) + 1;

/** Which quarter of its financial year a calendar quarter is: April to June is the first. */
export function financialQuarterOf(month: Month): number {
  return ((quarterOf(month) + 2) % 4) + 1;
}

/** The written form of a period: the one links, files and the command line use. */
export function periodKey(period: ReportPeriod): string {
  switch (period.kind) {
    case 'month':
      return period.from;
    case 'quarter':
      return `${period.from.slice(0, 4)}-Q${quarterOf(period.from)}`;
    case 'financial_year': {
      const start = financialYearOf(period.from);
      return `FY${start}-${String((start + 1) % 100).padStart(2, '0')}`;
    }
    case 'custom':
      return `${period.from}..${period.to}`;
  }
}

/** A period from its written form, or null when the text is not one. */
export function parsePeriod(text: string): ReportPeriod | null {
  const value = text.trim();
  if (isMonth(value)) return monthPeriod(value);
  const quarter = /^(\d{4})-Q([1-4])$/i.exec(value);
  if (quarter) {
    const year = Number(quarter[1]);
    return year >= 2000 && year <= 2099 ? quarterPeriod(year, Number(quarter[2])) : null;
  }
  const fy = /^FY(\d{4})-(\d{2})$/i.exec(value);
  if (fy) {
    const start = Number(fy[1]);
    if ((start + 1) % 100 !== Number(fy[2]) || start < 2000 || start > 2098) return null;
    return financialYearPeriod(start);
  }
  const custom = /^(\d{4}-\d{2})\.\.(\d{4}-\d{2})$/.exec(value);
  if (custom) return customPeriod(custom[1]!, custom[2]!);
  return null;
}

export type PeriodProblem = 'not_a_period' | 'order' | 'too_long';

/** A custom run of months, checked: real months, in order, and at most ten years. */
export function customPeriod(from: string, to: string): ReportPeriod | null {
  return checkCustom(from, to) === null ? { kind: 'custom', from, to } : null;
}

export function checkCustom(from: string, to: string): PeriodProblem | null {
  if (!isMonth(from) || !isMonth(to)) return 'not_a_period';
  if (to < from) return 'order';
  if (monthsBetween(from, to).length > MAX_PERIOD_MONTHS) return 'too_long';
  return null;
}

/** The financial year today is in: the period a report opens on. */
export function currentFinancialYear(today: IsoDate): ReportPeriod {
  return financialYearPeriod(financialYearOf(monthOf(today)));
}

/** The last whole calendar quarter before today. */
export function previousQuarter(today: IsoDate): ReportPeriod {
  const month = addMonths(monthOf(today), -3);
  return quarterPeriod(Number(month.slice(0, 4)), quarterOf(month));
}

/** Whether a date string is inside the period. */
export function periodContains(period: ReportPeriod, date: IsoDate): boolean {
  return isIsoDate(date) && date >= firstDayOf(period) && date <= lastDayOf(period);
}

/** How many of a financial year's twelve months the period covers (for apportioning spend). */
export function monthsInFinancialYear(period: ReportPeriod, startYear: number): number {
  const year = financialYearPeriod(startYear);
  return monthsOf(period).filter((m) => m >= year.from && m <= year.to).length;
}
