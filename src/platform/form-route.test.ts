// A form shown again after a failed save: what was typed, its problems, the status, and the
// version it carries back.
import { describe, expect, it } from 'vitest';
import { AppError, notFound, validationFailed } from './errors.js';
import { shownAgain } from './form-route.js';
import { translator } from './i18n/index.js';

const t = translator('en');
const mistake = validationFailed([{ field: 'due_on', key: 'validation.date' }]);
const changed = new AppError('conflict', 'validation.invalid', { params: { who: 'x' } });
const refused = new AppError('conflict', 'validation.tooLong');
const typed = { 'due_on-day': '31', 'due_on-month': '2', 'due_on-year': '2026', version: '4' };
const isChanged = (error: unknown) => error === changed;

describe('a form shown again', () => {
  it('keeps what was typed and the typed version after a mistake, 400, a date linked to its day', () => {
    const { form, status } = shownAgain({ dateFields: ['due_on'] }, t, typed, mistake);
    expect(status).toBe(400);
    expect(form.values).toEqual(typed);
    expect(form.dates?.due_on).toEqual({ day: '31', month: '2', year: '2026' });
    expect(form.errorList).toEqual([
      { text: 'Enter a real date, for example 27 3 2026', href: '#due_on-day' },
    ]);
    expect(form.errors.due_on?.text).toBe('Enter a real date, for example 27 3 2026');
  });

  it('shows a refusal that names no field at the refusal field, 409', () => {
    const { form, status } = shownAgain({ refusalField: 'lead' }, t, typed, refused);
    expect(status).toBe(409);
    expect(form.errorList).toEqual([{ text: t('validation.tooLong'), href: '#lead' }]);
  });

  it('drops the typed version after a refusal because the record changed, so the page shows the current one', () => {
    const route = { refusalField: 'stage', changedSince: isChanged };
    const after = shownAgain(route, t, typed, changed);
    expect(after.status).toBe(409);
    expect(after.form.values).not.toHaveProperty('version');
    expect(after.form.values['due_on-day']).toBe('31');
    expect(shownAgain(route, t, typed, refused).form.values.version).toBe('4');
    expect(shownAgain(route, t, typed, mistake).form.values.version).toBe('4');
  });

  it('without changedSince, keeps the typed version whatever the refusal', () => {
    expect(shownAgain({}, t, typed, changed).form.values.version).toBe('4');
  });

  it('shows the typed values as the page wants them', () => {
    const list = (body: Record<string, unknown>) => ({ ...body, flags: [body.flags].flat() });
    const { form } = shownAgain({ typed: list }, t, { flags: 'one' }, mistake);
    expect(form.values.flags).toEqual(['one']);
  });

  it('for a form that can only be mistaken, sends a refusal on to the error pages', () => {
    expect(shownAgain({ mistakesOnly: true }, t, {}, mistake).status).toBe(400);
    expect(() => shownAgain({ mistakesOnly: true }, t, {}, refused)).toThrow(refused);
  });

  it('sends on anything that is not the person’s to fix', () => {
    const missing = notFound();
    expect(() => shownAgain({}, t, typed, missing)).toThrow(missing);
    expect(() => shownAgain({}, t, typed, new Error('boom'))).toThrow('boom');
  });

  it('reads a missing body as nothing typed', () => {
    expect(shownAgain({}, t, undefined, mistake).form.values).toEqual({});
  });
});
