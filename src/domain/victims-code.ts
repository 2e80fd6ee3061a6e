// The Victims' Code (2020, in force April 2021) time limits that an RJ service must watch:
//   3.6  information about restorative justice within 5 working days of reporting
//        (1 working day for victims entitled to enhanced rights);
//   4.5  referral to a support service within 2 working days.
import { compareDates, type IsoDate } from './calendar-dates.js';
import { addWorkingDays, type Holidays } from './working-days.js';

export const RJ_INFORMATION_WORKING_DAYS = 5;
export const RJ_INFORMATION_ENHANCED_WORKING_DAYS = 1;
export const SUPPORT_REFERRAL_WORKING_DAYS = 2;
/** A deadline this close is shown as due soon. */
export const DUE_SOON_WORKING_DAYS = 1;

export type ClockState = 'met' | 'overdue' | 'due_soon' | 'due';

export interface VictimsCodeClock {
  kind: 'rj_information' | 'support_referral';
  dueOn: IsoDate;
  doneOn: IsoDate | null;
  state: ClockState;
}

export interface ClockInput {
  /** When the crime was reported to the police, or failing that, when the referral arrived. */
  reportedOn: IsoDate;
  enhancedRights: boolean;
  rjInformationGivenOn: IsoDate | null;
  supportReferralMadeOn: IsoDate | null;
  today: IsoDate;
  holidays: Holidays;
}

function stateOf(
  dueOn: IsoDate,
  doneOn: IsoDate | null,
  today: IsoDate,
  holidays: Holidays,
): ClockState {
  if (doneOn) return 'met';
  if (compareDates(today, dueOn) > 0) return 'overdue';
  const soon = addWorkingDays(today, DUE_SOON_WORKING_DAYS, holidays);
  return compareDates(dueOn, soon) <= 0 ? 'due_soon' : 'due';
}

export function victimsCodeClocks(input: ClockInput): VictimsCodeClock[] {
  const informationDays = input.enhancedRights
    ? RJ_INFORMATION_ENHANCED_WORKING_DAYS
    : RJ_INFORMATION_WORKING_DAYS;
  const informationDue = addWorkingDays(input.reportedOn, informationDays, input.holidays);
  const supportDue = addWorkingDays(
    input.reportedOn,
    SUPPORT_REFERRAL_WORKING_DAYS,
    input.holidays,
  );
  return [
    {
      kind: 'rj_information',
      dueOn: informationDue,
      doneOn: input.rjInformationGivenOn,
      state: stateOf(informationDue, input.rjInformationGivenOn, input.today, input.holidays),
    },
    {
      kind: 'support_referral',
      dueOn: supportDue,
      doneOn: input.supportReferralMadeOn,
      state: stateOf(supportDue, input.supportReferralMadeOn, input.today, input.holidays),
    },
  ];
}
