// Youth justice: whether someone was under 18 when the harm happened, from their date of birth.
// It decides who holds the Victims' Code duty to tell the victim about RJ (the youth offending
// team, paragraph 3.4) and makes a victim under 18 a vulnerable victim with enhanced rights.
import { compareDates, type IsoDate } from './calendar-dates.js';

export const ADULT_AGE = 18;

/** The date the age is taken at: the offence, or failing that when it was reported or referred. */
export function offenceDay(dates: {
  offenceDate: IsoDate | null;
  reportedOn: IsoDate | null;
  receivedOn: IsoDate;
}): IsoDate {
  return dates.offenceDate ?? dates.reportedOn ?? dates.receivedOn;
}

/** Under 18 on `on`; null when the date of birth is not known. */
export function under18On(dateOfBirth: IsoDate | null, on: IsoDate): boolean | null {
  if (!dateOfBirth) return null;
  const [year, month, day] = dateOfBirth.split('-');
  const eighteenth = `${String(Number(year) + ADULT_AGE).padStart(4, '0')}-${month}-${day}`;
  // Someone born on 29 February is 18 on 1 March in a year without one: '…-02-29' compares
  // after every real day of February and before 1 March, which gives exactly that.
  return compareDates(on, eighteenth) < 0;
}

/** How figures count the person who harmed: under 18 at the offence, or not (or not known). */
export const AGE_GROUPS = ['under_18', 'adult'] as const;
export type AgeGroup = (typeof AGE_GROUPS)[number];

/**
 * The age group of someone on `on`; null when the date of birth is not known. Kept on the
 * referral at intake (migration 0029 has the same rule in SQL for referrals held before).
 */
export function ageGroupAt(dateOfBirth: IsoDate | null, on: IsoDate): AgeGroup | null {
  const under18 = under18On(dateOfBirth, on);
  return under18 === null ? null : under18 ? 'under_18' : 'adult';
}
