// The Time tab's words and the time entry form's values and choices, as pure functions.
import type { IsoDate } from '../../../domain/calendar-dates.js';
import { partsOfDate } from '../../../platform/date-input.js';
import { formatNumber } from '../../../platform/format.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { TIME_KINDS } from './form.js';
import type { KindTotals } from './records.js';

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

/** An entry as the tab lists it. */
interface ListedEntry {
  id: string;
  kind: string;
  minutes: number;
  miles: number | string;
  mayChange: boolean;
}

/** The Time tab: each entry in words with its change link, and the totals by kind and in all. */
export function timeTab<E extends ListedEntry>(
  view: {
    entries: E[];
    totals: { minutes: KindTotals; miles: KindTotals; allMinutes: number; allMiles: number };
  },
  caseId: string,
  t: Translate,
) {
  const { totals } = view;
  return {
    entries: view.entries.map((e) => ({
      ...e,
      kindText: t(`cases.time.kinds.${e.kind}`),
      duration: durationText(e.minutes, t),
      miles: milesText(Number(e.miles)),
      changeHref: e.mayChange ? `/cases/${caseId}/time/${e.id}` : undefined,
    })),
    totals: TIME_KINDS.map((kind) => ({
      label: t(`cases.time.kinds.${kind}`),
      hours: hoursText(totals.minutes[kind]),
      miles: milesText(totals.miles[kind]),
    })),
    allHours: hoursText(totals.allMinutes),
    allDuration: durationText(totals.allMinutes, t),
    allMiles: milesText(totals.allMiles),
  };
}

/** What the tab says after a save it is sent back from (`?done=`); nothing for anything else. */
export const timeFlash = (done: unknown, t: Translate) =>
  typeof done === 'string' && ['recorded', 'changed', 'removed'].includes(done)
    ? t(`cases.time.flash.${done}`)
    : undefined;

/** A practitioner's totals for the period, or all of theirs together (`total`). */
interface PeriodTotals {
  entries: number;
  minutes: number;
  miles: number;
  byKind: KindTotals;
}

/** The manager's report: each practitioner's totals for the period, and the service's. */
export function timeReportView<Period>(
  report:
    | {
        period: Period;
        people: (PeriodTotals & { name: string; role: string; cases: number })[];
        total: PeriodTotals;
      }
    | undefined,
  t: Translate,
) {
  const totals = (p: PeriodTotals) => ({
    entries: formatNumber(p.entries),
    byKind: TIME_KINDS.map((k) => hoursText(p.byKind[k])),
    hours: hoursText(p.minutes),
    miles: milesText(p.miles),
  });
  return {
    period: report?.period,
    kinds: TIME_KINDS.map((kind) => t(`cases.time.kinds.${kind}`)),
    people: report?.people.map((p) => ({
      name: p.name,
      role: t(`roles.${p.role}`),
      cases: formatNumber(p.cases),
      ...totals(p),
    })),
    total: report ? totals(report.total) : undefined,
  };
}

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
