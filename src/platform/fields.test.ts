import { describe, expect, it } from 'vitest';
import { money, parsePounds, parseTime } from './field-schemas.js';
import { readFields } from './fields.js';

describe('reading declared fields', () => {
  it('reads times as people type them', () => {
    expect(parseTime('14:30')).toBe('14:30');
    expect(parseTime('9.05')).toBe('09:05');
    expect(parseTime('2pm')).toBe('14:00');
    expect(parseTime('12:15am')).toBe('00:15');
    expect(parseTime('12pm')).toBe('12:00');
    for (const bad of ['14', '25:00', '13pm', '10:75', 'noon', ''])
      expect(parseTime(bad)).toBe(undefined);
  });

  it('reads pounds as whole pence', () => {
    expect(parsePounds('£1,250.50')).toBe(125_050);
    expect(parsePounds('40')).toBe(4_000);
    expect(parsePounds('0.5')).toBe(50);
    for (const bad of ['1,25', '£', '12.345', '-5', 'ten'])
      expect(parsePounds(bad)).toBe(undefined);
  });

  it('says what is wrong with an amount: not one, nothing, or too much', () => {
    const problem = (typed: string) => {
      const result = money('required').safeParse(typed);
      return result.success ? null : result.error.issues[0]!.message;
    };
    expect(problem('12.50')).toBeNull();
    expect(problem('')).toBe('required');
    expect(problem('ten')).toBe('validation.money');
    expect(problem('0')).toBe('validation.moneyNothing');
    expect(problem('£1,000,000.01')).toBe('validation.moneyTooMuch');
  });

  it('reads dates from day, month and year, keeping what was typed', () => {
    const { input, typed } = readFields(
      [
        { name: 'due_on', kind: 'date', label: 'x' },
        { name: 'attendees', kind: 'checkboxes', label: 'x' },
      ],
      {
        'due_on-day': '3',
        'due_on-month': '12',
        'due_on-year': '2026',
        attendees: 'a',
        version: '4',
      },
    );
    expect(input).toEqual({ due_on: '2026-12-03', attendees: ['a'], version: '4' });
    expect(typed.due_on).toEqual({ day: '3', month: '12', year: '2026' });
  });
});
