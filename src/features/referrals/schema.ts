// The one definition of a referral's fields, shared by the three doors: the web form, the JSON
// API and the CSV import. Field names are the CSV column names; messages are translation keys.
import { z } from 'zod';
import { isIsoDate } from '../../domain/calendar-dates.js';
import {
  CJS_STAGES,
  CONTACT_METHODS,
  HARM_SETTINGS,
  INITIATORS,
  OUT_OF_COURT_RESOLUTIONS,
  type Source,
} from '../../domain/referrals.js';

const blankToUndefined = (value: unknown) => {
  if (value === null || value === undefined) return undefined;
  if (typeof value === 'string') return value.trim() === '' ? undefined : value.trim();
  return value;
};

const text = (max: number) =>
  z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'referrals.errors.text' })
      .max(max, { error: 'validation.tooLong' })
      .optional(),
  );

const isoDate = (key = 'referrals.errors.date') =>
  z.preprocess(
    blankToUndefined,
    z.string({ error: key }).refine(isIsoDate, { error: key }).optional(),
  );

/** yes/no (any case), true/false, or blank for "not said". */
const yesNo = z.preprocess(
  (value) => {
    const v = blankToUndefined(value);
    if (typeof v === 'boolean' || v === undefined) return v;
    if (typeof v === 'string' && /^(yes|y|true)$/i.test(v)) return true;
    if (typeof v === 'string' && /^(no|n|false)$/i.test(v)) return false;
    return v;
  },
  z.boolean({ error: 'referrals.errors.yesNo' }).optional(),
);

const choice = <T extends readonly [string, ...string[]]>(values: T, key: string) =>
  z.preprocess(
    (v) => {
      const value = blankToUndefined(v);
      return typeof value === 'string' ? value.toLowerCase() : value;
    },
    z.enum(values, { error: key }),
  );

const optionalChoice = <T extends readonly [string, ...string[]]>(values: T, key: string) =>
  z.preprocess(
    (v) => {
      const value = blankToUndefined(v);
      return typeof value === 'string' ? value.toLowerCase() : value;
    },
    z.enum(values, { error: key }).optional(),
  );

const phone = z.preprocess(
  blankToUndefined,
  z
    .string({ error: 'referrals.errors.phone' })
    .max(30, { error: 'referrals.errors.phone' })
    .regex(/^\+?[0-9 ()-]{7,}$/, { error: 'referrals.errors.phone' })
    .refine((v) => v.replace(/\D/g, '').length >= 7 && v.replace(/\D/g, '').length <= 15, {
      error: 'referrals.errors.phone',
    })
    .optional(),
);

const email = z.preprocess(
  blankToUndefined,
  z
    .string({ error: 'referrals.errors.email' })
    .max(254, { error: 'referrals.errors.email' })
    .pipe(z.email({ error: 'referrals.errors.email' }))
    .optional(),
);

const POSTCODE =
  /^(GIR ?0AA|[A-PR-UWYZ][A-HK-Y]?[0-9][0-9A-HJKMNPR-Y]? ?[0-9][ABD-HJLNP-UW-Z]{2})$/i;
const postcode = z.preprocess(
  (v) => {
    const value = blankToUndefined(v);
    return typeof value === 'string' ? value.toUpperCase().replace(/\s+/g, ' ') : value;
  },
  z
    .string({ error: 'referrals.errors.postcode' })
    .regex(POSTCODE, { error: 'referrals.errors.postcode' })
    .optional(),
);

/** The fields each party has; prefixed victim_ or offender_ to make the CSV columns. */
const partyFieldSchemas = {
  forename: text(100),
  surname: text(100),
  dob: isoDate(),
  phone,
  email,
  postcode,
  safe_phone: phone,
  may_leave_message: yesNo,
  preferred_contact: optionalChoice(CONTACT_METHODS, 'referrals.errors.preferredContact'),
  preferred_times: text(200),
  do_not_contact_via: text(200),
};

type Prefixed<P extends string, T> = { [K in keyof T & string as `${P}_${K}`]: T[K] };

function prefixed<P extends string, T extends Record<string, z.ZodType>>(
  prefix: P,
  fields: T,
): Prefixed<P, T> {
  return Object.fromEntries(
    Object.entries(fields).map(([name, schema]) => [`${prefix}_${name}`, schema]),
  ) as Prefixed<P, T>;
}

export const referralFields = z.object({
  source_org: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim().toLowerCase() : v),
    z
      .string({ error: 'referrals.errors.sourceRequired' })
      .min(1, { error: 'referrals.errors.sourceRequired' })
      .max(60, { error: 'referrals.errors.sourceUnknown' }),
  ),
  initiated_by: choice(INITIATORS, 'referrals.errors.initiatedBy'),
  received_on: z.preprocess(
    blankToUndefined,
    z
      .string({ error: 'referrals.errors.receivedOnRequired' })
      .refine(isIsoDate, { error: 'referrals.errors.date' }),
  ),
  reported_on: isoDate(),
  crime_reference: text(60),
  // Blank is a crime, as every referral was before restorative work on other harm was recorded.
  harm_setting: optionalChoice(HARM_SETTINGS, 'referrals.errors.harmSetting'),
  // Required for a crime (consistencyProblems in src/domain/referrals.ts), not otherwise.
  offence_group: z.preprocess(
    (v) =>
      typeof blankToUndefined(v) === 'string'
        ? (v as string).trim().toLowerCase()
        : blankToUndefined(v),
    z
      .string({ error: 'referrals.errors.offenceGroupUnknown' })
      .max(60, { error: 'referrals.errors.offenceGroupUnknown' })
      .optional(),
  ),
  offence_date: isoDate(),
  cjs_stage: choice(CJS_STAGES, 'referrals.errors.cjsStage'),
  out_of_court_resolution: optionalChoice(
    OUT_OF_COURT_RESOLUTIONS,
    'referrals.errors.outOfCourtResolution',
  ),
  sv_da: yesNo,
  // The domestic abuse marker, and hate crime (each also makes the victim's rights enhanced).
  domestic_abuse: yesNo,
  hate_crime: yesNo,
  enhanced_rights: yesNo,
  victim_consent: yesNo,
  notes: text(4000),
  ...prefixed('victim', partyFieldSchemas),
  offender_establishment: text(200),
  ...prefixed('offender', partyFieldSchemas),
});

export type ReferralFields = z.output<typeof referralFields>;

/** Every field name, in the order the CSV and the API document list them. */
export const REFERRAL_FIELD_NAMES = Object.keys(referralFields.shape) as (keyof ReferralFields)[];

/** The fields holding calendar dates (YYYY-MM-DD; the CSV import also reads DD/MM/YYYY). */
export const DATE_FIELDS = [
  'received_on',
  'reported_on',
  'offence_date',
  'victim_dob',
  'offender_dob',
] as const;

/**
 * The columns a CSV must have, and the fields the API must be sent. The offence group is needed
 * for a crime only (the rule is in src/domain/referrals.ts), so a file of work on harm that is
 * not a crime may leave its column out.
 */
export const REQUIRED_FIELDS = ['source_org', 'initiated_by', 'received_on', 'cjs_stage'] as const;

export interface PartyInput {
  forename?: string;
  surname?: string;
  dateOfBirth?: string;
  phone?: string;
  email?: string;
  postcode?: string;
  establishment?: string;
  safePhone?: string;
  mayLeaveMessage?: boolean;
  preferredContact?: string;
  preferredTimes?: string;
  doNotContactVia?: string;
}

/** A referral's content, whichever door it came through. */
export interface ReferralInput {
  source: Source;
  initiatedBy: (typeof INITIATORS)[number];
  receivedOn: string;
  reportedOn?: string;
  crimeReference?: string;
  harmSetting: (typeof HARM_SETTINGS)[number];
  offenceGroup?: string;
  offenceDate?: string;
  cjsStage: (typeof CJS_STAGES)[number];
  outOfCourtResolution?: (typeof OUT_OF_COURT_RESOLUTIONS)[number];
  svDa: boolean;
  domesticAbuse: boolean;
  hateCrime: boolean;
  enhancedRights: boolean;
  victimConsented?: boolean;
  notes?: string;
  victim?: PartyInput;
  offender?: PartyInput;
}

function party(fields: ReferralFields, prefix: 'victim' | 'offender'): PartyInput | undefined {
  const get = (name: string) => (fields as Record<string, unknown>)[`${prefix}_${name}`] as never;
  const result: PartyInput = {
    forename: get('forename'),
    surname: get('surname'),
    dateOfBirth: get('dob'),
    phone: get('phone'),
    email: get('email'),
    postcode: get('postcode'),
    establishment: prefix === 'offender' ? get('establishment') : undefined,
    safePhone: get('safe_phone'),
    mayLeaveMessage: get('may_leave_message'),
    preferredContact: get('preferred_contact'),
    preferredTimes: get('preferred_times'),
    doNotContactVia: get('do_not_contact_via'),
  };
  return Object.values(result).some((value) => value !== undefined) ? result : undefined;
}

/** The checked fields as a referral's content. */
export function toReferralInput(fields: ReferralFields): ReferralInput {
  const slug = fields.source_org;
  const source: Source =
    slug === 'self'
      ? { kind: 'self' }
      : slug === 'public'
        ? { kind: 'public' }
        : { kind: 'organisation', slug };
  return {
    source,
    initiatedBy: fields.initiated_by,
    receivedOn: fields.received_on,
    reportedOn: fields.reported_on,
    crimeReference: fields.crime_reference,
    harmSetting: fields.harm_setting ?? 'crime',
    offenceGroup: fields.offence_group,
    offenceDate: fields.offence_date,
    cjsStage: fields.cjs_stage,
    outOfCourtResolution: fields.out_of_court_resolution,
    svDa: fields.sv_da ?? false,
    domesticAbuse: fields.domestic_abuse ?? false,
    hateCrime: fields.hate_crime ?? false,
    enhancedRights: fields.enhanced_rights ?? false,
    victimConsented: fields.victim_consent,
    notes: fields.notes,
    victim: party(fields, 'victim'),
    offender: party(fields, 'offender'),
  };
}
