import { describe, expect, it } from 'vitest';
import { translator } from '../../platform/i18n/index.js';
import { equalityQuestions, typedAnswers } from './presenter.js';

const t = translator('en');

describe('the equality form shown again', () => {
  it('reads the answers typed, by question, and nothing else', () => {
    expect(typedAnswers({ eq_sex: 'female', eq_age: '25_34', _csrf: 'x', version: '2' })).toEqual({
      sex: 'female',
      age: '25_34',
    });
  });

  it('ticks what was typed', () => {
    const questions = equalityQuestions(t, typedAnswers({ eq_sex: 'female' }), { staff: true });
    const sex = questions.find((q) => JSON.stringify(q).includes('eq_sex'));
    expect(JSON.stringify(sex)).toContain('"value":"female","text":');
    expect(JSON.stringify(sex)).toMatch(/"value":"female","text":"[^"]+","checked":true/);
  });
});
