import { describe, expect, it } from 'vitest';
import { AppError, validationFailed } from './errors.js';
import { presentFormPage, type FormPage, type PageFrame } from './form-page.js';
import { problemsOf } from './forms.js';
import { translator } from './i18n/index.js';

const t = translator('en');

type Loaded = { record: { version: number; name: string } };

const frame: PageFrame<Loaded> = {
  template: 'a.njk',
  around: (view) => ({ heading: view.record.name }),
  version: (view) => view.record.version,
};

const page: FormPage<Loaded> = {
  path: '/things/:id/edit',
  load: () => Promise.resolve({ record: { version: 7, name: 'Thing' } }),
  title: 'common.search',
  submit: 'common.applyFilters',
  fields: [
    { name: 'due_on', kind: 'date', label: 'common.day' },
    { name: 'notes', kind: 'textarea', label: 'common.back', optional: true },
  ],
  initial: () => ({ due_on: '2026-03-27', notes: 'saved' }),
  back: (params) => ({ href: `/things/${params.id}`, text: 'common.cancel' }),
  save: () => Promise.resolve('/things'),
};

const at = (typedVersion?: string) => ({
  view: { record: { version: 7, name: 'Thing' } },
  params: { id: 'x' },
  query: {},
  t,
  action: '/things/x/edit',
  typedVersion,
});

describe('a declared page', () => {
  it('shows what was saved, in its frame, with the version it was built from', () => {
    const shown = presentFormPage(frame, page, at());
    expect(shown).toMatchObject({ heading: 'Thing' });
    expect(shown.version).toBe(7);
    expect(shown.title).toBe('Search');
    expect(shown.back).toEqual({ href: '/things/x', text: 'Cancel' });
    const [due, notes] = shown.form.fields;
    expect(due!.date).toEqual({ day: '27', month: '3', year: '2026' });
    expect(due!.hint).toBe('For example, 27 3 2026');
    expect(notes!.label).toBe('Back (optional)');
    expect(notes!.value).toBe('saved');
    expect(shown.form.errorList).toEqual([]);
  });

  it('keeps what was typed and the typed version for a mistake, each error at its field', () => {
    const { errors, status } = problemsOf(
      validationFailed([{ field: 'due_on', key: 'validation.date' }]),
    );
    const shown = presentFormPage(frame, page, at('5'), {
      values: { due_on: { day: '31', month: '2', year: '2026' }, notes: '' },
      errors,
      status,
    });
    expect(status).toBe(400);
    expect(shown.version).toBe('5');
    expect(shown.form.fields[0]!.errorMessage).toEqual({
      text: 'Enter a real date, for example 27 3 2026',
    });
    expect(shown.form.errorList).toEqual([
      { text: 'Enter a real date, for example 27 3 2026', href: '#due_on-day' },
    ]);
  });

  it('shows the current version after a refusal, saying what was refused before its reasons', () => {
    const refusal = new AppError('conflict', 'validation.invalid', {
      fieldErrors: [{ field: 'notes', key: 'validation.tooLong' }],
    });
    const { errors, status } = problemsOf(refusal, { refusalFirst: true });
    expect(status).toBe(409);
    expect(errors.map((e) => e.key)).toEqual(['validation.invalid', 'validation.tooLong']);
    expect(problemsOf(refusal).errors.map((e) => e.key)).toEqual(['validation.tooLong']);
    const shown = presentFormPage(frame, page, at('5'), { errors, status });
    expect(shown.version).toBe(7);
    expect(shown.form.errorList[0]!.href).toBe('#due_on-day');
  });

  it('throws on anything that is not for the user to fix', () => {
    expect(() => problemsOf(new Error('boom'))).toThrow('boom');
  });
});
