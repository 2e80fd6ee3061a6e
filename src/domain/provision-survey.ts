// The provision survey: how each police force area delivers restorative justice, one response
// per area per survey year (the 2018 Criminal Justice Alliance survey asked the 43 areas the
// same questions; 34 answered). The questions, the reading of an answer from text (a CSV cell
// or a form field) and the summary of a year's responses live here, so the form, the import
// and the reports agree.
//
// A question is skipped when its answer is blank. A list question answered `none` was
// answered: none of the options apply.

export const RESPONDENTS = ['pcc_office', 'rj_service'] as const;
export const PROVIDERS = [
  'third_sector',
  'pcc_office',
  'victim_service',
  'police',
  'other',
] as const;
export const DELIVERY_MODELS = ['hub', 'victim_service', 'steering_group', 'other'] as const;
/** Every agency any survey year has offered; each year offers its own list (a setting). */
export const AGENCIES = [
  'police',
  'prisons',
  'crc',
  'nps',
  'yot',
  'magistrates_court',
  'crown_court',
  'schools',
  'secure_hospitals',
  'housing',
  'retail_crime',
  'care_homes',
  'health',
  'other',
] as const;
export const SUCCESS_MEASURES = [
  'satisfaction',
  'volume',
  'distance_travelled',
  'testimonials',
  'reoffending',
  'training_awareness',
] as const;
export const CHALLENGES = [
  'low_referrals',
  'information_sharing',
  'partner_resistance',
  'funding',
  'awareness',
  'other',
] as const;
export const QUALITY_MARK = ['awarded', 'working_towards', 'none'] as const;
export const YES_NO = ['yes', 'no'] as const;

/** A list answer of no option at all. */
export const NONE = 'none';
/** What separates the values of a list answer in a CSV cell. */
export const LIST_SEPARATOR = ';';

export const QUESTION_IDS = [
  'respondent',
  'provider',
  'delivery_model',
  'agencies',
  'offender_initiated',
  'sv_da',
  'measures',
  'challenges',
  'expanding',
  'rsqm',
  'rj_spend_gbp',
  'victims_budget_gbp',
  'beyond_rj',
] as const;
export type QuestionId = (typeof QUESTION_IDS)[number];

export type Question =
  | { id: QuestionId; kind: 'single' | 'list'; options: readonly string[] }
  | { id: QuestionId; kind: 'pounds' };

/** An answer: null when skipped; a list answer of `none` is []. */
export type Answer = string | string[] | number | null;
export type Answers = Record<QuestionId, Answer>;

export const FIRST_SURVEY_YEAR = 2000;
export const LAST_SURVEY_YEAR = 2100;

/**
 * Community rehabilitation companies supervised most people on probation from 2015 until
 * probation was reunified in June 2021; a survey year from 2021 does not offer them.
 */
const LAST_YEAR_OF_CRCS = 2020;

/** The agencies a year offers unless a national analyst has set its list. */
export function defaultAgencyOptions(year: number): string[] {
  return AGENCIES.filter((agency) => agency !== 'crc' || year <= LAST_YEAR_OF_CRCS);
}

/** The questions of a survey year, in the order they are asked. */
export function surveyQuestions(agencyOptions: readonly string[]): Question[] {
  const agencies = AGENCIES.filter((agency) => agencyOptions.includes(agency));
  return [
    { id: 'respondent', kind: 'single', options: RESPONDENTS },
    { id: 'provider', kind: 'single', options: PROVIDERS },
    { id: 'delivery_model', kind: 'list', options: DELIVERY_MODELS },
    { id: 'agencies', kind: 'list', options: agencies },
    { id: 'offender_initiated', kind: 'single', options: YES_NO },
    { id: 'sv_da', kind: 'single', options: YES_NO },
    { id: 'measures', kind: 'list', options: SUCCESS_MEASURES },
    { id: 'challenges', kind: 'list', options: CHALLENGES },
    { id: 'expanding', kind: 'single', options: YES_NO },
    { id: 'rsqm', kind: 'single', options: QUALITY_MARK },
    { id: 'rj_spend_gbp', kind: 'pounds' },
    { id: 'victims_budget_gbp', kind: 'pounds' },
    { id: 'beyond_rj', kind: 'single', options: YES_NO },
  ];
}

export function isSurveyYear(value: unknown): value is number {
  return (
    typeof value === 'number' &&
    Number.isInteger(value) &&
    value >= FIRST_SURVEY_YEAR &&
    value <= LAST_SURVEY_YEAR
  );
}

/** A year written as text ("2018"), or null. */
export function readSurveyYear(text: string | undefined): number | null {
  const trimmed = (text ?? '').trim();
  if (!/^\d{4}$/.test(trimmed)) return null;
  const year = Number(trimmed);
  return isSurveyYear(year) ? year : null;
}

/** Why an answer cannot be read: a translation key under provision.problems, with its values. */
export interface AnswerProblem {
  question: QuestionId;
  key: 'notOneOf' | 'unknownValues' | 'noneWithOthers' | 'pounds';
  params: Record<string, string>;
}

const MAX_POUNDS = 1_000_000_000_000;

function shown(value: string): string {
  return value.length > 40 ? `${value.slice(0, 39)}…` : value;
}

/** Whole pounds: "12500", "12,500" or "£12,500". */
export function readPounds(text: string): number | null | 'invalid' {
  const trimmed = text.trim();
  if (trimmed === '') return null;
  const digits = trimmed.replace(/^£\s*/, '');
  if (!/^(\d+|\d{1,3}(,\d{3})+)$/.test(digits)) return 'invalid';
  const pounds = Number(digits.replace(/,/g, ''));
  return pounds <= MAX_POUNDS ? pounds : 'invalid';
}

type ListRead =
  | { answer: string[] | null }
  | { problem: { key: AnswerProblem['key']; params: Record<string, string> } };

function readList(question: Question & { options: readonly string[] }, text: string): ListRead {
  const values = text
    .split(LIST_SEPARATOR)
    .map((value) => value.trim().toLowerCase())
    .filter((value) => value !== '');
  if (values.length === 0) return { answer: null };
  if (values.includes(NONE)) {
    if (values.every((value) => value === NONE)) return { answer: [] };
    return { problem: { key: 'noneWithOthers', params: {} } };
  }
  const unknown = [...new Set(values.filter((value) => !question.options.includes(value)))];
  if (unknown.length > 0)
    return {
      problem: {
        key: 'unknownValues',
        params: {
          values: unknown.map((value) => `"${shown(value)}"`).join(', '),
          options: question.options.join(', '),
        },
      },
    };
  // Each option once, in the order the question lists them.
  return { answer: question.options.filter((option) => values.includes(option)) };
}

/** One answer from text, or why it cannot be read. */
export function readAnswer(
  question: Question,
  text: string | undefined,
): { answer: Answer } | { problem: AnswerProblem } {
  const value = (text ?? '').trim();
  const problem = (key: AnswerProblem['key'], params: Record<string, string>) => ({
    problem: { question: question.id, key, params },
  });
  if (question.kind === 'pounds') {
    const pounds = readPounds(value);
    return pounds === 'invalid' ? problem('pounds', { value: shown(value) }) : { answer: pounds };
  }
  if (question.kind === 'list') {
    const read = readList(question, value);
    return 'problem' in read ? problem(read.problem.key, read.problem.params) : read;
  }
  if (value === '') return { answer: null };
  const option = value.toLowerCase();
  if (question.options.includes(option)) return { answer: option };
  return problem('notOneOf', { value: shown(value), options: question.options.join(', ') });
}

/** Every answer of a response from text, by question id; or every problem found. */
export function readAnswers(
  questions: readonly Question[],
  texts: Partial<Record<string, string>>,
): { ok: true; answers: Answers } | { ok: false; problems: AnswerProblem[] } {
  const answers = {} as Answers;
  const problems: AnswerProblem[] = [];
  for (const question of questions) {
    const read = readAnswer(question, texts[question.id]);
    if ('problem' in read) problems.push(read.problem);
    else answers[question.id] = read.answer;
  }
  return problems.length > 0 ? { ok: false, problems } : { ok: true, answers };
}

/** An answer as text again: a list joined with ";" (or "none"), pounds as digits. */
export function answerText(answer: Answer): string {
  if (answer === null) return '';
  if (Array.isArray(answer)) return answer.length === 0 ? NONE : answer.join(LIST_SEPARATOR);
  return String(answer);
}

/** Whether two responses give the same answers (a re-import of the same file changes nothing). */
export function sameAnswers(a: Answers, b: Answers): boolean {
  return QUESTION_IDS.every((id) => answerText(a[id] ?? null) === answerText(b[id] ?? null));
}

/** RJ spend as a share of the victims budget, in per cent; null without both amounts. */
export function spendShare(answers: Pick<Answers, 'rj_spend_gbp' | 'victims_budget_gbp'>) {
  const spend = answers.rj_spend_gbp;
  const budget = answers.victims_budget_gbp;
  if (typeof spend !== 'number' || typeof budget !== 'number' || budget <= 0) return null;
  return (spend * 100) / budget;
}
