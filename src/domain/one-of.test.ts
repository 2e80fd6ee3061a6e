import { describe, expect, it } from 'vitest';
import { oneOf } from './one-of.js';

describe('oneOf', () => {
  const isColour = oneOf(['red', 'green'] as const);

  it.each([
    ['a code of the list', 'red', true],
    ['another code of the list', 'green', true],
    ['a code not on the list', 'blue', false],
    ['a code in other letters', 'Red', false],
    ['not a string', 1, false],
    ['nothing', undefined, false],
  ])('answers %s: %o → %s', (_, value, expected) => {
    expect(isColour(value)).toBe(expected);
  });
});
