// Referrals: the vocabulary, and the rules that do not need a database.
import { randomInt } from 'node:crypto';
import { offenceDay, under18On } from './youth.js';

export const CJS_STAGES = [
  'not_reported',
  'pre_charge',
  'out_of_court',
  'pre_sentence',
  'community_sentence',
  'custody',
  'post_release',
  // A youth court's referral order, worked out at a youth offender panel (under 18s).
  'referral_order',
] as const;
export type CjsStage = (typeof CJS_STAGES)[number];

/**
 * The out-of-court resolution a referral came from (its context, not an intervention the
 * service delivers): a community resolution counts as restorative only when it meets the
 * minimum standards, which is what the service's own work is for.
 */
export const OUT_OF_COURT_RESOLUTIONS = [
  'community_resolution',
  'conditional_caution',
  'youth_caution',
  'youth_conditional_caution',
  'other',
] as const;

/**
 * What the harm was: a crime, or restorative work on harm that is not a crime (a conflict at
 * school or college, at work, between neighbours, in a family). Work that is not a crime has no
 * offence group to give (one may still be given), no criminal justice stage beyond "not
 * reported to the police", and no Victims' Code clock; the figures count it apart.
 */
export const HARM_SETTINGS = [
  'crime',
  'school',
  'workplace',
  'neighbourhood',
  'family',
  'other_conflict',
] as const;
export type HarmSetting = (typeof HARM_SETTINGS)[number];

/** Blank (not said) is a crime, as every referral was before other harm was recorded. */
export function isCrime(setting: string | null | undefined): boolean {
  return !setting || setting.trim().toLowerCase() === 'crime';
}

/** The stages at which the crime was reported to the police. */
export function reportedToPolice(stage: string): boolean {
  return stage !== 'not_reported';
}

export type ConsistencyRule =
  | 'reportedOnButNotReported'
  | 'crimeReferenceButNotReported'
  | 'referralOrderForAdult'
  | 'resolutionOutsideOutOfCourt'
  | 'offenceGroupRequired'
  | 'stageButNotACrime';

export interface ConsistencyProblem {
  field:
    'reported_on' | 'crime_reference' | 'cjs_stage' | 'out_of_court_resolution' | 'offence_group';
  rule: ConsistencyRule;
}

/**
 * What the harm was, against the offence group and the stage: a crime needs its offence group;
 * harm that is not a crime was not reported to the police as one. The referral form asks this
 * on the page where these are answered, and consistencyProblems asks it of every referral. A
 * stage not yet known is not checked.
 */
export function whatHappenedProblems(referral: {
  harmSetting?: string | null;
  offenceGroup?: string | null;
  cjsStage?: string | null;
}): ConsistencyProblem[] {
  if (isCrime(referral.harmSetting))
    return referral.offenceGroup ? [] : [{ field: 'offence_group', rule: 'offenceGroupRequired' }];
  return referral.cjsStage && reportedToPolice(referral.cjsStage)
    ? [{ field: 'cjs_stage', rule: 'stageButNotACrime' }]
    : [];
}

/**
 * The CJS stage, reporting date, crime reference and the offender's age checked against each
 * other: a crime "not reported to the police" has no reporting date and no crime reference, and
 * a referral order is made only for someone under 18 at the offence. A crime needs its offence
 * group; harm that is not a crime was not reported as one. Every door (form, API, CSV) asks
 * this through the one referral schema.
 */
export function consistencyProblems(referral: {
  harmSetting?: string | null;
  offenceGroup?: string | null;
  cjsStage: string;
  reportedOn?: string | null;
  crimeReference?: string | null;
  offenceDate?: string | null;
  receivedOn: string;
  offenderDateOfBirth?: string | null;
  outOfCourtResolution?: string | null;
}): ConsistencyProblem[] {
  const problems: ConsistencyProblem[] = whatHappenedProblems(referral);
  if (referral.outOfCourtResolution && referral.cjsStage !== 'out_of_court')
    problems.push({ field: 'out_of_court_resolution', rule: 'resolutionOutsideOutOfCourt' });
  if (!reportedToPolice(referral.cjsStage)) {
    if (referral.reportedOn)
      problems.push({ field: 'reported_on', rule: 'reportedOnButNotReported' });
    if (referral.crimeReference)
      problems.push({ field: 'crime_reference', rule: 'crimeReferenceButNotReported' });
  }
  if (referral.cjsStage === 'referral_order' && referral.offenderDateOfBirth) {
    const on = offenceDay({
      offenceDate: referral.offenceDate ?? null,
      reportedOn: referral.reportedOn ?? null,
      receivedOn: referral.receivedOn,
    });
    if (under18On(referral.offenderDateOfBirth, on) === false)
      problems.push({ field: 'cjs_stage', rule: 'referralOrderForAdult' });
  }
  return problems;
}

export const INITIATORS = ['victim', 'offender', 'agency'] as const;
export type Initiator = (typeof INITIATORS)[number];

/** Who sent it: an organisation (by slug), the person themselves, or a member of the public. */
export const SELF_SOURCES = ['self', 'public'] as const;
export type Source = { kind: 'organisation'; slug: string } | { kind: 'self' } | { kind: 'public' };

export const DECLINE_REASONS = [
  'out_of_area',
  'not_suitable',
  'duplicate',
  'no_consent',
  'other',
] as const;
export type DeclineReason = (typeof DECLINE_REASONS)[number];

export const CONTACT_METHODS = ['phone', 'text', 'email', 'letter', 'in_person'] as const;

export const REFERRAL_STATUSES = [
  'received',
  'information_requested',
  'accepted',
  'declined',
] as const;
export type ReferralStatus = (typeof REFERRAL_STATUSES)[number];

/**
 * What makes two referrals the same for imports: the same source, crime reference and party
 * surnames, compared without case, spacing or punctuation.
 */
export function duplicateKey(input: {
  source: Source;
  crimeReference?: string | null;
  surnames: (string | null | undefined)[];
}): string {
  const normalise = (value: string | null | undefined) =>
    (value ?? '')
      .normalize('NFKD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9]/g, '');
  const source =
    input.source.kind === 'organisation' ? `org:${input.source.slug}` : input.source.kind;
  const surnames = input.surnames.map(normalise).filter(Boolean).sort().join('+');
  return `${source}|${normalise(input.crimeReference)}|${surnames}`;
}

// Crockford's base-32 alphabet: no I, L, O or U, so a reference read over the phone is not
// mistaken for another.
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';

/** A reference such as "RF-7K3F-9QX2": random, so it reveals nothing about volumes. */
export function newReference(prefix: 'RF' | 'CS'): string {
  const pick = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join('');
  return `${prefix}-${pick()}-${pick()}`;
}

/**
 * Whether a service's policy lets it accept this referral. Each service decides whether it
 * accepts offender-initiated referrals in sexual violence or domestic abuse cases. (Every such
 * case, however initiated, then needs a trained practitioner's sign-off at assessment.)
 */
export function svDaPolicyAllows(
  referral: { initiatedBy: Initiator; svDa: boolean },
  policy: 'refuse' | 'specialist_assessment',
): boolean {
  return !(referral.svDa && referral.initiatedBy === 'offender' && policy === 'refuse');
}
