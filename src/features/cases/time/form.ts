// The time entry form: when, on what, how long (hours and minutes, as people count time, not a
// total of minutes), miles to one decimal place, and notes. Pure: the same rules answer the web
// form and any other caller, and are unit tested.
import { compareDates, type IsoDate } from '../../../domain/calendar-dates.js';
import { dateFromParts } from '../../../platform/date-input.js';
import type { FieldError } from '../../../platform/errors.js';

export const TIME_KINDS = ['preparation', 'travel', 'meeting', 'admin', 'supervision'] as const;
export type TimeKind = (typeof TIME_KINDS)[number];

/** The longest single entry: a day. */
export const MAX_MINUTES = 24 * 60;
export const MAX_MILES = 2000;

export interface TimeEntryData {
  workedOn: IsoDate;
  kind: TimeKind;
  minutes: number;
  miles: number;
  notes: string | null;
  /** Whose time it is, when someone (a manager) records it for another person. */
  userId: string | undefined;
}

export type TimeFormResult =
  { ok: true; data: TimeEntryData } | { ok: false; errors: FieldError[] };

const text = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

export function readTimeForm(body: Record<string, unknown>, today: IsoDate): TimeFormResult {
  const errors: FieldError[] = [];
  const fail = (field: string, key: string, params?: Record<string, string | number>) =>
    errors.push({ field, key, params });

  const worked = dateFromParts(body, 'worked_on');
  if (worked.empty) fail('worked_on', 'cases.time.errors.dateRequired');
  else if (!worked.date) fail('worked_on', 'cases.time.errors.dateInvalid');
  else if (compareDates(worked.date, today) > 0) fail('worked_on', 'cases.time.errors.dateFuture');
  else if (compareDates(worked.date, '2000-01-01') < 0)
    fail('worked_on', 'cases.time.errors.dateInvalid');

  const kind = text(body.kind);
  if (!(TIME_KINDS as readonly string[]).includes(kind)) fail('kind', 'cases.time.errors.kind');

  const hoursText = text(body.hours);
  const minutesText = text(body.minutes);
  let minutes = 0;
  if (!hoursText && !minutesText) {
    fail('hours', 'cases.time.errors.durationRequired');
  } else if (hoursText && !/^\d{1,2}$/.test(hoursText)) {
    fail(
      'hours',
      /^\d+[.,]\d+$/.test(hoursText) ? 'cases.time.errors.hoursDecimal' : 'cases.time.errors.hours',
    );
  } else if (minutesText && !/^\d{1,4}$/.test(minutesText)) {
    fail('minutes', 'cases.time.errors.minutes');
  } else {
    const hours = Number(hoursText || '0');
    const extra = Number(minutesText || '0');
    // Minutes on their own may be any number ("90"); beside hours they are the part-hour.
    if (hoursText && extra > 59) fail('minutes', 'cases.time.errors.minutesPart');
    else {
      minutes = hours * 60 + extra;
      if (minutes === 0) fail('hours', 'cases.time.errors.durationRequired');
      else if (minutes > MAX_MINUTES) fail('hours', 'cases.time.errors.tooLong');
    }
  }

  const milesText = text(body.miles);
  let miles = 0;
  if (milesText) {
    if (!/^\d{1,4}(\.\d)?$/.test(milesText)) fail('miles', 'cases.time.errors.miles');
    else {
      miles = Number(milesText);
      if (miles > MAX_MILES) fail('miles', 'cases.time.errors.milesTooMany');
    }
  }

  const notes = text(body.notes);
  if (notes.length > 2000) fail('notes', 'validation.tooLong');

  const user = text(body.user);
  if (errors.length) return { ok: false, errors };
  return {
    ok: true,
    data: {
      workedOn: worked.empty ? today : worked.date!,
      kind: kind as TimeKind,
      minutes,
      miles,
      notes: notes || null,
      userId: user || undefined,
    },
  };
}
