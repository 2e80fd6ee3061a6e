import { describe, expect, it } from 'vitest';
import { londonDateAndTime, londonInstant } from './london-time.js';

describe('London wall-clock times', () => {
  it('turns London wall-clock times into instants and back, in winter and summer', () => {
    expect(londonInstant('2026-12-03', '14:00').toISOString()).toBe('2026-12-03T14:00:00.000Z');
    expect(londonInstant('2026-07-03', '14:00').toISOString()).toBe('2026-07-03T13:00:00.000Z');
    expect(londonDateAndTime(new Date('2026-07-03T23:30:00Z'))).toEqual({
      date: '2026-07-04',
      time: '00:30',
    });
  });
});
