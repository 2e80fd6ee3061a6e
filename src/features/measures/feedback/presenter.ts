// What the question pages show: each question of a questionnaire as the arguments of a GOV.UK
// radios or textarea, with the answer given and its error. Staff entry and the public page share it.
import type { PresentedForm } from '../../../platform/forms.js';
import type { Translate } from '../../../platform/i18n/index.js';
import {
  activeItems,
  answerText,
  itemChoices,
  itemText,
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
