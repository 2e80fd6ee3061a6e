// The pages of the referral form, defined once as data: each step's fields, what kind of input
// each is, and who sees the step. One template renders any step (views/journey/step.njk).
import {
  CJS_STAGES,
  HARM_SETTINGS,
  CONTACT_METHODS,
  INITIATORS,
  OUT_OF_COURT_RESOLUTIONS,
} from '../../../domain/referrals.js';
import type { ReferralFields } from '../schema.js';

export type FieldName = keyof ReferralFields | 'service';

export type FieldKind =
  'text' | 'email' | 'tel' | 'date' | 'yesNo' | 'radios' | 'select' | 'textarea' | 'postcode';

export interface JourneyField {
  name: FieldName;
  kind: FieldKind;
  /** Fixed choices (translated from referrals.options.<list>.<value>); select lists come from the database. */
  choices?: { list: string; values: readonly string[] };
  /** Shown as "(optional)" and may be left out on the check-your-answers page. */
  optional?: boolean;
  autocomplete?: string;
  width?: string;
}

export type Audience = 'all' | 'staff' | 'partner';

export interface Step {
  slug: string;
  section: 'referral' | 'victim' | 'offender';
  audience: Audience;
  fields: JourneyField[];
}

const contactFields = (prefix: 'victim' | 'offender'): JourneyField[] => [
  { name: `${prefix}_safe_phone`, kind: 'tel', optional: true, width: 'govuk-input--width-20' },
  { name: `${prefix}_may_leave_message`, kind: 'yesNo', optional: true },
  {
    name: `${prefix}_preferred_contact`,
    kind: 'radios',
    optional: true,
    choices: { list: 'contactMethod', values: CONTACT_METHODS },
  },
  { name: `${prefix}_preferred_times`, kind: 'text', optional: true },
  { name: `${prefix}_do_not_contact_via`, kind: 'text', optional: true },
];

export const STEPS: Step[] = [
  {
    slug: 'service',
    section: 'referral',
    audience: 'partner',
    fields: [{ name: 'service', kind: 'select' }],
  },
  {
    slug: 'source',
    section: 'referral',
    audience: 'staff',
    fields: [
      { name: 'source_org', kind: 'select' },
      { name: 'received_on', kind: 'date' },
    ],
  },
  {
    slug: 'about',
    section: 'referral',
    audience: 'all',
    fields: [
      {
        name: 'initiated_by',
        kind: 'radios',
        choices: { list: 'initiatedBy', values: INITIATORS },
      },
      { name: 'victim_consent', kind: 'yesNo', optional: true },
      { name: 'enhanced_rights', kind: 'yesNo', optional: true },
    ],
  },
  {
    slug: 'offence',
    section: 'referral',
    audience: 'all',
    fields: [
      {
        name: 'harm_setting',
        kind: 'radios',
        optional: true,
        choices: { list: 'harmSetting', values: HARM_SETTINGS },
      },
      { name: 'offence_group', kind: 'select', optional: true },
      { name: 'offence_date', kind: 'date', optional: true },
      { name: 'reported_on', kind: 'date', optional: true },
      { name: 'crime_reference', kind: 'text', optional: true, width: 'govuk-input--width-20' },
      { name: 'cjs_stage', kind: 'radios', choices: { list: 'cjsStage', values: CJS_STAGES } },
      {
        name: 'out_of_court_resolution',
        kind: 'radios',
        optional: true,
        choices: { list: 'outOfCourtResolution', values: OUT_OF_COURT_RESOLUTIONS },
      },
      { name: 'sv_da', kind: 'yesNo', optional: true },
      { name: 'domestic_abuse', kind: 'yesNo', optional: true },
      { name: 'hate_crime', kind: 'yesNo', optional: true },
    ],
  },
  {
    slug: 'victim',
    section: 'victim',
    audience: 'all',
    fields: [
      { name: 'victim_forename', kind: 'text', optional: true, autocomplete: 'off' },
      { name: 'victim_surname', kind: 'text', optional: true, autocomplete: 'off' },
      { name: 'victim_dob', kind: 'date', optional: true },
      { name: 'victim_phone', kind: 'tel', optional: true, width: 'govuk-input--width-20' },
      { name: 'victim_email', kind: 'email', optional: true },
      { name: 'victim_postcode', kind: 'postcode', optional: true, width: 'govuk-input--width-10' },
    ],
  },
  { slug: 'victim-contact', section: 'victim', audience: 'all', fields: contactFields('victim') },
  {
    slug: 'offender',
    section: 'offender',
    audience: 'all',
    fields: [
      { name: 'offender_forename', kind: 'text', optional: true, autocomplete: 'off' },
      { name: 'offender_surname', kind: 'text', optional: true, autocomplete: 'off' },
      { name: 'offender_dob', kind: 'date', optional: true },
      { name: 'offender_establishment', kind: 'text', optional: true },
      { name: 'offender_phone', kind: 'tel', optional: true, width: 'govuk-input--width-20' },
      { name: 'offender_email', kind: 'email', optional: true },
      {
        name: 'offender_postcode',
        kind: 'postcode',
        optional: true,
        width: 'govuk-input--width-10',
      },
    ],
  },
  {
    slug: 'offender-contact',
    section: 'offender',
    audience: 'all',
    fields: contactFields('offender'),
  },
  {
    slug: 'notes',
    section: 'referral',
    audience: 'all',
    fields: [{ name: 'notes', kind: 'textarea', optional: true }],
  },
];

export function stepsFor(audience: 'staff' | 'partner'): Step[] {
  return STEPS.filter((step) => step.audience === 'all' || step.audience === audience);
}

export function stepOfField(field: string, audience: 'staff' | 'partner'): Step | undefined {
  return stepsFor(audience).find((step) => step.fields.some((f) => f.name === field));
}

export function fieldsOf(steps: Step[]): JourneyField[] {
  return steps.flatMap((step) => step.fields);
}
