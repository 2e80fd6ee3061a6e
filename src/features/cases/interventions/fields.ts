// The fields of the Interventions and Agreement forms, defined once: how a submitted body is read
// (dates from day/month/year, times, ticked boxes), and how each field is shown again with what
// was typed and its error. The one template, form-fields.njk, only chooses the GOV.UK macro.
import { z } from 'zod';
import { isIsoDate } from '../../../domain/calendar-dates.js';
import { isUuid } from '../../../domain/ids.js';
import type { FieldError } from '../../../platform/errors.js';
import type { Translate } from '../../../platform/i18n/index.js';

export type FieldKind = 'text' | 'textarea' | 'date' | 'time' | 'money' | 'radios' | 'checkboxes';

export interface Field {
  name: string;
  kind: FieldKind;
  /** Translation key of the label (or the legend, for dates and choices). */
  label: string;
  /** Translation key of the hint. */
  hint?: string;
  optional?: boolean;
}

export interface Choice {
  value: string;
  text: string;
  hint?: string;
  disabled?: boolean;
}

type DateParts = { day: string; month: string; year: string };

/**
 * What a form sent, read by its fields: `input` for the service (dates as YYYY-MM-DD, ticked
 * boxes as a list), `typed` to show again as it was typed. The case version travels along.
 */
export function readFields(fields: Field[], body: unknown) {
  const source = (body && typeof body === 'object' ? body : {}) as Record<string, unknown>;
  const input: Record<string, unknown> = {};
  const typed: Record<string, unknown> = {};
  for (const field of fields) {
    if (field.kind === 'date') {
      const part = (p: string) => stringOf(source[`${field.name}-${p}`]);
      const parts: DateParts = { day: part('day'), month: part('month'), year: part('year') };
      typed[field.name] = parts;
      input[field.name] =
        parts.day || parts.month || parts.year
          ? `${parts.year.padStart(4, '0')}-${parts.month.padStart(2, '0')}-${parts.day.padStart(2, '0')}`
          : '';
    } else if (field.kind === 'checkboxes') {
      const raw = source[field.name];
      const list = (Array.isArray(raw) ? raw : raw === undefined ? [] : [raw]).map(stringOf);
      typed[field.name] = list;
      input[field.name] = list;
    } else {
      typed[field.name] = stringOf(source[field.name]);
      input[field.name] = typed[field.name];
    }
  }
  input.version = source.version;
  return { input, typed };
}

const stringOf = (value: unknown) => (typeof value === 'string' ? value.trim() : '');

function dateParts(value: unknown): DateParts {
  if (value && typeof value === 'object') return value as DateParts;
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(typeof value === 'string' ? value : '');
  return match
    ? { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1]! }
    : { day: '', month: '', year: '' };
}

export interface FieldsForm {
  fields: ReturnType<typeof presentField>[];
  /** For the GOV.UK error summary (the layout shows it). */
  errorList: { text: string; href: string }[];
}

function presentField(
  field: Field,
  value: unknown,
  error: FieldError | undefined,
  t: Translate,
  choices: Choice[],
) {
  const chosen = Array.isArray(value) ? value.map(String) : [String(value ?? '')];
  return {
    kind: field.kind,
    name: field.name,
    label: t(field.label) + (field.optional ? ` ${t('common.optional')}` : ''),
    hint: field.hint ? t(field.hint) : field.kind === 'date' ? t('common.dateHint') : undefined,
    value: typeof value === 'string' ? value : '',
    date: dateParts(value),
    items: choices.map((choice) => ({
      value: choice.value,
      text: choice.text,
      hint: choice.hint ? { text: choice.hint } : undefined,
      disabled: choice.disabled,
      checked: chosen.includes(choice.value),
    })),
    errorMessage: error ? { text: t(error.key, error.params) } : undefined,
  };
}

/** The fields with what was typed (or saved), each error beside its field and in the summary. */
export function presentFields(options: {
  fields: Field[];
  values: Record<string, unknown>;
  errors?: FieldError[];
  t: Translate;
  choices?: Record<string, Choice[]>;
}): FieldsForm {
  const { fields, values, t } = options;
  const errors = options.errors ?? [];
  const first = fields[0];
  const href = (name: string) => {
    const field = fields.find((f) => f.name === name) ?? first;
    if (!field) return '#main-content';
    return `#${field.name}${field.kind === 'date' ? '-day' : ''}`;
  };
  return {
    fields: fields.map((field) =>
      presentField(
        field,
        values[field.name],
        errors.find((e) => e.field === field.name),
        t,
        options.choices?.[field.name] ?? [],
      ),
    ),
    errorList: errors.map((error) => ({
      text: t(error.key, error.params),
      href: href(error.field),
    })),
  };
}

// Zod pieces for the services' schemas: messages are translation keys.

const blankToUndefined = (v: unknown) =>
  typeof v === 'string' ? v.trim() || undefined : v === null ? undefined : v;

export function requiredDate(requiredKey: string) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z
      .string()
      .min(1, { error: requiredKey })
      .refine(isIsoDate, { error: 'cases.interventions.forms.errors.date' }),
  );
}

export const optionalDate = z.preprocess(
  blankToUndefined,
  z.string().refine(isIsoDate, { error: 'cases.interventions.forms.errors.date' }).optional(),
);

export function optionalChoice<const T extends readonly [string, ...string[]]>(
  values: T,
  invalidKey: string,
) {
  return z.preprocess(blankToUndefined, z.enum(values, { error: invalidKey }).optional());
}

export function requiredId(requiredKey: string) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z.string().refine(isUuid, { error: requiredKey }),
  );
}

export const optionalId = z.preprocess(
  blankToUndefined,
  z.string().refine(isUuid, { error: 'validation.invalid' }).optional(),
);

export const idList = z.preprocess(
  (v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]),
  z.array(z.string().refine(isUuid, { error: 'validation.invalid' })),
);

/** '14:30', '9.05', '2pm', '2:30pm' as 'HH:MM' (24-hour), or undefined if it is not a time. */
export function parseTime(value: string): string | undefined {
  const match = /^(\d{1,2})(?:[:.](\d{2}))?\s*(am|pm)?$/i.exec(value.trim());
  if (!match) return undefined;
  let hours = Number(match[1]);
  const minutes = Number(match[2] ?? '0');
  const half = match[3]?.toLowerCase();
  if (minutes > 59) return undefined;
  if (half) {
    if (hours < 1 || hours > 12) return undefined;
    hours = (hours % 12) + (half === 'pm' ? 12 : 0);
  } else if (hours > 23 || match[2] === undefined) {
    return undefined;
  }
  return `${String(hours).padStart(2, '0')}:${String(minutes).padStart(2, '0')}`;
}

export const optionalTime = z.preprocess(
  blankToUndefined,
  z
    .string()
    .transform((v, ctx) => {
      const time = parseTime(v);
      if (!time) ctx.addIssue({ code: 'custom', message: 'cases.interventions.forms.errors.time' });
      return time ?? '';
    })
    .optional(),
);

/** An amount in pounds ('£1,250.50', '40') as whole pence, or undefined if it is not one. */
export function parsePounds(value: string): number | undefined {
  const match = /^£?\s*(\d{1,3}(?:,\d{3})+|\d+)(?:\.(\d{1,2}))?$/.exec(value.trim());
  if (!match) return undefined;
  const pounds = Number(match[1]!.replace(/,/g, ''));
  const pence = Number((match[2] ?? '0').padEnd(2, '0'));
  return pounds * 100 + pence;
}

const pence = z.string().transform((v, ctx) => {
  const amount = parsePounds(v);
  if (amount === undefined || amount <= 0 || amount > 100_000_000)
    ctx.addIssue({ code: 'custom', message: 'cases.interventions.forms.errors.money' });
  return amount ?? 0;
});

/** Pounds typed, as pence: more than nothing, at most £1,000,000. */
export function money(requiredKey: string) {
  return z.preprocess(
    (v) => (typeof v === 'string' ? v.trim() : ''),
    z.string().min(1, { error: requiredKey }).pipe(pence),
  );
}

export const optionalMoney = z.preprocess(blankToUndefined, pence.optional());
