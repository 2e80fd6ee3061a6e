import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  currentFinancialYear,
  financialQuarterOf,
  lastDayOf,
  monthsInFinancialYear,
  monthsOf,
  parsePeriod,
  periodKey,
  previousQuarter,
} from './report-periods.js';

describe('report periods', () => {
  it.each([
    ['2026-05', 'month', '2026-05', '2026-05'],
    ['2026-Q2', 'quarter', '2026-04', '2026-06'],
    ['2026-q4', 'quarter', '2026-10', '2026-12'],
    ['FY2026-27', 'financial_year', '2026-04', '2027-03'],
    ['2026-01..2026-06', 'custom', '2026-01', '2026-06'],
  ])('reads the written form %j as a %s from %s to %s', (text, kind, from, to) => {
    expect(parsePeriod(text)).toEqual({ kind, from, to });
  });

  it.each([
    '',
    '2026',
    '2026-13',
    '2026-Q5',
    'FY2026-28',
    'FY2099-00',
    '2026-06..2026-01',
    '2000-01..2012-01',
    'x',
  ])('refuses %j, which is not a period', (text) => {
    expect(parsePeriod(text)).toBeNull();
  });

  it('writes every period so that reading it back gives the same period (property)', () => {
    const month = fc
      .tuple(fc.integer({ min: 2000, max: 2098 }), fc.integer({ min: 1, max: 12 }))
      .map(([y, m]) => `${y}-${String(m).padStart(2, '0')}`);
    const period = fc.oneof(
      month,
      fc
        .tuple(fc.integer({ min: 2000, max: 2099 }), fc.integer({ min: 1, max: 4 }))
        .map(([y, q]) => `${y}-Q${q}`),
      fc
        .integer({ min: 2000, max: 2098 })
        .map((y) => `FY${y}-${String((y + 1) % 100).padStart(2, '0')}`),
      fc.tuple(month, fc.integer({ min: 0, max: 119 })).map(([from, n]) => {
        const to = monthsOf({ kind: 'custom', from, to: '2099-12' })[n] ?? from;
        return `${from}..${to}`;
      }),
    );
    fc.assert(
      fc.property(period, (text) => {
        const parsed = parsePeriod(text)!;
        expect(parsed).not.toBeNull();
        expect(parsePeriod(periodKey(parsed))).toEqual(parsed);
      }),
    );
  });

  it('knows the months, the last day and the financial year', () => {
    expect(monthsOf(parsePeriod('2026-Q1')!)).toEqual(['2026-01', '2026-02', '2026-03']);
    expect(lastDayOf(parsePeriod('2028-02')!)).toBe('2028-02-29');
    expect(lastDayOf(parsePeriod('2026-Q4')!)).toBe('2026-12-31');
    expect(currentFinancialYear('2026-03-31')).toEqual(parsePeriod('FY2025-26'));
    expect(currentFinancialYear('2026-04-01')).toEqual(parsePeriod('FY2026-27'));
    expect(financialQuarterOf('2026-04')).toBe(1);
    expect(financialQuarterOf('2026-02')).toBe(4);
    expect(previousQuarter('2026-05-20')).toEqual(parsePeriod('2026-Q1'));
    expect(previousQuarter('2026-02-01')).toEqual(parsePeriod('2025-Q4'));
    expect(monthsInFinancialYear(parsePeriod('2026-Q1')!, 2025)).toBe(3);
    expect(monthsInFinancialYear(parsePeriod('2026-01..2026-06')!, 2026)).toBe(3);
  });
});
