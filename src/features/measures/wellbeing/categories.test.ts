// A new category's key: its label as a slug, at most 50 characters, never one already taken.
import { describe, expect, it } from 'vitest';
import { keyFor } from './categories.js';

describe('keyFor', () => {
  it.each([
    ['Faith & belief', 'faith-belief'],
    ['Santé mentale', 'sante-mentale'],
    ['  Housing!  ', 'housing'],
    ['a'.repeat(49) + ' bc', 'a'.repeat(49)],
    ['Ünïcode only ☺', 'unicode-only'],
    ['☺ ☺', 'category'],
  ])('makes %j into %j', (label, key) => {
    expect(keyFor(label, new Set())).toBe(key);
  });

  it('numbers a key already taken', () => {
    expect(keyFor('Housing', new Set(['housing', 'housing-2']))).toBe('housing-3');
  });
});
