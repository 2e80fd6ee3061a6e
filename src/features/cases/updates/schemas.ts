// The forms of keeping people informed: an update given, and a person's own interval.
import { z } from 'zod';
import { COMMUNICATION_METHODS } from '../../../domain/safe-contact.js';
import { requiredDate } from '../../../platform/field-schemas.js';
import { choice, optionalText, requiredText } from '../../../platform/forms.js';

export const updateSchema = z.object({
  participant_id: z
    .string({ error: 'cases.updates.errors.participant' })
    .min(1, { error: 'cases.updates.errors.participant' }),
  told_on: requiredDate('cases.updates.errors.dateRequired', 'referrals.errors.date'),
  method: choice(COMMUNICATION_METHODS, 'cases.updates.errors.method'),
  what_told: requiredText('cases.updates.errors.whatTold', 4000),
  safe_contact_reason: optionalText(1000),
});

export const intervalSchema = z.object({
  participant_id: z
    .string({ error: 'cases.updates.errors.participant' })
    .min(1, { error: 'cases.updates.errors.participant' }),
  // Empty: the service's interval.
  interval_days: z.preprocess(
    (v) => (typeof v === 'string' && v.trim() === '' ? undefined : v),
    z.coerce
      .number({ error: 'cases.updates.errors.interval' })
      .int({ error: 'cases.updates.errors.interval' })
      .min(1, { error: 'cases.updates.errors.interval' })
      .max(365, { error: 'cases.updates.errors.interval' })
      .optional(),
  ),
});
