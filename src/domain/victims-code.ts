// The Victims' Code (2020, in force April 2021) duties that touch a restorative justice
// service, as data: who holds each duty, from what date it runs, and what satisfies it.
//
//   3.4  the victim is told about RJ by the police, or by the youth offending team when the
//        offender is under 18;
//   3.6  within 5 working days of reporting the crime (1 under enhanced rights);
//   4.5  the victim is referred to a support service, RJ services included, within 2 working
//        days of reporting;
//   3.5  every service provider considers, at any stage, whether the victim would benefit from
//        information about RJ: the RJ service's own duty, with no time limit in the Code.
//
// The first two are the partner's duties. The RJ service cannot meet them late on the partner's
// behalf, so it sees them read-only: whether they were met before the referral reached it (the
// commissioner's compliance figure). The referral it received *is* a support referral, so it
// never sees "support referral overdue" on it. Its own duty (3.5) is met once it has offered RJ
// to the person harmed, explained RJ in a contact, or recorded their consent.
//
// No duty runs for a referral that names no person harmed, and no clock runs for crime not
// reported to the police (4.6: those victims reach services directly; the Code sets no limit).
import { compareDates, type IsoDate } from './calendar-dates.js';
import { reportedToPolice } from './referrals.js';
import { addWorkingDays, type Holidays } from './working-days.js';
import { offenceDay, under18On } from './youth.js';

export const RJ_INFORMATION_WORKING_DAYS = 5;
export const RJ_INFORMATION_ENHANCED_WORKING_DAYS = 1;
export const SUPPORT_REFERRAL_WORKING_DAYS = 2;

export type DutyKind = 'rj_information' | 'support_referral' | 'service_rj_information';
export type DutyHolder = 'police' | 'youth_offending_team' | 'service';
export type Paragraph = '3.4' | '3.5' | '4.5';

/** What showed the duty was met, with its date. */
export type Satisfaction =
  'referrer_statement' | 'referral_received' | 'offer' | 'contact_rj_explained' | 'consent';

/**
 * A partner's duty: met before the referral, met later (the victim was told, by the service),
 * or not recorded. The service's own duty: met, or to do.
 */
export type DutyState = 'met' | 'met_late' | 'not_recorded' | 'to_do';

export interface Evidence {
  by: Satisfaction;
  on: IsoDate;
}

export interface Duty {
  kind: DutyKind;
  paragraph: Paragraph;
  holder: DutyHolder;
  /** Whether the RJ service holds it (and so has work to do), or only sees it. */
  heldByService: boolean;
  /** The day it runs from; null when no clock runs (not reported, or no reporting date). */
  runsFrom: IsoDate | null;
  /** The Code's time limit; null without a clock, and for the service's own duty. */
  dueOn: IsoDate | null;
  /** The earliest evidence that it was met. */
  met: Evidence | null;
  state: DutyState;
  /** A partner's duty: met on or before the day the service received the referral. */
  metBeforeReferral: boolean | null;
  /** A partner's duty with a clock: met within the time limit (null when not known). */
  metInTime: boolean | null;
}

export interface DutiesInput {
  /** Whether the crime was reported to the police (the referral's CJS stage says not). */
  reportedToPolice: boolean;
  /** The day it was reported, if known. */
  reportedOn: IsoDate | null;
  /** The day the RJ service received the referral. */
  receivedOn: IsoDate;
  /** Whether the referral came from an agency (so the referral itself is a support referral). */
  referredByAgency: boolean;
  /**
   * Each named person harmed (an organisation harmed is not one), with the service's own
   * evidence that they were given information about RJ. None named: no duty runs.
   */
  victims: readonly { evidence: readonly Evidence[] }[];
  /** The person who harmed was under 18 on the date of the offence. */
  offenderUnder18: boolean;
  /** Enhanced rights apply (see enhancedRightsApply). */
  enhancedRights: boolean;
  /** The referrer's statement that the victim was told about RJ, with its date. */
  referrerToldVictimOn: IsoDate | null;
  /** The referrer's statement that the victim was referred to a support service. */
  referrerSupportReferralOn: IsoDate | null;
  holidays: Holidays;
}

/** Enhanced rights: victims of the most serious crime, and vulnerable victims (under 18). */
export function enhancedRightsApply(input: {
  referrerSaid: boolean;
  sexualViolence: boolean;
  domesticAbuse: boolean;
  hateCrime: boolean;
  victimUnder18: boolean;
}): boolean {
  return (
    input.referrerSaid ||
    input.sexualViolence ||
    input.domesticAbuse ||
    input.hateCrime ||
    input.victimUnder18
  );
}

/** Who holds the partner's duties (3.4): the youth offending team for an offender under 18. */
export function partnerHolder(offenderUnder18: boolean): DutyHolder {
  return offenderUnder18 ? 'youth_offending_team' : 'police';
}

function earliest(evidence: readonly (Evidence | null)[]): Evidence | null {
  let first: Evidence | null = null;
  for (const item of evidence) {
    if (item && (!first || compareDates(item.on, first.on) < 0)) first = item;
  }
  return first;
}

function partnerDuty(
  input: DutiesInput,
  what: { kind: DutyKind; paragraph: Paragraph; workingDays: number; evidence: Evidence[] },
): Duty {
  const runsFrom = input.reportedOn;
  const dueOn = runsFrom ? addWorkingDays(runsFrom, what.workingDays, input.holidays) : null;
  const met = earliest(what.evidence);
  const metBeforeReferral = met ? compareDates(met.on, input.receivedOn) <= 0 : false;
  return {
    kind: what.kind,
    paragraph: what.paragraph,
    holder: partnerHolder(input.offenderUnder18),
    heldByService: false,
    runsFrom,
    dueOn,
    met,
    state: !met ? 'not_recorded' : metBeforeReferral ? 'met' : 'met_late',
    metBeforeReferral,
    metInTime: met && dueOn ? compareDates(met.on, dueOn) <= 0 : null,
  };
}

/**
 * The service's own duty (3.5): met for a person harmed by an offer, a contact in which RJ was
 * explained, or their consent; met for the case once every person harmed was told (on the day
 * the last of them was).
 */
function serviceDuty(input: DutiesInput): Duty {
  const firsts = input.victims.map((victim) => earliest(victim.evidence));
  const everyoneTold = firsts.every((first) => first !== null);
  const met = everyoneTold
    ? firsts.reduce<Evidence | null>(
        (last, first) => (!last || compareDates(first!.on, last.on) > 0 ? first : last),
        null,
      )
    : null;
  return {
    kind: 'service_rj_information',
    paragraph: '3.5',
    holder: 'service',
    heldByService: true,
    runsFrom: input.receivedOn,
    dueOn: null,
    met,
    state: met ? 'met' : 'to_do',
    metBeforeReferral: null,
    metInTime: null,
  };
}

/** The duties of one referral or case, partners' first. */
export function victimsCodeDuties(input: DutiesInput): Duty[] {
  if (input.victims.length === 0) return [];
  const serviceEvidence = input.victims.flatMap((victim) => victim.evidence);
  const duties: Duty[] = [];
  if (input.reportedToPolice) {
    duties.push(
      partnerDuty(input, {
        kind: 'rj_information',
        paragraph: '3.4',
        workingDays: input.enhancedRights
          ? RJ_INFORMATION_ENHANCED_WORKING_DAYS
          : RJ_INFORMATION_WORKING_DAYS,
        evidence: [
          ...(input.referrerToldVictimOn
            ? [{ by: 'referrer_statement' as const, on: input.referrerToldVictimOn }]
            : []),
          ...serviceEvidence,
        ],
      }),
      partnerDuty(input, {
        kind: 'support_referral',
        paragraph: '4.5',
        workingDays: SUPPORT_REFERRAL_WORKING_DAYS,
        evidence: [
          ...(input.referrerSupportReferralOn
            ? [{ by: 'referrer_statement' as const, on: input.referrerSupportReferralOn }]
            : []),
          ...(input.referredByAgency
            ? [{ by: 'referral_received' as const, on: input.receivedOn }]
            : []),
        ],
      }),
    );
  }
  duties.push(serviceDuty(input));
  return duties;
}

/** Whether the service has Victims' Code work to do (the case belongs in its queue). */
export function serviceDutyPending(duties: readonly Duty[]): boolean {
  return duties.some((duty) => duty.heldByService && duty.state === 'to_do');
}

/** What a referral (and its case) says that the duties depend on. */
export interface ReferralFacts {
  cjsStage: string;
  reportedOn: IsoDate | null;
  receivedOn: IsoDate;
  offenceDate: IsoDate | null;
  sourceKind: string;
  enhancedRights: boolean;
  sexualViolence: boolean;
  domesticAbuse: boolean;
  hateCrime: boolean;
  victimDateOfBirth: IsoDate | null;
  offenderDateOfBirth: IsoDate | null;
  rjInformationGivenOn: IsoDate | null;
  supportReferralMadeOn: IsoDate | null;
}

/** Whether the offender was under 18 at the offence: by date of birth, or a referral order. */
export function offenderWasUnder18(facts: ReferralFacts): boolean {
  if (facts.cjsStage === 'referral_order') return true;
  return under18On(facts.offenderDateOfBirth, offenceDay(facts)) === true;
}

/** The duties' input from a referral's facts and the named people harmed with their evidence. */
export function dutiesInputOf(
  facts: ReferralFacts,
  victims: DutiesInput['victims'],
  holidays: Holidays,
): DutiesInput {
  return {
    reportedToPolice: reportedToPolice(facts.cjsStage),
    reportedOn: facts.reportedOn,
    receivedOn: facts.receivedOn,
    referredByAgency: facts.sourceKind === 'organisation',
    victims,
    offenderUnder18: offenderWasUnder18(facts),
    enhancedRights: enhancedRightsApply({
      referrerSaid: facts.enhancedRights,
      sexualViolence: facts.sexualViolence,
      domesticAbuse: facts.domesticAbuse,
      hateCrime: facts.hateCrime,
      victimUnder18: under18On(facts.victimDateOfBirth, offenceDay(facts)) === true,
    }),
    referrerToldVictimOn: facts.rjInformationGivenOn,
    referrerSupportReferralOn: facts.supportReferralMadeOn,
    holidays,
  };
}
