import { describe, expect, it } from 'vitest';
import {
  cutoff,
  cutoffDate,
  describePeriod,
  isPeriod,
  RECORD_KINDS,
  RETENTION_RULES,
} from './retention.js';

describe('retention periods', () => {
  it.each(['1d', '90d', '12m', '6y', '9999d'])('accepts %j (days, months or years)', (good) => {
    expect(isPeriod(good)).toBe(true);
  });

  it.each(['0d', '6', 'y', '6 y', '-1y', '6w', '10000d', '1.5y', ' 6y', '06y'])(
    'refuses %j',
    (bad) => {
      expect(isPeriod(bad)).toBe(false);
    },
  );

  it('counts back by the calendar', () => {
    const now = new Date('2032-05-10T09:30:00Z');
    expect(cutoff(now, '6y').toISOString()).toBe('2026-05-10T09:30:00.000Z');
    expect(cutoff(now, '90d').toISOString()).toBe('2032-02-10T09:30:00.000Z');
    expect(cutoffDate(now, '13m')).toBe('2031-04-10');
    expect(cutoffDate(new Date('2028-02-29T12:00:00Z'), '1y')).toBe('2027-02-28');
    expect(cutoffDate(new Date('2026-03-31T12:00:00Z'), '1m')).toBe('2026-02-28');
    expect(cutoffDate(new Date('2026-01-15T00:00:00Z'), '2m')).toBe('2025-11-15');
  });

  it('has a rule for every kind, each with a valid period', () => {
    for (const kind of RECORD_KINDS) expect(isPeriod(RETENTION_RULES[kind].period)).toBe(true);
    expect(describePeriod('6y')).toBe('6 years');
    expect(describePeriod('1d')).toBe('1 day');
  });
});
