import { describe, expect, it } from 'vitest';
import {
  itemIdFrom,
  nextItems,
  readAnswers,
  sameItems,
  type QuestionnaireItem,
} from './questionnaire.js';

const items: QuestionnaireItem[] = [
  { id: 'prepared', type: 'likert' },
  { id: 'contacted_after', type: 'yesNo' },
  { id: 'recommend', type: 'recommend' },
  { id: 'comments', type: 'text' },
  { id: 'old', type: 'likert', retired: true },
];
const field = (id: string) => `answers.${id}`;

describe('reading answers', () => {
  it('takes each kind of answer from a form, JSON or CSV, leaving out unanswered questions', () => {
    expect(
      readAnswers(
        items,
        { prepared: '4', contacted_after: true, recommend: 'Not sure', comments: '  Thanks ' },
        { field, version: 1 },
      ),
    ).toEqual({
      ok: true,
      answers: { prepared: 4, contacted_after: 'yes', recommend: 'not_sure', comments: 'Thanks' },
    });
    expect(readAnswers(items, { prepared: 5, comments: '' }, { field, version: 1 })).toEqual({
      ok: true,
      answers: { prepared: 5 },
    });
  });

  it('names every wrong answer, questions not asked in the version, and an empty response', () => {
    const read = readAnswers(
      items,
      { prepared: '6', contacted_after: 'maybe', recommend: 'probably', old: 3, extra: 'x' },
      { field, version: 2, unknown: ['prepared', 'old', 'extra'] },
    );
    expect(read).toEqual({
      ok: false,
      errors: [
        { field: 'answers.prepared', key: 'feedback.errors.likert' },
        { field: 'answers.contacted_after', key: 'feedback.errors.yesNo' },
        { field: 'answers.recommend', key: 'feedback.errors.recommend' },
        { field: 'answers.old', key: 'feedback.errors.unknownItem', params: { version: 2 } },
        { field: 'answers.extra', key: 'feedback.errors.unknownItem', params: { version: 2 } },
      ],
    });
    expect(readAnswers(items, {}, { field, version: 1, emptyField: 'answers' })).toEqual({
      ok: false,
      errors: [{ field: 'answers', key: 'feedback.errors.noAnswers' }],
    });
    expect(readAnswers(items, { prepared: 2.5 }, { field, version: 1 }).ok).toBe(false);
  });
});

describe('the next version of a questionnaire', () => {
  const shipped = (item: QuestionnaireItem) => `Shipped ${item.id}`;

  it('rewords, retires, brings back and adds questions, keeping ids and kinds', () => {
    const next = nextItems(
      items,
      {
        items: [
          { id: 'prepared', text: 'Shipped prepared', asked: true },
          { id: 'contacted_after', text: 'Did we call you afterwards?', asked: true },
          { id: 'recommend', text: '', asked: false },
          { id: 'comments', asked: true },
          { id: 'old', asked: true },
        ],
        added: { text: 'Did you feel heard?', type: 'yesNo' },
      },
      new Set(['did_you_feel_heard']),
      shipped,
    );
    expect(next).toEqual([
      { id: 'prepared', type: 'likert' },
      { id: 'contacted_after', type: 'yesNo', text: 'Did we call you afterwards?' },
      { id: 'recommend', type: 'recommend', retired: true },
      { id: 'comments', type: 'text' },
      { id: 'old', type: 'likert' },
      { id: 'did_you_feel_heard_2', type: 'yesNo', text: 'Did you feel heard?' },
    ]);
    expect(sameItems(next, items)).toBe(false);
    expect(sameItems(nextItems(items, { items: [] }, new Set(), shipped), items)).toBe(true);
  });

  it('makes question ids from wording', () => {
    expect(itemIdFrom('Did you feel heard?', new Set())).toBe('did_you_feel_heard');
    expect(itemIdFrom('Ça va? 123', new Set())).toBe('ca_va_123');
    expect(itemIdFrom('¿?', new Set(['question']))).toBe('question_2');
  });
});
