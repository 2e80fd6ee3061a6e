import { describe, expect, it } from 'vitest';
import { translator } from '../../../platform/i18n/index.js';
import { durationText, entryChoices, entryValues, hoursText, milesText } from './presenter.js';

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
