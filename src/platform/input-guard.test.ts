// The platform's one check for characters no form may carry.
import { describe, expect, it } from 'vitest';
import { fieldsWithControlCharacters } from './input-guard.js';

describe('fieldsWithControlCharacters', () => {
  it('names every field holding NUL or another control character, nested or repeated', () => {
    expect(
      fieldsWithControlCharacters({
        name: 'Jo\u0000',
        notes: 'line one\r\n\tline two',
        tags: ['fine', 'bell\u0007'],
        person: { surname: 'B\u001b[31m' },
      }),
    ).toEqual(['name', 'tags', 'person.surname']);
  });

  it('names a field whose name holds one, shown without it', () => {
    expect(fieldsWithControlCharacters({ ['a\u0000b']: 'x' })).toEqual(['a?b']);
  });

  it('accepts text with tabs and line breaks, and values that are not text', () => {
    expect(fieldsWithControlCharacters({ a: 'x\ty\nz\r', b: undefined, c: 3 })).toEqual([]);
    expect(fieldsWithControlCharacters(undefined)).toEqual([]);
  });
});
