// The feedback forms' fields, each defined once as a Zod schema whose messages are translation
// keys: the web pages, the service and the tests all read these.
import { z } from 'zod';
import { requiredDate } from '../../../platform/field-schemas.js';
import { numberField, requiredText } from '../../../platform/forms.js';
import { ITEM_TYPES, MAX_ITEM_TEXT } from './questionnaire.js';

const trimmed = (v: unknown) => (typeof v === 'string' ? v.trim() : v);
const blankAsUndefined = (v: unknown) => (typeof v === 'string' ? v.trim() || undefined : v);

const date = (requiredKey: string) => requiredDate(requiredKey, 'feedback.errors.date');

export const onlineContactSchema = z
  .object({
    agreed: z.preprocess(
      (v) => (v === 'yes' ? true : v === 'no' ? false : undefined),
      z.boolean({ error: 'feedback.errors.agreed' }),
    ),
    email: z.preprocess(
      (v) => (typeof v === 'string' ? v.trim().toLowerCase() || undefined : v),
      z
        .email({ error: 'feedback.errors.email' })
        .max(254, { error: 'feedback.errors.email' })
        .optional(),
    ),
  })
  // Nothing is kept about how to reach someone who did not agree to be reached this way.
  .transform((value) => (value.agreed ? value : { agreed: false, email: undefined }));

export const DELIVERIES = ['email', 'handed_over'] as const;

export const linkSchema = z.object({
  delivery: z.enum(DELIVERIES, { error: 'feedback.errors.delivery' }),
});

export const CONSENT_SCOPES = ['internal', 'commissioner', 'public'] as const;
export type ConsentScope = (typeof CONSENT_SCOPES)[number];

export const testimonialSchema = z.object({
  participant_id: z.preprocess(
    trimmed,
    z.uuid({ error: 'feedback.testimonials.errors.participant' }),
  ),
  quote: requiredText('feedback.testimonials.errors.quote', 2000),
  consent_scope: z.enum(CONSENT_SCOPES, { error: 'feedback.testimonials.errors.scope' }),
  consent_on: date('feedback.testimonials.errors.consentOn'),
});

export const anonymisedSchema = z.object({
  anonymised: requiredText('feedback.testimonials.errors.anonymised', 2000),
  approve: z.preprocess((v) => v === 'yes', z.boolean()),
});

/** The questionnaire editor: per question (by position) its wording and whether it is asked. */
export const questionnaireEditSchema = z
  .object({
    base_version: numberField(z.number().int().positive()),
    item_id: z.preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.string()),
    ),
    item_text: z.preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.string().max(MAX_ITEM_TEXT, { error: 'validation.tooLong' })),
    ),
    asked: z.preprocess(
      (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
      z.array(z.string()),
    ),
    new_text: z.preprocess(
      blankAsUndefined,
      z.string().max(MAX_ITEM_TEXT, { error: 'validation.tooLong' }).optional(),
    ),
    new_type: z.preprocess(
      blankAsUndefined,
      z.enum(ITEM_TYPES, { error: 'feedback.editor.errors.newType' }).optional(),
    ),
  })
  .superRefine((value, ctx) => {
    if (value.new_text && !value.new_type)
      ctx.addIssue({
        code: 'custom',
        path: ['new_type'],
        message: 'feedback.editor.errors.newType',
      });
    if (value.new_type && !value.new_text)
      ctx.addIssue({
        code: 'custom',
        path: ['new_text'],
        message: 'feedback.editor.errors.newText',
      });
  });
