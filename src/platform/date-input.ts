// The GOV.UK date input: three boxes (day, month, year) named <field>-day, -month and -year.
import { isIsoDate, type IsoDate } from '../domain/calendar-dates.js';

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/** The date typed into a date input as YYYY-MM-DD ('' if all three boxes were left empty). */
export function readDateInput(body: Record<string, unknown>, name: string): string {
  const part = (suffix: string) => String(body[`${name}-${suffix}`] ?? '').trim();
  const [day, month, year] = [part('day'), part('month'), part('year')];
  if (!day && !month && !year) return '';
  return `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`;
}

/** Replaces each named date input in a form body with its YYYY-MM-DD value. */
export function withDates(body: unknown, names: string[]): Record<string, unknown> {
  const values = { ...((body ?? {}) as Record<string, unknown>) };
  for (const name of names) values[name] = readDateInput(values, name);
  return values;
}

/** What the template needs to fill the three boxes again: from the typed parts, or a date. */
export function dateParts(values: Record<string, unknown>, name: string): DateParts {
  if (
    values[`${name}-day`] !== undefined ||
    values[`${name}-month`] !== undefined ||
    values[`${name}-year`] !== undefined
  ) {
    return {
      day: String(values[`${name}-day`] ?? ''),
      month: String(values[`${name}-month`] ?? ''),
      year: String(values[`${name}-year`] ?? ''),
    };
  }
  return isoDateParts(values[name]);
}

export type DateParts = { day: string; month: string; year: string };

/** The three boxes for a YYYY-MM-DD date (empty boxes for anything else). */
export function isoDateParts(value: unknown): DateParts {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof value === 'string' ? value : '');
  return match
    ? { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1]! }
    : { day: '', month: '', year: '' };
}

/** A date from the three boxes of a GOV.UK date input named `<name>-day` and so on. */
export function dateFromParts(body: Record<string, unknown>, name: string) {
  const [day, month, year] = ['day', 'month', 'year'].map((p) => text(body[`${name}-${p}`]));
  if (!day && !month && !year) return { empty: true as const };
  const iso = `${year!.padStart(4, '0')}-${month!.padStart(2, '0')}-${day!.padStart(2, '0')}`;
  const valid = /^\d{1,2}$/.test(day!) && /^\d{1,2}$/.test(month!) && /^\d{4}$/.test(year!);
  return valid && isIsoDate(iso) ? { empty: false as const, date: iso } : { empty: false as const };
}

/**
 * A date a query gives by its three boxes or as an ISO date in a link (`?from=2026-04-01`):
 * undefined when it is not given, null when it is given but is not a real date.
 */
export function dateInQuery(
  query: Record<string, unknown>,
  name: string,
): IsoDate | null | undefined {
  const parts = dateFromParts(query, name);
  if (!parts.empty) return parts.date ?? null;
  const iso = typeof query[name] === 'string' ? (query[name] as string).trim() : '';
  if (!iso) return undefined;
  return isIsoDate(iso) ? iso : null;
}

/** The three boxes of a date input, filled from an ISO date. */
export function partsOfDate(name: string, date: IsoDate): Record<string, string> {
  const [year, month, day] = date.split('-');
  return {
    [`${name}-day`]: String(Number(day)),
    [`${name}-month`]: String(Number(month)),
    [`${name}-year`]: year ?? '',
  };
}
