import { describe, expect, it } from 'vitest';
import { presentForm } from '../../../platform/forms.js';
import { translator } from '../../../platform/i18n/index.js';
import { answerRows, assessmentFormItems, kindOf } from './presenter.js';

const t = translator('en');

describe('an assessment', () => {
  it('is of the kind asked for, or of needs', () => {
    expect(kindOf('risk')).toBe('risk');
    expect(kindOf('other')).toBe('needs');
    expect(kindOf(undefined)).toBe('needs');
  });

  it('shows each answered question, a yes or no in words and a service’s own wording kept', () => {
    const rows = answerRows(
      {
        kind: 'risk',
        questions: [
          { id: 'a', type: 'yesNo', label: 'Any weapons?' },
          { id: 'b', type: 'text', label: 'What else?' },
          { id: 'c', type: 'text', label: 'Unanswered' },
        ],
        answers: { a: 'no', b: 'Nothing' },
      },
      t,
    );
    expect(rows).toEqual([
      { key: { text: 'Any weapons?' }, value: { text: 'No' } },
      { key: { text: 'What else?' }, value: { text: 'Nothing' } },
    ]);
  });
});

describe('the new assessment form', () => {
  const view = {
    participants: [
      { id: 'p1', display_name: 'Ann', role: 'harmed', consent_status: 'given' },
      { id: 'p2', display_name: 'Bo', role: 'harmer', consent_status: 'withdrawn' },
    ],
    questions: [{ id: 'x', type: 'text' as const, label: 'Own question' }],
  };

  it('offers only people who have not withdrawn, and shows each question as typed with its error', () => {
    const form = presentForm(t, { participant_id: 'p1', q_x: 'typed' }, [
      { field: 'q_x', key: 'validation.tooLong' },
    ]);
    const { participantItems, questions } = assessmentFormItems(view, 'needs', form, t);
    expect(participantItems).toEqual([{ value: 'p1', text: 'Ann (Person harmed)', checked: true }]);
    expect(questions).toEqual([
      {
        id: 'x',
        type: 'text',
        label: 'Own question',
        name: 'q_x',
        value: 'typed',
        errorMessage: { text: t('validation.tooLong') },
      },
    ]);
  });
});
