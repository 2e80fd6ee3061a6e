// The survey's question pages, defined once as data: one question a page (the two amounts in
// pounds share one). The presenter turns a page's questions, the draft's answers and any
// problems into what the GOV.UK radios, checkboxes and inputs need; the page's answers are
// read back as the CSV would write them, and checked by the domain's rules.
import {
  answerText,
  NONE,
  readAnswer,
  type Question,
  type QuestionId,
} from '../../../domain/provision-survey.js';
import type { FieldError } from '../../../platform/errors.js';
import type { Translate } from '../../../platform/i18n/index.js';

export interface SurveyPage {
  slug: string;
  questions: QuestionId[];
}

export const SURVEY_PAGES: SurveyPage[] = [
  { slug: 'respondent', questions: ['respondent'] },
  { slug: 'provider', questions: ['provider'] },
  { slug: 'delivery-model', questions: ['delivery_model'] },
  { slug: 'agencies', questions: ['agencies'] },
  { slug: 'offender-initiated', questions: ['offender_initiated'] },
  { slug: 'sv-da', questions: ['sv_da'] },
  { slug: 'measures', questions: ['measures'] },
  { slug: 'challenges', questions: ['challenges'] },
  { slug: 'expanding', questions: ['expanding'] },
  { slug: 'quality-mark', questions: ['rsqm'] },
  { slug: 'spend', questions: ['rj_spend_gbp', 'victims_budget_gbp'] },
  { slug: 'beyond-rj', questions: ['beyond_rj'] },
];

const Q = 'national.provision.questions';

/** An option's words: yes and no are shared; others belong to their question. */
export function optionText(t: Translate, question: QuestionId, option: string): string {
  if (option === NONE && question !== 'rsqm') return t(`${Q}.none`);
  if (option === 'yes' || option === 'no') return t(`${Q}.yesNo.${option}`);
  return t(`${Q}.${question}.options.${option}`);
}

/** An answer as a person reads it: the options' words, "None of these", or "Not answered". */
export function answerWords(t: Translate, question: Question, text: string | undefined): string {
  const value = (text ?? '').trim();
  if (value === '') return t(`${Q}.notAnswered`);
  if (question.kind === 'pounds') return `£${Number(value).toLocaleString('en-GB')}`;
  if (question.kind === 'single') return optionText(t, question.id, value);
  return value === NONE
    ? t(`${Q}.none`)
    : value
        .split(';')
        .map((option) => optionText(t, question.id, option))
        .join(', ');
}

const hintOf = (t: Translate, id: QuestionId) => {
  const text = t(`${Q}.${id}.hint`);
  return text.endsWith('.hint') ? undefined : text;
};

export function presentPage(options: {
  questions: Question[];
  answers: Record<string, string>;
  errors: FieldError[];
  t: Translate;
}) {
  const { t, answers } = options;
  return options.questions.map((question) => {
    const error = options.errors.find((e) => e.field === question.id);
    const value = answers[question.id] ?? '';
    const chosen = value.split(';');
    const base = {
      id: question.id,
      kind: question.kind,
      title: t(`${Q}.${question.id}.title`),
      hint: hintOf(t, question.id),
      value,
      errorMessage: error ? { text: t(error.key, error.params) } : undefined,
    };
    if (question.kind === 'pounds') return { ...base, items: [] };
    const items: Record<string, unknown>[] = question.options.map((option) => ({
      value: option,
      text: optionText(t, question.id, option),
      checked: question.kind === 'list' ? chosen.includes(option) : value === option,
    }));
    if (question.kind === 'list')
      items.push(
        { divider: t(`${Q}.or`) },
        { value: NONE, text: t(`${Q}.none`), behaviour: 'exclusive', checked: value === NONE },
      );
    return { ...base, items };
  });
}

/** A page's answers from the submitted form, as text, with any problem the rules find. */
export function readPage(questions: Question[], body: Record<string, unknown>) {
  const answers: Record<string, string> = {};
  const errors: FieldError[] = [];
  for (const question of questions) {
    const raw = body[question.id];
    const text = ([] as unknown[])
      .concat(raw ?? [])
      .filter((v): v is string => typeof v === 'string')
      .join(';');
    const read = readAnswer(question, text);
    // What was given, as the rules read it ("£40,000" as 40000), or as typed to be corrected.
    answers[question.id] = 'answer' in read ? answerText(read.answer) : text.trim();
    if ('problem' in read)
      errors.push({
        field: question.id,
        key: `national.provision.problems.${read.problem.key}`,
        params: read.problem.params,
      });
  }
  return { answers, errors };
}
