// The forms of the case itself: moving it between stages, allocating it, adding a note.
import { z } from 'zod';
import { CASE_ACTIONS, CLOSURE_OUTCOMES } from '../../domain/case-lifecycle.js';
import { isUuid } from '../../domain/ids.js';
import { optionalText } from '../../platform/forms.js';

export const transitionSchema = z.object({
  action: z.enum(CASE_ACTIONS, { error: 'cases.errors.action' }),
  outcome: z.preprocess(
    (v) => (v === '' ? undefined : v),
    z.enum(CLOSURE_OUTCOMES, { error: 'cases.errors.outcome' }).optional(),
  ),
  reason: optionalText(2000),
});

export const allocationSchema = z.object({
  lead: z
    .string({ error: 'cases.errors.leadRequired' })
    .refine(isUuid, { error: 'cases.errors.leadRequired' }),
  others: z.preprocess(
    (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
    z.array(z.string().refine(isUuid)),
  ),
});

export const noteSchema = z.object({
  body: z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z
      .string()
      .min(1, { error: 'cases.errors.noteRequired' })
      .max(10_000, { error: 'validation.tooLong' }),
  ),
});
