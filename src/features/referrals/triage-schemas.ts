// The forms of triage: deciding a referral (accept, decline, ask for more) and its clock dates.
import { z } from 'zod';
import { isIsoDate } from '../../domain/calendar-dates.js';
import { DECLINE_REASONS } from '../../domain/referrals.js';
import { numberField, requiredText } from '../../platform/forms.js';

const version = numberField(z.number({ error: 'validation.invalid' }).int().min(1));

export const declineSchema = z.object({
  version,
  reason: z.enum(DECLINE_REASONS, { error: 'referrals.errors.declineReason' }),
  note: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() || undefined : v),
    z.string().max(2000, { error: 'validation.tooLong' }).optional(),
  ),
});

export const requestInformationSchema = z.object({
  version,
  message: requiredText('referrals.errors.messageRequired', 2000),
});

/** For each party, link to a person the service already knows, or create a new one. */
export const acceptSchema = z.object({
  version,
  victimPerson: z.string().optional(),
  offenderPerson: z.string().optional(),
});

export const clockDateSchema = z.object({
  clock: z.enum(['rj_information', 'support_referral'], { error: 'validation.invalid' }),
  date: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string({ error: 'referrals.errors.date' })
      .refine(isIsoDate, { error: 'referrals.errors.date' }),
  ),
});
