import { z } from 'zod';
import { EXPLAINED_ITEMS, PARTICIPANT_ROLES } from '../../../domain/case-lifecycle.js';
import { checkPostcode, type PostalAddress } from '../../../domain/postal-address.js';
import { CONTACT_METHODS } from '../../../domain/referrals.js';
import { optionalDateOr, requiredDate } from '../../../platform/field-schemas.js';
import { optionalText } from '../../../platform/forms.js';
import { problemAt } from '../../../platform/problem-at.js';

const yesNo = z.preprocess(
  (v) => (v === 'yes' ? true : v === 'no' ? false : v === '' || v === undefined ? undefined : v),
  z.boolean({ error: 'referrals.errors.yesNo' }).optional(),
);

const phone = z.preprocess(
  (v) => (typeof v === 'string' ? v.trim() || undefined : v),
  z
    .string()
    .regex(/^\+?[0-9 ()-]{7,30}$/, { error: 'referrals.errors.phone' })
    .optional(),
);

const date = (requiredKey: string) => requiredDate(requiredKey, 'referrals.errors.date');
const optionalDate = optionalDateOr('referrals.errors.date');

/** How to reach someone safely: shown wherever a contact is made. */
export const safeContactFields = {
  safe_phone: phone,
  may_leave_message: yesNo,
  preferred_contact: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(CONTACT_METHODS, { error: 'referrals.errors.preferredContact' }).optional(),
  ),
  preferred_times: optionalText(200),
  // A referral takes 200 characters; a person already known may hold two referrals' worth,
  // joined (combinedNotVia), which must still save when their other details change.
  do_not_contact_via: optionalText(410),
  unsafe_to_contact: z.preprocess((v) => v === 'yes' || v === true, z.boolean()),
  interpreter_language: optionalText(100),
  accessibility_needs: optionalText(1000),
};

export const participantSchema = z
  .object({
    display_name: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : ''),
      z
        .string()
        .min(1, { error: 'cases.people.errors.nameRequired' })
        .max(200, { error: 'validation.tooLong' }),
    ),
    is_organisation: z.preprocess((v) => v === 'yes', z.boolean()),
    role: z.enum(PARTICIPANT_ROLES, { error: 'cases.people.errors.role' }),
    connection: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z
        .enum(['partner', 'child', 'parent', 'other'], { error: 'cases.people.errors.connection' })
        .optional(),
    ),
    ...safeContactFields,
  })
  .superRefine((value, ctx) => {
    if (value.role === 'connected' && !value.connection) {
      problemAt(ctx, 'connection', 'cases.people.errors.connection');
    }
    if (value.is_organisation && value.role !== 'harmed') {
      problemAt(ctx, 'is_organisation', 'cases.people.errors.organisationHarmedOnly');
    }
  });

export type ParticipantInput = z.output<typeof participantSchema>;

export const OFFER_METHODS = [
  'phone',
  'letter',
  'email',
  'in_person',
  'video',
  'prison_visit',
] as const;

export const offerSchema = z
  .object({
    offered_on: date('cases.offers.errors.dateRequired'),
    method: z.enum(OFFER_METHODS, { error: 'cases.offers.errors.method' }),
    answer: z.enum(['yes', 'no', 'not_now'], { error: 'cases.offers.errors.answer' }),
    reoffer_on: optionalDate,
    notes: optionalText(2000),
    /** Why it was safe to go against the person's safe-contact instructions, when it does. */
    safe_contact_reason: optionalText(1000),
  })
  .superRefine((value, ctx) => {
    if (value.answer === 'not_now' && value.reoffer_on && value.reoffer_on <= value.offered_on) {
      problemAt(ctx, 'reoffer_on', 'cases.offers.errors.reofferAfterOffer');
    }
  });

export { EXPLAINED_ITEMS };

export const consentSchema = z
  .object({
    given_on: date('cases.consent.errors.dateRequired'),
    how: z.enum(['written', 'verbal_witnessed'], { error: 'cases.consent.errors.how' }),
    witness: optionalText(200),
    explained: z.preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.enum(EXPLAINED_ITEMS, { error: 'validation.invalid' })),
    ),
    notes: optionalText(2000),
  })
  .superRefine((value, ctx) => {
    if (value.how === 'verbal_witnessed' && !value.witness) {
      problemAt(ctx, 'witness', 'cases.consent.errors.witness');
    }
    if (value.explained.length < EXPLAINED_ITEMS.length) {
      problemAt(ctx, 'explained', 'cases.consent.errors.explained');
    }
  });

export const withdrawalSchema = z.object({
  withdrawn_on: date('cases.consent.errors.withdrawnOnRequired'),
  withdrawal_note: optionalText(2000),
});

/**
 * Someone's postal address, for the address block of a letter: optional as a whole (every box
 * left empty removes it), but a letter needs the first line, the town and the postcode.
 */
export const addressSchema = z
  .object({
    address_line_1: optionalText(200),
    address_line_2: optionalText(200),
    address_town: optionalText(100),
    address_postcode: optionalText(20),
  })
  .transform((value, ctx) => {
    const given = Object.values(value).some((part) => part !== undefined);
    if (!given) return null;
    const missing = (path: string, message: string) =>
      ctx.addIssue({ code: 'custom', path: [path], message });
    if (!value.address_line_1) missing('address_line_1', 'cases.address.errors.line1');
    if (!value.address_town) missing('address_town', 'cases.address.errors.town');
    if (!value.address_postcode) {
      missing('address_postcode', 'cases.address.errors.postcodeRequired');
      return z.NEVER;
    }
    const postcode = checkPostcode(value.address_postcode);
    if ('problem' in postcode) {
      missing('address_postcode', `cases.address.errors.postcode.${postcode.problem}`);
      return z.NEVER;
    }
    if (!value.address_line_1 || !value.address_town) return z.NEVER;
    return {
      line1: value.address_line_1,
      line2: value.address_line_2 ?? null,
      town: value.address_town,
      postcode: postcode.postcode,
    } satisfies PostalAddress;
  });
