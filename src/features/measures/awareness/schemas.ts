// A training or awareness session's form, defined once.
import { z } from 'zod';
import { isIsoDate } from '../../../domain/calendar-dates.js';
import { isUuid } from '../../../domain/ids.js';
import { ORGANISATION_KINDS } from '../../../domain/organisations.js';
import { numberField, optionalText } from '../../../platform/forms.js';

export const SESSION_KINDS = ['training', 'awareness', 'briefing', 'event'] as const;

export const sessionSchema = z
  .object({
    held_on: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : v),
      z
        .string()
        .min(1, { error: 'measures.awareness.errors.date' })
        .refine(isIsoDate, { error: 'referrals.errors.date' }),
    ),
    kind: z.enum(SESSION_KINDS, { error: 'measures.awareness.errors.kind' }),
    audience_org: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() || undefined : v),
      z.string().refine(isUuid, { error: 'measures.awareness.errors.audienceOrg' }).optional(),
    ),
    audience_kind: z.preprocess(
      (v) => (v === '' ? undefined : v),
      z.enum(ORGANISATION_KINDS, { error: 'measures.awareness.errors.audienceKind' }).optional(),
    ),
    audience_description: optionalText(200),
    attendees: numberField(
      z
        .number({ error: 'measures.awareness.errors.attendees' })
        .int({ error: 'measures.awareness.errors.attendees' })
        .min(0, { error: 'measures.awareness.errors.attendees' })
        .max(100_000, { error: 'measures.awareness.errors.attendees' }),
    ),
    topic: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim() : ''),
      z
        .string()
        .min(1, { error: 'measures.awareness.errors.topic' })
        .max(200, { error: 'validation.tooLong' }),
    ),
    hours: numberField(
      z
        .number({ error: 'measures.awareness.errors.hours' })
        .min(0.1, { error: 'measures.awareness.errors.hours' })
        .max(1000, { error: 'measures.awareness.errors.hours' })
        .refine((h) => Math.round(h * 10) === h * 10, { error: 'measures.awareness.errors.hours' }),
    ),
  })
  .superRefine((value, ctx) => {
    if (!value.audience_org && !value.audience_kind && !value.audience_description) {
      ctx.addIssue({
        code: 'custom',
        path: ['audience_org'],
        message: 'measures.awareness.errors.audience',
      });
    }
  });
