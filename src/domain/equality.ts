// Equality and diversity: what a participant may tell a service about themselves, so that a
// commissioner can see who the service reaches and who it does not. Every question is optional.
// "Prefer not to say" is an answer; a question never asked has no answer ("not asked"), and the
// two are counted apart. The questions and answers follow the 2021 Census of England and Wales
// (ONS) where it asked them.

export const PREFER_NOT_TO_SAY = 'prefer_not_to_say';
export const NOT_ASKED = 'not_asked';

export const AGE_BANDS = [
  'under_18',
  '18_24',
  '25_34',
  '35_44',
  '45_54',
  '55_64',
  '65_plus',
] as const;

export const SEXES = ['female', 'male'] as const;

/** "Is the gender you identify with the same as your sex registered at birth?" */
export const GENDER_IDENTITIES = ['same_as_sex_registered', 'different'] as const;

/** ONS 2021 ethnic groups (England and Wales), the 19 answers in their 5 high-level groups. */
export const ETHNIC_GROUPS = {
  asian: ['bangladeshi', 'chinese', 'indian', 'pakistani', 'other_asian'],
  black: ['african', 'caribbean', 'other_black'],
  mixed: ['white_and_asian', 'white_and_black_african', 'white_and_black_caribbean', 'other_mixed'],
  white: ['white_british', 'white_irish', 'gypsy_or_irish_traveller', 'roma', 'other_white'],
  other: ['arab', 'any_other'],
} as const;
export type EthnicGroup = keyof typeof ETHNIC_GROUPS;
export const ETHNICITIES = Object.values(ETHNIC_GROUPS).flat();

/** "Are your day-to-day activities limited because of a health problem or disability…?" */
export const DISABILITIES = ['yes_limited_a_lot', 'yes_limited_a_little', 'no'] as const;

export const RELIGIONS = [
  'no_religion',
  'christian',
  'buddhist',
  'hindu',
  'jewish',
  'muslim',
  'sikh',
  'other_religion',
] as const;

export const SEXUAL_ORIENTATIONS = [
  'straight_or_heterosexual',
  'gay_or_lesbian',
  'bisexual',
  'other_orientation',
] as const;

/** Each question, by the field it is kept in, with its answers (besides "prefer not to say"). */
export const EQUALITY_QUESTIONS = {
  age_band: AGE_BANDS,
  sex: SEXES,
  gender_identity: GENDER_IDENTITIES,
  ethnicity: ETHNICITIES,
  disability: DISABILITIES,
  religion: RELIGIONS,
  sexual_orientation: SEXUAL_ORIENTATIONS,
} as const;
export type EqualityField = keyof typeof EQUALITY_QUESTIONS;
export const EQUALITY_FIELDS = Object.keys(EQUALITY_QUESTIONS) as EqualityField[];

/** The answers a question accepts: its own, and "prefer not to say". */
export function answersTo(field: EqualityField): readonly string[] {
  return [...EQUALITY_QUESTIONS[field], PREFER_NOT_TO_SAY];
}

export function isAnswerTo(field: EqualityField, value: unknown): value is string {
  return typeof value === 'string' && answersTo(field).includes(value);
}

/**
 * The values a report shows for a question: ethnicity by its five groups (single answers would
 * mostly be too small to show), the others as answered; then "prefer not to say", "not asked".
 */
export function reportedValues(field: EqualityField): readonly string[] {
  const own: readonly string[] =
    field === 'ethnicity' ? Object.keys(ETHNIC_GROUPS) : EQUALITY_QUESTIONS[field];
  return [...own, PREFER_NOT_TO_SAY, NOT_ASKED];
}

/** The reported value an answer counts under (an ethnicity under its group). */
export function reportedValueOf(field: EqualityField, answer: string): string {
  if (field !== 'ethnicity') return answer;
  for (const [group, members] of Object.entries(ETHNIC_GROUPS))
    if ((members as readonly string[]).includes(answer)) return group;
  return answer;
}

/** What a form said about each question: an answer, "not asked" (cleared), or nothing. */
export type EqualityAnswers = Partial<Record<EqualityField, string | null>>;

export interface EqualityProblem {
  field: EqualityField;
}

/**
 * Reads the equality questions from a form's fields (`<prefix><field>`). A blank field says
 * nothing (the question is left as it was); NOT_ASKED clears an answer (staff only: a person
 * answering for themselves may leave a question blank or prefer not to say); anything else must
 * be one of the question's answers.
 */
export function readEqualityAnswers(
  input: Record<string, unknown>,
  options: { prefix: string; mayClear: boolean },
): { answers: EqualityAnswers; problems: EqualityProblem[] } {
  const answers: EqualityAnswers = {};
  const problems: EqualityProblem[] = [];
  for (const field of EQUALITY_FIELDS) {
    const raw = input[`${options.prefix}${field}`];
    const value = typeof raw === 'string' ? raw.trim() : raw;
    if (value === undefined || value === '') continue;
    if (value === NOT_ASKED && options.mayClear) answers[field] = null;
    else if (isAnswerTo(field, value)) answers[field] = value;
    else problems.push({ field });
  }
  return { answers, problems };
}
