// The contact log's form: when, how, with whom and what came of it.
import { z } from 'zod';
import { isIsoDate } from '../../../domain/calendar-dates.js';
import { COMMUNICATION_METHODS } from '../../../domain/safe-contact.js';
import { optionalText } from '../../../platform/forms.js';

export const CONTACT_OUTCOMES = [
  'spoke',
  'left_message',
  'no_answer',
  'wrong_number',
  'declined_to_talk',
  'letter_sent',
  'other',
] as const;

export const contactSchema = z.object({
  participant_id: z
    .string({ error: 'cases.contacts.errors.participant' })
    .min(1, { error: 'cases.contacts.errors.participant' }),
  contacted_on: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string()
      .min(1, { error: 'cases.contacts.errors.dateRequired' })
      .refine(isIsoDate, { error: 'referrals.errors.date' }),
  ),
  contacted_time: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() || undefined : v),
    z
      .string()
      .regex(/^([01]?\d|2[0-3])[:.]([0-5]\d)$/, { error: 'cases.contacts.errors.time' })
      .optional(),
  ),
  method: z.enum(COMMUNICATION_METHODS, { error: 'cases.contacts.errors.method' }),
  outcome: z.enum(CONTACT_OUTCOMES, { error: 'cases.contacts.errors.outcome' }),
  notes: optionalText(4000),
  // RJ was explained in this contact: the service's Victims' Code duty (3.5) for the person.
  rj_explained: z.preprocess((v) => v === 'yes' || v === true, z.boolean()),
  /** Why it was safe to go against the person's safe-contact instructions, when it does. */
  safe_contact_reason: optionalText(1000),
});
