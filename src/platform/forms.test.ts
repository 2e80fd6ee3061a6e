// Numbers typed into forms: only what a person means by a number.
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { numberField, plainNumber } from './forms.js';

describe('plainNumber', () => {
  it.each([
    ['12', 12],
    [' 7 ', 7],
    ['2.5', 2.5],
    ['-3', -3],
    [4, 4],
  ])('reads %j as %j', (value, expected) => {
    expect(plainNumber(value)).toBe(expected);
  });

  it.each(['0x1A', '0b11', '0o17', '1e3', 'Infinity', '', '   ', '1,000', '12abc', '.5', '5.'])(
    'refuses %j, which Number() would read',
    (value) => {
      expect(plainNumber(value)).toBeNaN();
    },
  );

  it('makes a number field refuse "0x1A" with the field\'s own error', () => {
    const attendees = numberField(z.number({ error: 'attendees' }).int().min(0));
    expect(attendees.safeParse('26').success).toBe(true);
    const hex = attendees.safeParse('0x1A');
    expect(hex.success).toBe(false);
    expect(hex.error?.issues[0]?.message).toBe('attendees');
  });
});
