import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, daysBetween, isIsoDate, parseUkOrIsoDate } from './calendar-dates.js';
import { addWorkingDays, isWorkingDay, workingDaysBetween } from './working-days.js';

// England and Wales, spring 2026: Good Friday 3 April, Easter Monday 6 April, early May 4 May.
const holidays = new Set(['2026-04-03', '2026-04-06', '2026-05-04', '2026-12-25', '2026-12-28']);

describe('working days', () => {
  it('skips weekends and bank holidays', () => {
    expect(isWorkingDay('2026-04-02', holidays)).toBe(true); // Thursday
    expect(isWorkingDay('2026-04-03', holidays)).toBe(false); // Good Friday
    expect(isWorkingDay('2026-04-04', holidays)).toBe(false); // Saturday
    expect(addWorkingDays('2026-04-02', 1, holidays)).toBe('2026-04-07'); // over Easter
    expect(addWorkingDays('2026-11-20', 1, holidays)).toBe('2026-11-23'); // Friday to Monday
    expect(addWorkingDays('2026-12-24', 2, holidays)).toBe('2026-12-30'); // over Christmas
    expect(addWorkingDays('2026-04-01', 5, holidays)).toBe('2026-04-10');
  });

  it('counts working days between two dates', () => {
    expect(workingDaysBetween('2026-04-01', '2026-04-10', holidays)).toBe(5);
    expect(workingDaysBetween('2026-04-10', '2026-04-01', holidays)).toBe(0);
    expect(workingDaysBetween('2026-04-02', '2026-04-02', holidays)).toBe(0);
  });

  it('is consistent: n working days after d is n working days between', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 0, max: 3000 }),
        fc.integer({ min: 0, max: 40 }),
        (offset, n) => {
          const start = addDays('2024-01-01', offset);
          const due = addWorkingDays(start, n, holidays);
          expect(workingDaysBetween(start, due, holidays)).toBe(n);
          if (n > 0) expect(isWorkingDay(due, holidays)).toBe(true);
          expect(daysBetween(start, due)).toBeGreaterThanOrEqual(n);
        },
      ),
    );
  });
});

describe('calendar dates', () => {
  it('accepts only real dates, in ISO or UK order', () => {
    expect(isIsoDate('2026-02-28')).toBe(true);
    expect(isIsoDate('2026-02-29')).toBe(false);
    expect(isIsoDate('2028-02-29')).toBe(true);
    expect(parseUkOrIsoDate('1/3/2026')).toBe('2026-03-01');
    expect(parseUkOrIsoDate('31/04/2026')).toBeUndefined();
    expect(parseUkOrIsoDate('2026-13-01')).toBeUndefined();
    expect(parseUkOrIsoDate('yesterday')).toBeUndefined();
  });
});
