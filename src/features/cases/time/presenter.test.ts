import { describe, expect, it } from 'vitest';
import { translator } from '../../../platform/i18n/index.js';
import { TIME_KINDS, type TimeKind } from './form.js';
import {
  durationText,
  entryChoices,
  entryValues,
  hoursText,
  milesText,
  timeFlash,
  timeReportView,
  timeTab,
} from './presenter.js';

const t = translator('en');

describe('time in words', () => {
  it.each([
    [1, '1 minute'],
    [45, '45 minutes'],
    [60, '1 hour'],
    [90, '1 hour 30 minutes'],
    [121, '2 hours 1 minute'],
  ])('says %i minutes as "%s"', (minutes, words) => {
    expect(durationText(minutes, t)).toBe(words);
  });

  it('counts hours to two places and miles to one', () => {
    expect(hoursText(90)).toBe('1.50');
    expect(milesText(12.25)).toBe('12.3');
  });
});

describe('the time entry form', () => {
  const entry = {
    worked_on: '2026-03-07',
    kind: 'travel',
    minutes: 95,
    miles: '0',
    notes: null,
    user_id: 'u2',
  };

  it('shows an entry as saved: its date in three boxes, hours and minutes, no zero miles', () => {
    expect(entryValues(entry, 'u1')).toEqual({
      'worked_on-day': '7',
      'worked_on-month': '3',
      'worked_on-year': '2026',
      kind: 'travel',
      hours: '1',
      minutes: '35',
      miles: '',
      notes: '',
      user: 'u2',
    });
    expect(entryValues({ ...entry, miles: '12.5', notes: 'Bus' }, 'u1')).toMatchObject({
      miles: '12.5',
      notes: 'Bus',
    });
  });

  it('starts a new entry as the time of whoever records it', () => {
    expect(entryValues(undefined, 'u1')).toEqual({ user: 'u1' });
    expect(entryValues(undefined, null)).toEqual({ user: '' });
  });

  it('offers each kind with its hint and the staff with their roles, as chosen', () => {
    const staff = [{ id: 'u2', name: 'Bea', role: 'volunteer' }];
    const { kindItems, staffItems } = entryChoices({ kind: 'travel', user: 'u2' }, staff, t);
    expect(kindItems.filter((k) => k.checked).map((k) => k.text)).toEqual(['Travel']);
    expect(kindItems.every((k) => k.hint.text)).toBe(true);
    expect(staffItems).toEqual([
      { value: 'u2', text: 'Bea (Volunteer facilitator)', selected: true },
    ]);
  });
});

describe('the Time tab', () => {
  const totals = (minutes: Partial<Record<TimeKind, number>>) =>
    Object.fromEntries(TIME_KINDS.map((k) => [k, minutes[k] ?? 0])) as Record<TimeKind, number>;
  const view = {
    entries: [
      { id: 'e1', kind: 'travel', minutes: 95, miles: '12.25', mayChange: true },
      { id: 'e2', kind: TIME_KINDS[0], minutes: 30, miles: 0, mayChange: false },
    ],
    totals: {
      minutes: totals({ travel: 95, [TIME_KINDS[0]]: 30 }),
      miles: totals({ travel: 12.25 }),
      allMinutes: 125,
      allMiles: 12.3,
    },
  };

  it('says each entry in words, with a change link only where the actor may change it', () => {
    const tab = timeTab(view, 'c1', t);
    expect(tab.entries[0]).toMatchObject({
      id: 'e1',
      kindText: t('cases.time.kinds.travel'),
      duration: '1 hour 35 minutes',
      miles: '12.3',
      changeHref: '/cases/c1/time/e1',
    });
    expect(tab.entries[1]!.changeHref).toBeUndefined();
  });

  it('totals every kind, in hours and miles, and in all', () => {
    const tab = timeTab(view, 'c1', t);
    expect(tab.totals).toHaveLength(TIME_KINDS.length);
    expect(tab.totals.find((r) => r.label === t('cases.time.kinds.travel'))).toEqual({
      label: t('cases.time.kinds.travel'),
      hours: '1.58',
      miles: '12.3',
    });
    expect(tab).toMatchObject({
      allHours: '2.08',
      allDuration: '2 hours 5 minutes',
      allMiles: '12.3',
    });
  });

  it('says what was saved only for the saves the tab is sent back from', () => {
    expect(timeFlash('recorded', t)).toBe(t('cases.time.flash.recorded'));
    expect(timeFlash('removed', t)).toBe(t('cases.time.flash.removed'));
    expect(timeFlash('anything', t)).toBeUndefined();
    expect(timeFlash(['recorded'], t)).toBeUndefined();
  });
});

describe("the manager's time report", () => {
  const byKind = Object.fromEntries(TIME_KINDS.map((k) => [k, k === 'travel' ? 90 : 0])) as Record<
    TimeKind,
    number
  >;
  const totals = { entries: 1200, minutes: 90, miles: 12.25, byKind };
  const report = {
    period: { from: '2026-03-01', to: '2026-03-31' },
    people: [{ name: 'Pat Practitioner', role: 'practitioner', cases: 3, ...totals }],
    total: totals,
  };

  it('gives each practitioner and the service their totals in words and numbers', () => {
    const view = timeReportView(report, t);
    expect(view.period).toBe(report.period);
    expect(view.kinds).toEqual(TIME_KINDS.map((k) => t(`cases.time.kinds.${k}`)));
    const totalsInWords = {
      entries: '1,200',
      byKind: TIME_KINDS.map((k) => (k === 'travel' ? '1.50' : '0.00')),
      hours: '1.50',
      miles: '12.3',
    };
    expect(view.people).toEqual([
      { name: 'Pat Practitioner', role: t('roles.practitioner'), cases: '3', ...totalsInWords },
    ]);
    expect(view.total).toEqual(totalsInWords);
  });

  it('shows no rows before a period is chosen', () => {
    expect(timeReportView(undefined, t)).toMatchObject({
      period: undefined,
      people: undefined,
      total: undefined,
    });
  });
});
