// The fields of a declared page (form-page.ts), defined once: how a submitted body is read
// (dates from day/month/year, times, ticked boxes), and how each field is shown again with what
// was typed and its error. The one template, partials/form-fields.njk, only chooses the GOV.UK
// macro; the fields' Zod schemas are built from field-schemas.ts.
import { isoDateParts, readDateInput, type DateParts } from './date-input.js';
import type { FieldError } from './errors.js';
import type { Translate } from './i18n/index.js';

export type FieldKind = 'text' | 'textarea' | 'date' | 'time' | 'money' | 'radios' | 'checkboxes';

export interface Field {
  name: string;
  kind: FieldKind;
  /** Translation key of the label (or the legend, for dates and choices). */
  label: string;
  /** Translation key of the hint. */
  hint?: string;
  optional?: boolean;
  /** A GOV.UK width class for a text box whose answer has a known length (a postcode). */
  width?: string;
}

export interface Choice {
  value: string;
  text: string;
  hint?: string;
  disabled?: boolean;
}

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
      typed[field.name] = { day: part('day'), month: part('month'), year: part('year') };
      input[field.name] = readDateInput(source, field.name);
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

/** A date field's three boxes: as typed, or from the saved date. */
const dateParts = (value: unknown): DateParts =>
  value && typeof value === 'object' ? (value as DateParts) : isoDateParts(value);

/**
 * The field maker for one page family: labels and hints are found under `prefix` (for example
 * `cases.agreement.fields`), as `<name>.label` and `<name>.hint`.
 */
export function fieldsUnder(prefix: string) {
  return (
    name: string,
    kind: FieldKind,
    options: { hint?: boolean; optional?: boolean; words?: string; width?: string } = {},
  ): Field => ({
    name,
    kind,
    label: `${prefix}.${options.words ?? name}.label`,
    hint: options.hint ? `${prefix}.${options.words ?? name}.hint` : undefined,
    optional: options.optional,
    width: options.width,
  });
}

/** A fixed list of values to choose from, each in words under `prefix`. */
export function optionsOf(list: readonly string[], prefix: string, t: Translate): Choice[] {
  return list.map((value) => ({ value, text: t(`${prefix}.${value}`) }));
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
    width: field.width,
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
