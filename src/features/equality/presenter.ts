// The equality questions as GOV.UK radios: each question's answers (ethnic groups under their
// five headings), then "prefer not to say", and for staff "not asked".
import {
  EQUALITY_FIELDS,
  EQUALITY_QUESTIONS,
  ETHNIC_GROUPS,
  NOT_ASKED,
  PREFER_NOT_TO_SAY,
  type EqualityField,
} from '../../domain/equality.js';
import type { Translate } from '../../platform/i18n/index.js';

type Item = { value: string; text: string; checked: boolean } | { divider: string };

function answerItems(
  field: EqualityField,
  t: Translate,
  chosen: string | undefined,
  staff: boolean,
): Item[] {
  // Asked of the person themselves, a few answers read differently ("you", not "they").
  const text = (value: string) => {
    const own = t(`equality.publicAnswers.${field}.${value}`);
    return !staff && !own.startsWith('equality.') ? own : t(`equality.answers.${field}.${value}`);
  };
  const item = (value: string): Item => ({ value, text: text(value), checked: chosen === value });
  if (field !== 'ethnicity') return EQUALITY_QUESTIONS[field].map(item);
  return Object.entries(ETHNIC_GROUPS).flatMap(([group, answers]) => [
    { divider: t(`equality.answers.ethnicity.${group}`) },
    ...answers.map(item),
  ]);
}

/** One radios group per question; `chosen` holds what is saved or was just typed. */
export function equalityQuestions(
  t: Translate,
  chosen: Record<string, string | null | undefined>,
  options: { staff: boolean; errors?: Record<string, { text: string }> },
) {
  return EQUALITY_FIELDS.map((field) => {
    const value = chosen[field] ?? (options.staff ? NOT_ASKED : undefined);
    return {
      field,
      name: `eq_${field}`,
      legend: t(`equality.questions.${field}`),
      hint: t(`equality.hints.${field}`),
      errorMessage: options.errors?.[`eq_${field}`],
      items: [
        ...answerItems(field, t, value ?? undefined, options.staff),
        { divider: t('equality.or') },
        {
          value: PREFER_NOT_TO_SAY,
          text: t(`equality.answers.${field}.${PREFER_NOT_TO_SAY}`),
          checked: value === PREFER_NOT_TO_SAY,
        },
        ...(options.staff
          ? [{ value: NOT_ASKED, text: t('equality.notAskedOption'), checked: value === NOT_ASKED }]
          : []),
      ],
    };
  });
}

/** The answers as typed: each question's field is named `eq_<question>`. */
export function typedAnswers(body: Record<string, unknown>): Record<string, string> {
  return Object.fromEntries(
    Object.entries(body)
      .filter(([name]) => name.startsWith('eq_'))
      .map(([name, value]) => [name.slice(3), String(value)]),
  );
}
