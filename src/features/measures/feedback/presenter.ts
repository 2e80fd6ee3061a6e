// What the question pages show: each question of a questionnaire as the arguments of a GOV.UK
// radios or textarea, with the answer given and its error. Staff entry and the public page share it.
import type { FormValues, PresentedForm } from '../../../platform/forms.js';
import type { Translate } from '../../../platform/i18n/index.js';
import {
  activeItems,
  answerText,
  itemChoices,
  itemText,
  ITEM_TYPES,
  type Answers,
  type QuestionnaireItem,
} from './questionnaire.js';

export function questionFields(
  items: readonly QuestionnaireItem[],
  t: Translate,
  form: PresentedForm,
) {
  return activeItems(items).map((item, index) => {
    const name = `q_${item.id}`;
    const given = form.values[name];
    return {
      id: item.id,
      name,
      type: item.type,
      number: index + 1,
      label: itemText(item, t),
      value: typeof given === 'string' ? given : '',
      error: form.errors[name],
      items: itemChoices(item.type).map((value) => ({
        value: String(value),
        text: t(`feedback.choices.${item.type}.${String(value)}`),
        checked: given === String(value),
      })),
    };
  });
}

/** A response's questions (as worded in the version answered) with the answers given. */
export function answeredQuestions(
  items: readonly QuestionnaireItem[],
  answers: Answers,
  t: Translate,
) {
  return items
    .filter((item) => !item.retired || answers[item.id] !== undefined)
    .map((item) => ({
      question: itemText(item, t),
      answer: answerText(item.type, answers[item.id], t),
    }));
}

/** The ways a link can be delivered: by email only when nothing stops it, by hand always. */
export function deliveryItems(page: {
  refusals: { email: string | null };
  participant: { contact_email: string | null };
  form: PresentedForm;
  t: Translate;
}) {
  const { form, t } = page;
  return [
    ...(page.refusals.email
      ? []
      : [
          {
            value: 'email',
            text: t('feedback.links.byEmail', { email: page.participant.contact_email ?? '' }),
            checked: form.values.delivery === 'email',
          },
        ]),
    {
      value: 'handed_over',
      text: t('feedback.links.byHand'),
      hint: { text: t('feedback.links.byHandHint') },
      checked: form.values.delivery === 'handed_over',
    },
  ];
}

/**
 * The questionnaire editor's rows: each question's wording (as typed, after a mistake) and
 * whether it is still asked.
 */
export function editorQuestions(page: {
  items: readonly QuestionnaireItem[];
  values: FormValues | undefined;
  form: PresentedForm;
  t: Translate;
}) {
  const { values, form, t } = page;
  const texts = values ? ([] as unknown[]).concat(values.item_text ?? []).map(String) : undefined;
  const asked = values
    ? new Set(([] as unknown[]).concat(values.asked ?? []).map(String))
    : undefined;
  return page.items.map((item, i) => ({
    index: i,
    id: item.id,
    text: texts?.[i] ?? itemText(item, t),
    typeText: t(`feedback.editor.types.${item.type}`),
    asked: asked ? asked.has(item.id) : !item.retired,
    error: form.errors[`item_text.${i}`],
  }));
}

/** The kinds of question a new one can be. */
export const typeItems = (form: PresentedForm, t: Translate) =>
  ITEM_TYPES.map((type) => ({
    value: type,
    text: t(`feedback.editor.types.${type}`),
    checked: form.values.new_type === type,
  }));
