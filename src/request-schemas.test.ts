/// <reference types="vite/client" />
// Property tests over every form and request schema in the features: whatever a browser or a
// partner system sends, a schema answers with data or field errors, never an exception, and
// every error it names is a message people can read (a translation key).
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { toFieldErrors } from './platform/forms.js';
import { hasKey } from './platform/i18n/index.js';
import { describeProblems } from './features/api/problems.js';

const modules = import.meta.glob<Record<string, unknown>>(
  ['./features/**/*schema*.ts', './features/**/forms.ts', './features/**/form.ts'],
  { eager: true },
);
const schemas = Object.entries(modules).flatMap(([file, exports]) =>
  Object.entries(exports)
    .filter(([, value]) => value instanceof z.ZodType)
    .map(([name, schema]) => ({
      name: `${file.replace('./features/', '')} ${name}`,
      schema: schema as z.ZodType,
    })),
);

// What a browser's form can send (formbody: text, or a list for a repeated name), with the
// field names that schemas use, and strings that have broken things before.
const nasty = fc.oneof(
  fc.string(),
  fc.constantFrom(
    '',
    ' ',
    '0x1A',
    '1e3',
    'NaN',
    '-0',
    '\u0000',
    '<script>',
    '2026-02-30',
    '__proto__',
  ),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
);
const formValue = fc.oneof(nasty, fc.array(nasty, { maxLength: 3 }));

function fieldNames(schema: z.ZodType): string[] {
  const shape = (schema as { shape?: Record<string, unknown> }).shape;
  return shape ? Object.keys(shape) : [];
}

describe('every form and request schema', () => {
  it('is found', () => {
    expect(schemas.length).toBeGreaterThan(40);
  });

  for (const { name, schema } of schemas) {
    it(`answers any form input with data or readable field errors: ${name}`, () => {
      const names = fieldNames(schema);
      const body = fc.dictionary(
        names.length ? fc.oneof(fc.constantFrom(...names), fc.string()) : fc.string(),
        formValue,
        { maxKeys: names.length + 2 },
      );
      fc.assert(
        fc.property(fc.oneof(body, fc.anything()), (input) => {
          const result = schema.safeParse(input);
          if (result.success) return;
          for (const error of toFieldErrors(result.error)) {
            expect(hasKey(error.key), `${error.field}: ${error.key}`).toBe(true);
          }
          // The API describes the same issues in its own words, without throwing either.
          describeProblems(result.error.issues, input);
        }),
        { numRuns: 150 },
      );
    });
  }
});
