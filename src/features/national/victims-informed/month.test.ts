import { describe, expect, it } from 'vitest';
import { monthOf, savedMonth } from './presenter.js';

describe('the month of a victims informed return', () => {
  it('reads the month and year boxes as "2026-3", to be checked by the rule', () => {
    expect(monthOf({ 'month-month': ' 3 ', 'month-year': '2026' })).toBe('2026-3');
    expect(monthOf({})).toBe('');
    expect(monthOf({ 'month-month': 'March', 'month-year': '2026' })).toBe('not a month');
    expect(monthOf({ 'month-month': '3', 'month-year': '26' })).toBe('not a month');
  });

  it('says which month was saved only for a month', () => {
    expect(savedMonth({ saved: '2026-03' })).toBe('2026-03');
    expect(savedMonth({ saved: '<b>' })).toBeUndefined();
    expect(savedMonth(undefined)).toBeUndefined();
  });
});
