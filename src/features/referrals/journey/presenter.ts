// Turns a step's field definitions, the draft's answers and any errors into what the GOV.UK
// macros need. Templates hold no logic beyond choosing the macro for each kind of field.
import { whatHappenedProblems } from '../../../domain/referrals.js';
import type { z } from 'zod';
import type { FieldError } from '../../../platform/errors.js';
import { formatDate } from '../../../platform/format.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { referralFields } from '../schema.js';
import type { DraftData } from './drafts.js';
import type { FieldName, JourneyField, Step } from './steps.js';

export interface Option {
  value: string;
  text: string;
}

/** Select lists that come from the database, by field name. */
export type DynamicOptions = Partial<Record<FieldName, Option[]>>;

const label = (t: Translate, name: string) => t(`referrals.fields.${name}.label`);
const hint = (t: Translate, name: string) => {
  const text = t(`referrals.fields.${name}.hint`);
  return text.endsWith('.hint') ? undefined : text;
};

export function choicesOf(field: JourneyField, t: Translate, dynamic: DynamicOptions): Option[] {
  if (field.kind === 'yesNo') {
    return [
      { value: 'yes', text: t('common.yes') },
      { value: 'no', text: t('common.no') },
    ];
  }
  if (field.choices) {
    return field.choices.values.map((value) => ({
      value,
      text: t(`referrals.options.${field.choices!.list}.${value}`),
    }));
  }
  return dynamic[field.name] ?? [];
}

/** A date's parts, for the GOV.UK date input, from an ISO date or the parts typed. */
function dateParts(value: string | undefined) {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(value ?? '');
  return match
    ? { day: String(Number(match[3])), month: String(Number(match[2])), year: match[1] }
    : { day: '', month: '', year: '' };
}

export function presentStep(options: {
  step: Step;
  values: Record<string, unknown>;
  errors: FieldError[];
  t: Translate;
  dynamic: DynamicOptions;
}) {
  const { step, values, errors, t, dynamic } = options;
  const errorFor = (name: string) => errors.find((e) => e.field === name);
  const fields = step.fields.map((field) => {
    const error = errorFor(field.name);
    const raw = values[field.name];
    const dateInput =
      field.kind === 'date' && typeof raw === 'object' && raw !== null
        ? (raw as Record<string, string>)
        : undefined;
    return {
      ...field,
      label: label(t, field.name) + (field.optional ? ` ${t('common.optional')}` : ''),
      hint: hint(t, field.name),
      value: typeof raw === 'string' ? raw : '',
      date: dateInput ?? dateParts(typeof raw === 'string' ? raw : undefined),
      items: choicesOf(field, t, dynamic).map((option) => ({
        ...option,
        checked: option.value === raw,
        selected: option.value === raw,
      })),
      errorMessage: error ? { text: t(error.key, error.params) } : undefined,
    };
  });
  return {
    fields,
    errorList: errors.map((error) => {
      const field = step.fields.find((f) => f.name === error.field);
      return {
        text: t(error.key, error.params),
        href: `#${error.field}${field?.kind === 'date' ? '-day' : ''}`,
      };
    }),
  };
}

/** The answers a step's form sent, as the strings a draft keeps (dates as YYYY-MM-DD). */
export function readStep(
  step: Step,
  body: Record<string, unknown>,
): { answers: DraftData; typed: Record<string, unknown> } {
  const answers: DraftData = {};
  const typed: Record<string, unknown> = {};
  for (const field of step.fields) {
    if (field.kind === 'date') {
      const part = (p: string) => String(body[`${field.name}-${p}`] ?? '').trim();
      const [day, month, year] = [part('day'), part('month'), part('year')];
      typed[field.name] = { day, month, year };
      answers[field.name] =
        day || month || year
          ? `${year.padStart(4, '0')}-${month.padStart(2, '0')}-${day.padStart(2, '0')}`
          : '';
    } else {
      const value = body[field.name];
      answers[field.name] = typeof value === 'string' ? value.trim() : '';
      typed[field.name] = answers[field.name];
    }
  }
  return { answers, typed };
}

/**
 * Checks a step's answers with the referral's own field rules, and returns them tidied as the
 * referral will keep them (a postcode in capitals, say), so the answers page shows that.
 */
export function checkStep(
  step: Step,
  answers: DraftData,
  dynamic: DynamicOptions,
): { errors: FieldError[]; tidied: DraftData } {
  const names = step.fields
    .map((f) => f.name)
    .filter((name) => name !== 'service') as (keyof typeof referralFields.shape)[];
  const schema = referralFields.pick(
    Object.fromEntries(names.map((n) => [n, true])) as Record<
      keyof typeof referralFields.shape,
      true
    >,
  );
  const errors: FieldError[] = [];
  const result = schema.safeParse(answers);
  const tidied: DraftData = { ...answers };
  if (result.success) {
    for (const [name, value] of Object.entries(result.data as Record<string, unknown>)) {
      if (typeof value === 'string') tidied[name] = value;
    }
  } else {
    for (const issue of (result.error as z.ZodError).issues) {
      const field = String(issue.path[0]);
      if (!errors.some((e) => e.field === field)) {
        errors.push({
          field,
          key: issue.message.includes('.') ? issue.message : 'validation.invalid',
        });
      }
    }
  }
  for (const field of step.fields) {
    if (
      field.kind === 'select' &&
      answers[field.name] &&
      dynamic[field.name] &&
      !dynamic[field.name]!.some((o) => o.value === answers[field.name])
    ) {
      if (!errors.some((e) => e.field === field.name))
        errors.push({ field: field.name, key: `referrals.errors.${field.name}Unknown` });
    }
    if (field.name === 'service' && !answers.service)
      errors.push({ field: 'service', key: 'referrals.errors.serviceRequired' });
  }
  if (names.includes('harm_setting') && names.includes('offence_group'))
    for (const problem of whatHappenedProblems({
      harmSetting: answers.harm_setting,
      offenceGroup: answers.offence_group,
      cjsStage: answers.cjs_stage,
    }))
      if (!errors.some((e) => e.field === problem.field))
        errors.push({ field: problem.field, key: `referrals.errors.${problem.rule}` });
  const order = step.fields.map((f) => f.name as string);
  return { errors: errors.sort((a, b) => order.indexOf(a.field) - order.indexOf(b.field)), tidied };
}

/** One answer as the check-your-answers page shows it. */
export function displayAnswer(
  field: JourneyField,
  value: string | undefined,
  t: Translate,
  dynamic: DynamicOptions,
): string {
  if (!value) return t('referrals.check.notGiven');
  if (field.kind === 'date') return formatDate(value) || value;
  if (field.kind === 'yesNo' || field.choices || field.kind === 'select') {
    return choicesOf(field, t, dynamic).find((o) => o.value === value)?.text ?? value;
  }
  return value;
}
