// The Time tab's words and the time entry form's values and choices, as pure functions.
import type { IsoDate } from '../../../domain/calendar-dates.js';
import { partsOfDate } from '../../../platform/date-input.js';
import { formatNumber } from '../../../platform/format.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { TIME_KINDS } from './form.js';

/** "1 hour 30 minutes" */
export function durationText(minutes: number, t: Translate): string {
  const hours = Math.floor(minutes / 60);
  const rest = minutes % 60;
  const h =
    hours === 1 ? t('cases.time.duration.hour') : t('cases.time.duration.hours', { n: hours });
  const m =
    rest === 1 ? t('cases.time.duration.minute') : t('cases.time.duration.minutes', { n: rest });
  if (hours && rest) return t('cases.time.duration.both', { hours: h, minutes: m });
  return hours ? h : m;
}

/** Hours with two decimals, as timesheets and returns count them ("1.50"). */
export const hoursText = (minutes: number) => formatNumber(minutes / 60, 2);
export const milesText = (miles: number) => formatNumber(miles, 1);

export interface SavedEntry {
  worked_on: IsoDate;
  kind: string;
  minutes: number;
  miles: number | string;
  notes: string | null;
  user_id: string;
}

/** What the entry form shows before anything is typed: the entry as saved, or whose time it is. */
export function entryValues(entry: SavedEntry | undefined, userId: string | null | undefined) {
  if (!entry) return { user: userId ?? '' };
  return {
    ...partsOfDate('worked_on', entry.worked_on),
    kind: entry.kind,
    hours: String(Math.floor(entry.minutes / 60)),
    minutes: String(entry.minutes % 60),
    miles: Number(entry.miles) ? milesText(Number(entry.miles)) : '',
    notes: entry.notes ?? '',
    user: entry.user_id,
  };
}

/** The kinds of time, and the staff a manager may record time for, as chosen on the form. */
export function entryChoices(
  values: Record<string, unknown>,
  staff: { id: string; name: string; role: string }[],
  t: Translate,
) {
  return {
    kindItems: TIME_KINDS.map((kind) => ({
      value: kind,
      text: t(`cases.time.kinds.${kind}`),
      hint: { text: t(`cases.time.kindHints.${kind}`) },
      checked: values.kind === kind,
    })),
    staffItems: staff.map((u) => ({
      value: u.id,
      text: `${u.name} (${t(`roles.${u.role}`)})`,
      selected: values.user === u.id,
    })),
  };
}
