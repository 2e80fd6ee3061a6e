// A period asked for in a link: real dates in a range anyone means, never a server error.
import { describe, expect, it } from 'vitest';
import { readPeriod } from './period.js';

const fallback = { from: '2026-01-01', to: '2026-11-20' };

describe('readPeriod', () => {
  it('takes real dates in order', () => {
    expect(readPeriod({ from: '2026-04-01', to: '2026-06-30' }, fallback)).toEqual({
      ok: true,
      period: { from: '2026-04-01', to: '2026-06-30' },
    });
  });

  it.each([
    [{ to: '9999-12-31' }, 'to'],
    [{ from: '1066-10-14' }, 'from'],
  ])('refuses a date outside 1900 to 2099, at its field: %j', (query, field) => {
    expect(readPeriod(query, fallback)).toEqual({
      ok: false,
      errors: [{ field, key: 'period.errors.range' }],
    });
  });
});
