// A reoffending check's form: when it was made, what it found, and where that came from.
import { z } from 'zod';
import { isIsoDate } from '../../../domain/calendar-dates.js';
import { optionalText } from '../../../platform/forms.js';

export const REOFFENDING_SOURCES = [
  'police_national_computer',
  'police',
  'probation',
  'youth_offending',
  'self_report',
  'other',
] as const;

export const checkSchema = z.object({
  checked_on: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : v),
    z
      .string()
      .min(1, { error: 'measures.reoffending.errors.date' })
      .refine(isIsoDate, { error: 'referrals.errors.date' }),
  ),
  further_offence: z.enum(['yes', 'no', 'unknown'], {
    error: 'measures.reoffending.errors.result',
  }),
  source: z.enum(REOFFENDING_SOURCES, { error: 'measures.reoffending.errors.source' }),
  notes: optionalText(2000),
});
