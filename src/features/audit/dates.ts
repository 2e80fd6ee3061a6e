// The audit trail's date filters: a date that is not a real one (2026-02-31, "yesterday") is a
// mistake to point out with a 400, never something to query with (an invalid date made a 500).
import { isIsoDate } from '../../domain/calendar-dates.js';
import { AppError } from '../../platform/errors.js';

const DATE_FILTERS = {
  from: 'audit.errors.fromNotARealDate',
  to: 'audit.errors.toNotARealDate',
} as const;

export function assertFilterDates(query: unknown): void {
  const values = (query ?? {}) as Record<string, unknown>;
  const dates: Partial<Record<keyof typeof DATE_FILTERS, string>> = {};
  for (const name of Object.keys(DATE_FILTERS) as (keyof typeof DATE_FILTERS)[]) {
    const raw = values[name];
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (value === undefined || value === '') continue;
    if (!isIsoDate(value))
      throw new AppError('bad_request', DATE_FILTERS[name], {
        params: { value: String(value).slice(0, 40) },
      });
    dates[name] = value;
  }
  if (dates.from && dates.to && dates.from > dates.to)
    throw new AppError('bad_request', 'audit.errors.fromAfterTo', {
      params: { from: dates.from, to: dates.to },
    });
}
