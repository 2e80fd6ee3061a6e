// Choosing a report's period: a month, a quarter, a financial year (April to March) or a custom
// run of months, from a GET form that works without JavaScript, or a link (?period=2026-Q2).
// A choice that is not a period is the user's mistake, answered at the field; never a silently
// different period.
import { isIsoDate, type IsoDate } from '../../domain/calendar-dates.js';
import {
  addMonths,
  checkCustom,
  financialQuarterOf,
  financialYearOf,
  financialYearPeriod,
  isMonth,
  lastDayOf,
  monthOf,
  parsePeriod,
  periodKey,
  quarterOf,
  quarterPeriod,
  type Month,
  type PeriodKind,
  type ReportPeriod,
} from '../../domain/report-periods.js';
import { validationFailed, type FieldError } from '../../platform/errors.js';
import type { Translate } from '../../platform/i18n/index.js';

const monthName = new Intl.DateTimeFormat('en-GB', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "May 2026" */
export function formatMonth(month: Month): string {
  return monthName.format(new Date(`${month}-15T12:00:00Z`));
}

/** How a period reads: "April to June 2026", "May 2026", "April 2026 to March 2027". */
export function periodLabel(period: ReportPeriod, t: Translate): string {
  const from = formatMonth(period.from);
  const to = formatMonth(period.to);
  switch (period.kind) {
    case 'month':
      return from;
    case 'quarter':
      return t('reports.periods.quarter', {
        from: from.split(' ')[0]!,
        to,
        fyQuarter: financialQuarterOf(period.from),
        fy: `${financialYearOf(period.from)} to ${financialYearOf(period.from) + 1}`,
      });
    case 'financial_year':
      return t('reports.periods.financialYear', {
        from,
        to,
        start: financialYearOf(period.from),
        end: financialYearOf(period.from) + 1,
      });
    case 'custom':
      return t('reports.periods.custom', { from, to });
  }
}

const text = (query: Record<string, unknown>, name: string) =>
  typeof query[name] === 'string' ? (query[name] as string).trim() : '';

/** A link's dates (?from=2026-04-01&to=2026-06-30), when they are whole months. */
function fromDates(from: string, to: string): ReportPeriod | FieldError {
  if (!isIsoDate(from) || !isIsoDate(to))
    return { field: 'kind', key: 'reports.period.errors.notAPeriod' };
  const period: ReportPeriod = { kind: 'custom', from: monthOf(from), to: monthOf(to) };
  if (!from.endsWith('-01') || lastDayOf(period) !== to)
    return { field: 'kind', key: 'reports.period.errors.wholeMonths' };
  return parsePeriod(periodKey(period)) ?? { field: 'kind', key: 'reports.period.errors.order' };
}

function fromForm(query: Record<string, unknown>, kind: string): ReportPeriod | FieldError {
  switch (kind as PeriodKind) {
    case 'month': {
      const month = text(query, 'month');
      return isMonth(month)
        ? { kind: 'month', from: month, to: month }
        : { field: 'month', key: 'reports.period.errors.month' };
    }
    case 'quarter':
      return (
        parsePeriod(text(query, 'quarter')) ?? {
          field: 'quarter',
          key: 'reports.period.errors.quarter',
        }
      );
    case 'financial_year': {
      const year = Number(text(query, 'year'));
      return Number.isInteger(year) && year >= 2000 && year <= 2098
        ? financialYearPeriod(year)
        : { field: 'year', key: 'reports.period.errors.year' };
    }
    case 'custom': {
      const [from, to] = [text(query, 'from'), text(query, 'to')];
      const problem = checkCustom(from, to);
      if (problem === 'not_a_period')
        return { field: isMonth(from) ? 'to' : 'from', key: 'reports.period.errors.month' };
      if (problem) return { field: 'to', key: `reports.period.errors.${problem}` };
      return { kind: 'custom', from, to };
    }
    default:
      return { field: 'kind', key: 'reports.period.errors.kind' };
  }
}

/** The period a query asks for, the fallback when it asks for none, or the field that is wrong. */
export function readReportPeriod(query: unknown, fallback: ReportPeriod): ReportPeriod {
  const values = (query ?? {}) as Record<string, unknown>;
  let chosen: ReportPeriod | FieldError = fallback;
  if (text(values, 'period'))
    chosen = parsePeriod(text(values, 'period')) ?? {
      field: 'kind',
      key: 'reports.period.errors.notAPeriod',
    };
  else if (text(values, 'kind')) chosen = fromForm(values, text(values, 'kind'));
  else if (text(values, 'from') || text(values, 'to'))
    chosen = fromDates(text(values, 'from'), text(values, 'to'));
  if ('field' in chosen) throw validationFailed([chosen]);
  return chosen;
}

/** The choices the period form offers, around today, with the chosen period's values selected. */
export function periodChoices(today: IsoDate, period: ReportPeriod | undefined, t: Translate) {
  const now = monthOf(today);
  const months = Array.from({ length: 36 }, (_, i) => addMonths(now, -i));
  const quarters = Array.from({ length: 12 }, (_, i) => {
    const month = addMonths(now, -3 * i);
    return quarterPeriod(Number(month.slice(0, 4)), quarterOf(month));
  });
  const years = Array.from({ length: 6 }, (_, i) => financialYearOf(now) - i);
  const option = (value: string, label: string, selected: boolean) => ({
    value,
    text: label,
    selected,
  });
  return {
    kind: period?.kind ?? 'financial_year',
    months: months.map((m) =>
      option(m, formatMonth(m), period?.kind === 'month' && period.from === m),
    ),
    quarters: quarters.map((q) =>
      option(periodKey(q), periodLabel(q, t), period?.kind === 'quarter' && period.from === q.from),
    ),
    years: years.map((y) =>
      option(
        String(y),
        periodLabel(financialYearPeriod(y), t),
        period?.kind === 'financial_year' && financialYearOf(period.from) === y,
      ),
    ),
    from: months.map((m) =>
      option(m, formatMonth(m), period?.kind === 'custom' && period.from === m),
    ),
    to: months.map((m) => option(m, formatMonth(m), period?.kind === 'custom' && period.to === m)),
  };
}
