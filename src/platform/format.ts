// Dates and numbers as GOV.UK style writes them, always in UK time.
const LONDON = 'Europe/London';

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'long',
  year: 'numeric',
  timeZone: LONDON,
});
const timeFormat = new Intl.DateTimeFormat('en-GB', {
  hour: 'numeric',
  minute: '2-digit',
  hourCycle: 'h12',
  timeZone: LONDON,
});

function toDate(value: Date | string): Date {
  if (value instanceof Date) return value;
  // A bare 'YYYY-MM-DD' is a calendar date: read it at midday so no time zone moves it.
  return /^\d{4}-\d{2}-\d{2}$/.test(value) ? new Date(`${value}T12:00:00Z`) : new Date(value);
}

/** "22 November 2026" */
export function formatDate(value: Date | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const date = toDate(value);
  return Number.isNaN(date.getTime()) ? '' : dateFormat.format(date);
}

const monthFormat = new Intl.DateTimeFormat('en-GB', {
  month: 'long',
  year: 'numeric',
  timeZone: 'UTC',
});

/** "November 2026", from 'YYYY-MM-DD' or 'YYYY-MM'. */
export function formatMonth(value: string | null | undefined): string {
  const match = /^(\d{4})-(\d{2})/.exec(value ?? '');
  if (!match) return '';
  return monthFormat.format(new Date(Date.UTC(Number(match[1]), Number(match[2]) - 1, 15)));
}

/** "22 November 2026 at 2:05pm" */
export function formatDateTime(value: Date | string | null | undefined): string {
  if (value === null || value === undefined || value === '') return '';
  const date = toDate(value);
  if (Number.isNaN(date.getTime())) return '';
  const time = timeFormat.format(date).replace(/\s/g, '').toLowerCase();
  return `${dateFormat.format(date)} at ${time}`;
}

/** "2:05pm" */
export function formatTime(value: Date): string {
  return timeFormat.format(value).replace(/\s/g, '').toLowerCase();
}

// Formatters are made once and kept: making one (which `toLocaleString` with options and
// `new Intl.…` do on every call) costs 0.1–0.5 ms, using one about 2 µs, and a queue page
// formats hundreds of dates and numbers.
const numberFormats = new Map<number, Intl.NumberFormat>();

function numberFormat(fractionDigits: number): Intl.NumberFormat {
  let format = numberFormats.get(fractionDigits);
  if (!format) {
    format = new Intl.NumberFormat('en-GB', {
      minimumFractionDigits: fractionDigits,
      maximumFractionDigits: fractionDigits,
    });
    numberFormats.set(fractionDigits, format);
  }
  return format;
}

/** "1,234" */
export function formatNumber(value: number | null | undefined, fractionDigits = 0): string {
  if (value === null || value === undefined || Number.isNaN(value)) return '';
  return numberFormat(fractionDigits).format(value);
}

const changeFormat = new Intl.NumberFormat('en-GB', { maximumFractionDigits: 2 });

/**
 * A change, always with its sign, to at most two decimal places: "+0.75", "0", "−1.5" (with
 * a true minus sign, which screen readers read as "minus").
 */
export function formatChange(value: number): string {
  const rounded = Math.round(value * 100) / 100;
  const digits = changeFormat.format(rounded);
  if (rounded > 0) return `+${digits}`;
  if (rounded < 0) return `\u2212${digits.replace('-', '')}`;
  return '0';
}

// en-CA writes a date as 'YYYY-MM-DD'.
const isoDateInLondon = new Intl.DateTimeFormat('en-CA', {
  timeZone: LONDON,
  year: 'numeric',
  month: '2-digit',
  day: '2-digit',
});

/** The calendar date in London for an instant: 'YYYY-MM-DD'. */
export function londonDate(instant: Date): string {
  return isoDateInLondon.format(instant);
}
