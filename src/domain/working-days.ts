// Working days in England and Wales: Monday to Friday, except bank holidays. The holidays are
// passed in (the service loads them from the bank_holidays table), so the rules stay pure.
import { addDays, compareDates, dayOfWeek, type IsoDate } from './calendar-dates.js';

export type Holidays = ReadonlySet<IsoDate>;

export function isWorkingDay(date: IsoDate, holidays: Holidays): boolean {
  const day = dayOfWeek(date);
  return day !== 0 && day !== 6 && !holidays.has(date);
}

/**
 * The date `count` working days after `start`. The start day itself never counts, so a
 * referral received on a Friday with 1 working day is due on Monday (or Tuesday after a bank
 * holiday Monday).
 */
export function addWorkingDays(start: IsoDate, count: number, holidays: Holidays): IsoDate {
  let date = start;
  let remaining = count;
  while (remaining > 0) {
    date = addDays(date, 1);
    if (isWorkingDay(date, holidays)) remaining--;
  }
  return date;
}

/** Working days after `from` up to and including `to` (0 when `to` is not later). */
export function workingDaysBetween(from: IsoDate, to: IsoDate, holidays: Holidays): number {
  let count = 0;
  for (let date = addDays(from, 1); compareDates(date, to) <= 0; date = addDays(date, 1)) {
    if (isWorkingDay(date, holidays)) count++;
  }
  return count;
}

/** The date `count` working days before `end` (the start that would be due on `end`). */
export function subtractWorkingDays(end: IsoDate, count: number, holidays: Holidays): IsoDate {
  let date = end;
  let remaining = count;
  while (remaining > 0) {
    date = addDays(date, -1);
    if (isWorkingDay(date, holidays)) remaining--;
  }
  return date;
}
