// Parsing and presenting question pages. Each page defines its fields once, as a Zod schema
// whose messages are translation keys; parseForm() turns a submitted body into data or field
// errors, and presentForm() turns those into what the GOV.UK error summary and inputs need.
import { z } from 'zod';
import { isAppError, validationFailed, type FieldError } from './errors.js';
import type { Translate } from './i18n/index.js';
import { dateParts } from './date-input.js';

export type FormValues = Record<string, unknown>;
export type FormResult<T> =
  { ok: true; data: T } | { ok: false; errors: FieldError[]; values: FormValues };

const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

/**
 * A number as a person writes it: digits, a sign, a decimal point. JavaScript's Number() also
 * reads "0x1A" (26), "1e3", "Infinity" and an empty or blank string (0); none of those is a
 * number anyone means in a form, so they come back as NaN and the schema's error is shown.
 */
export function plainNumber(value: unknown): unknown {
  if (typeof value !== 'string') return value;
  const text = value.trim();
  return /^[+-]?\d+(\.\d+)?$/.test(text) ? Number(text) : Number.NaN;
}

/** A number field: plainNumber, then the schema's checks (z.coerce.number() would take "0x1A"). */
export function numberField<S extends z.ZodType>(schema: S) {
  return z.preprocess(plainNumber, schema);
}

/** A text field that must be filled in. */
export function requiredText(requiredKey: string, max = 500) {
  return z.preprocess(
    trimmed,
    z.string().min(1, requiredKey).max(max, { error: 'validation.tooLong' }),
  );
}

/** A text field that may be left empty; empty becomes undefined. */
export function optionalText(max = 500) {
  return z.preprocess(
    (value) => trimmed(value) || undefined,
    z.string().max(max, { error: 'validation.tooLong' }).optional(),
  );
}

/** One of a fixed set of values (radios, selects). */
export function choice<const T extends readonly [string, ...string[]]>(
  values: T,
  requiredKey: string,
) {
  return z.preprocess(trimmed, z.enum(values, { error: requiredKey }));
}

export function emailAddress(requiredKey: string, invalidKey: string) {
  return z.preprocess(
    (value) => trimmed(value).toLowerCase(),
    z
      .string()
      .min(1, requiredKey)
      .max(254, { error: invalidKey })
      .pipe(z.email({ error: invalidKey })),
  );
}

/** A password field: never trimmed, since spaces may be part of it. */
export function password(requiredKey: string) {
  return z.preprocess(
    (value) => (typeof value === 'string' ? value : ''),
    z.string().min(1, requiredKey),
  );
}

export function parseForm<S extends z.ZodType>(schema: S, body: unknown): FormResult<z.output<S>> {
  const values = (body && typeof body === 'object' ? body : {}) as FormValues;
  const result = schema.safeParse(values);
  if (result.success) return { ok: true, data: result.data };
  return { ok: false, errors: toFieldErrors(result.error), values };
}

/**
 * Input checked against a schema, for a use case: the data, or a validation error naming each
 * field that is wrong (the route shows them at their fields).
 */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown): z.output<S> {
  const result = schema.safeParse(input ?? {});
  if (!result.success) throw validationFailed(toFieldErrors(result.error));
  return result.data;
}

/** The first problem with each field, in the order the fields were reported. */
export function toFieldErrors(error: z.ZodError): FieldError[] {
  const seen = new Set<string>();
  const errors: FieldError[] = [];
  for (const issue of error.issues) {
    const field = issue.path.map(String).join('.') || 'form';
    if (seen.has(field)) continue;
    seen.add(field);
    const key =
      issue.message.includes('.') && !issue.message.includes(' ')
        ? issue.message
        : 'validation.invalid';
    errors.push({ field, key });
  }
  return errors;
}

export interface PresentedForm {
  values: FormValues;
  /** Day, month and year for each date input named in presentForm's dateFields. */
  dates?: Record<string, { day: string; month: string; year: string }>;
  /** For govukErrorSummary's errorList. */
  errorList: { text: string; href: string }[];
  /** For each component's errorMessage. */
  errors: Record<string, { text: string }>;
}

export function presentForm(
  t: Translate,
  values: FormValues = {},
  fieldErrors: FieldError[] = [],
  dateFields: string[] = [],
): PresentedForm {
  const errors: Record<string, { text: string }> = {};
  const errorList = fieldErrors.map((error) => {
    const text = t(error.key, error.params);
    errors[error.field] = { text };
    const suffix = dateFields.includes(error.field) ? '-day' : '';
    return { text, href: `#${error.field.replace(/\./g, '-')}${suffix}` };
  });
  const dates = Object.fromEntries(dateFields.map((name) => [name, dateParts(values, name)]));
  return { values, errorList, errors, dates };
}

/**
 * The mistakes in what was typed, each at its field, for a page that answers 400 and shows the
 * form again. Anything else (a refusal among them) is thrown on, for the error pages.
 */
export function mistakesOf(error: unknown): FieldError[] {
  if (!isAppError(error) || error.kind !== 'validation') throw error;
  return error.fieldErrors;
}

/**
 * A refused change as what its page shows: the field errors (a refusal that names no field is
 * shown against `field`, the id the error summary links to) and the status, 409 for a conflict
 * and 400 for a mistake. With `refusalFirst`, a refusal says what was refused and then each of
 * its reasons. Anything else is not the user's to fix, and is thrown on.
 */
export function problemsOf(
  error: unknown,
  options: string | { field?: string; refusalFirst?: boolean } = {},
): { errors: FieldError[]; status: number } {
  if (!isAppError(error) || (error.kind !== 'conflict' && error.kind !== 'validation')) throw error;
  const { field = 'form', refusalFirst = false } =
    typeof options === 'string' ? { field: options } : options;
  const main: FieldError = { field, key: error.messageKey, params: error.params };
  const conflict = error.kind === 'conflict';
  return {
    errors:
      refusalFirst && conflict
        ? [main, ...error.fieldErrors]
        : error.fieldErrors.length
          ? error.fieldErrors
          : [main],
    status: conflict ? 409 : 400,
  };
}
