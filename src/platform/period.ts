// A period a page reports on, chosen with two GOV.UK date inputs (from-day, from-month, …) or
// given as ISO dates in a link (?from=2026-04-01&to=2026-06-30). A date that is not real, or
// an end before the start, is the user's mistake: they get a message at the field, never a
// silently different period.
import type { IsoDate } from '../domain/calendar-dates.js';
import { dateInQuery, partsOfDate } from './date-input.js';
import { validationFailed, type FieldError } from './errors.js';
import { mistakesOf, presentForm } from './forms.js';
import type { Translate } from './i18n/index.js';

export interface Period {
  from: IsoDate;
  to: IsoDate;
}

export type PeriodChoice = { ok: true; period: Period } | { ok: false; errors: FieldError[] };

const EARLIEST = '1900-01-01';
const LATEST = '2099-12-31';

/** The period the query asks for; where it says nothing, the fallback's dates. */
export function readPeriod(query: unknown, fallback: Period): PeriodChoice {
  const values = (query ?? {}) as Record<string, unknown>;
  const from = dateInQuery(values, 'from');
  const to = dateInQuery(values, 'to');
  const errors: FieldError[] = [];
  if (from === null) errors.push({ field: 'from', key: 'period.errors.from' });
  if (to === null) errors.push({ field: 'to', key: 'period.errors.to' });
  const period = { from: from ?? fallback.from, to: to ?? fallback.to };
  // A year such as 9999 is a real date, but a period ending then cannot be counted in (its
  // next day is past what the database's dates hold) and is never what anyone means.
  for (const name of ['from', 'to'] as const) {
    if (errors.length === 0 && (period[name] < EARLIEST || period[name] > LATEST))
      errors.push({ field: name, key: 'period.errors.range' });
  }
  if (errors.length === 0 && period.to < period.from)
    errors.push({ field: 'to', key: 'period.errors.order' });
  return errors.length ? { ok: false, errors } : { ok: true, period };
}

/** The calendar year so far. */
export const yearToDate = (today: IsoDate): Period => ({
  from: `${today.slice(0, 4)}-01-01`,
  to: today,
});

/** The month so far. */
export const monthToDate = (today: IsoDate): Period => ({
  from: `${today.slice(0, 8)}01`,
  to: today,
});

/** The period asked for, or a validation error naming each date that is wrong. */
export function requirePeriod(query: unknown, fallback: Period): Period {
  const choice = readPeriod(query, fallback);
  if (!choice.ok) throw validationFailed(choice.errors);
  return choice.period;
}

/** The boxes of the period form: the period shown, or what was typed, to show it back. */
export function periodFormValues(query: unknown, period?: Period): Record<string, string> {
  if (period) return { ...partsOfDate('from', period.from), ...partsOfDate('to', period.to) };
  const values = (query ?? {}) as Record<string, unknown>;
  const typed: Record<string, string> = {};
  for (const name of ['from', 'to'] as const) {
    const given = dateInQuery(values, name);
    if (given) Object.assign(typed, partsOfDate(name, given));
    else
      for (const part of ['day', 'month', 'year'])
        typed[`${name}-${part}`] = String(values[`${name}-${part}`] ?? '');
  }
  return typed;
}

/**
 * Runs a page's report for the period its query asks for. A mistake in the dates is the
 * user's: the page shows the form again with the message at the field, and no figures.
 */
export async function reportForPeriod<T extends { period: Period }>(
  query: unknown,
  t: Translate,
  run: () => Promise<T>,
) {
  try {
    const report = await run();
    return { report, form: presentForm(t, periodFormValues(query, report.period)), status: 200 };
  } catch (error) {
    const fieldErrors = mistakesOf(error);
    const form = presentForm(t, periodFormValues(query), fieldErrors);
    return { report: undefined, form, status: 400 };
  }
}

/** A link's query string for the period. */
export const periodQuery = (period: Period) => `from=${period.from}&to=${period.to}`;
