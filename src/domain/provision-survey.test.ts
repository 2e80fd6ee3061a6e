import { describe, expect, it } from 'vitest';
import {
  answerText,
  defaultAgencyOptions,
  readAnswer,
  readAnswers,
  readPounds,
  readSurveyYear,
  sameAnswers,
  spendShare,
  surveyQuestions,
  type Question,
} from './provision-survey.js';
import { surveyResults, wholePercent, resultRows } from './provision-results.js';

const questions = surveyQuestions(defaultAgencyOptions(2018));
const question = (id: string) => questions.find((q) => q.id === id)!;

describe('the agencies a survey year offers', () => {
  it('include community rehabilitation companies until 2020 and not after', () => {
    expect(defaultAgencyOptions(2018)).toContain('crc');
    expect(defaultAgencyOptions(2020)).toContain('crc');
    expect(defaultAgencyOptions(2021)).not.toContain('crc');
    expect(defaultAgencyOptions(2021)).toContain('prisons');
  });

  it('are the options of the agencies question, in the list order', () => {
    const agencies = surveyQuestions(['schools', 'police']).find((q) => q.id === 'agencies');
    expect(agencies).toEqual({ id: 'agencies', kind: 'list', options: ['police', 'schools'] });
  });
});

describe('reading an answer', () => {
  it('reads a single choice in any case, and a blank as skipped', () => {
    expect(readAnswer(question('provider'), ' Third_Sector ')).toEqual({
      answer: 'third_sector',
    });
    expect(readAnswer(question('provider'), '  ')).toEqual({ answer: null });
    expect(readAnswer(question('rsqm'), 'none')).toEqual({ answer: 'none' });
  });

  it('names a value that is not one of the options, and the options', () => {
    expect(readAnswer(question('offender_initiated'), 'maybe')).toEqual({
      problem: {
        question: 'offender_initiated',
        key: 'notOneOf',
        params: { value: 'maybe', options: 'yes, no' },
      },
    });
  });

  it('reads a list cell, each option once, in the order of the options', () => {
    expect(readAnswer(question('delivery_model'), 'other; HUB;;hub')).toEqual({
      answer: ['hub', 'other'],
    });
  });

  it('reads `none` as answered with no option, and a blank list as skipped', () => {
    expect(readAnswer(question('challenges'), 'none')).toEqual({ answer: [] });
    expect(readAnswer(question('challenges'), ' NONE ; none')).toEqual({ answer: [] });
    expect(readAnswer(question('challenges'), '')).toEqual({ answer: null });
    expect(readAnswer(question('challenges'), ' ; ')).toEqual({ answer: null });
  });

  it('refuses `none` beside an option, and names unknown values', () => {
    expect(readAnswer(question('challenges'), 'none;funding')).toMatchObject({
      problem: { key: 'noneWithOthers' },
    });
    expect(readAnswer(question('agencies'), 'police;zoo;Zoo;gym')).toMatchObject({
      problem: { key: 'unknownValues', params: { values: '"zoo", "gym"' } },
    });
  });

  it('refuses an agency the year does not offer', () => {
    const later = surveyQuestions(defaultAgencyOptions(2024)).find((q) => q.id === 'agencies')!;
    expect(readAnswer(later, 'police;crc')).toMatchObject({
      problem: { key: 'unknownValues', params: { values: '"crc"' } },
    });
  });

  it('reads whole pounds, with or without a pound sign and thousands separators', () => {
    expect(readPounds('12500')).toBe(12500);
    expect(readPounds('£12,500')).toBe(12500);
    expect(readPounds('0')).toBe(0);
    expect(readPounds('')).toBeNull();
    for (const bad of ['12.50', '-5', '12,50', 'lots', '1,2345'])
      expect(readPounds(bad), bad).toBe('invalid');
  });

  it('reads a whole response, or gives every problem', () => {
    const read = readAnswers(questions, { provider: 'police', rj_spend_gbp: '100' });
    expect(read.ok).toBe(true);
    if (read.ok) {
      expect(read.answers.provider).toBe('police');
      expect(read.answers.agencies).toBeNull();
      expect(read.answers.rj_spend_gbp).toBe(100);
    }
    const bad = readAnswers(questions, { provider: 'nobody', rj_spend_gbp: '1.5' });
    expect(bad.ok ? [] : bad.problems.map((p) => p.question)).toEqual(['provider', 'rj_spend_gbp']);
  });
});

describe('answers compared and as text', () => {
  it('are the same after a round trip through text', () => {
    const read = readAnswers(questions, { agencies: 'schools;police', challenges: 'none' });
    if (!read.ok) throw new Error('unexpected');
    expect(answerText(read.answers.agencies)).toBe('police;schools');
    expect(answerText(read.answers.challenges)).toBe('none');
    const again = readAnswers(questions, { agencies: 'police ; schools', challenges: 'NONE' });
    if (!again.ok) throw new Error('unexpected');
    expect(sameAnswers(read.answers, again.answers)).toBe(true);
    const other = readAnswers(questions, { agencies: 'police', challenges: 'none' });
    if (!other.ok) throw new Error('unexpected');
    expect(sameAnswers(read.answers, other.answers)).toBe(false);
  });

  it('give the spend share only with both amounts and a budget', () => {
    expect(spendShare({ rj_spend_gbp: 50_000, victims_budget_gbp: 1_000_000 })).toBe(5);
    expect(spendShare({ rj_spend_gbp: 50_000, victims_budget_gbp: null })).toBeNull();
    expect(spendShare({ rj_spend_gbp: 0, victims_budget_gbp: 0 })).toBeNull();
  });

  it('reads a survey year of four digits in range', () => {
    expect(readSurveyYear('2018')).toBe(2018);
    expect(readSurveyYear(' 2018 ')).toBe(2018);
    for (const bad of ['18', '1999', '2018.0', 'twenty', '', undefined])
      expect(readSurveyYear(bad)).toBeNull();
  });
});

describe("a year's results", () => {
  const small: Question[] = [
    { id: 'provider', kind: 'single', options: ['police', 'other'] },
    { id: 'challenges', kind: 'list', options: ['funding', 'awareness'] },
    { id: 'rj_spend_gbp', kind: 'pounds' },
  ];
  const response = (areaId: string, provider: string | null, challenges: string[] | null) => ({
    areaId,
    answers: { provider, challenges, rj_spend_gbp: provider ? 300 : null } as never,
  });

  it('counts each option, as a share of the areas that answered, with the skips', () => {
    const results = surveyResults({
      year: 2018,
      questions: small,
      responses: [
        response('a', 'police', ['funding', 'awareness']),
        response('b', 'police', []),
        response('c', null, ['funding']),
      ],
      areaIds: ['a', 'b', 'c', 'd'],
    });
    expect(results.responded).toEqual(['a', 'b', 'c']);
    expect(results.notResponding).toEqual(['d']);
    const [provider, challenges, spend] = results.questions;
    expect(provider).toMatchObject({ answered: 2, skipped: 1 });
    expect(provider!.options).toEqual([
      { option: 'police', count: 2, percent: 100 },
      { option: 'other', count: 0, percent: 0 },
    ]);
    expect(challenges).toMatchObject({ answered: 3, skipped: 0 });
    expect(challenges!.options).toEqual([
      { option: 'funding', count: 2, percent: 67 },
      { option: 'awareness', count: 1, percent: 33 },
      { option: 'none', count: 1, percent: 33 },
    ]);
    expect(spend).toMatchObject({ answered: 2, skipped: 1, amounts: { total: 600, median: 300 } });
    expect(resultRows(results)).toHaveLength(5);
  });

  it('rounds halves up and leaves a question nobody answered without a percentage', () => {
    expect(wholePercent(1, 8)).toBe(13); // 12.5
    expect(wholePercent(33, 34)).toBe(97);
    expect(wholePercent(0, 0)).toBeNull();
    const results = surveyResults({ year: 2018, questions: small, responses: [], areaIds: ['a'] });
    expect(results.questions[0]!.options[0]).toEqual({ option: 'police', count: 0, percent: null });
  });
});
