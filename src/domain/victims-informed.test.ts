import { describe, expect, it } from 'vitest';
import {
  combineReturns,
  readCount,
  readMonth,
  readReturn,
  sharePercent,
} from './victims-informed.js';

describe('a monthly return', () => {
  it.each(['2026-03', '2026-3', '03/2026'])('reads %j as a month (YYYY-MM or MM/YYYY)', (text) => {
    expect(readMonth(text)).toBe('2026-03-01');
  });

  it.each(['2026-13', '2026-03-04', 'March 2026', '', undefined])(
    'refuses %j as a month',
    (bad) => {
      expect(readMonth(bad)).toBeNull();
    },
  );

  it('reads counts as whole numbers, thousands separators allowed', () => {
    expect(readCount('1,204')).toBe(1204);
    expect(readCount('0')).toBe(0);
    for (const bad of ['-1', '1.5', 'many', '']) expect(readCount(bad), bad).toBeNull();
  });

  it('is a month begun, with no more told than there were victims', () => {
    expect(
      readReturn({ month: '2026-03', victims: '1000', told_about_rj: '75' }, '2026-03-01'),
    ).toEqual({ ok: true, value: { month: '2026-03-01', victims: 1000, toldAboutRj: 75 } });
    const wrong = readReturn(
      { month: '2026-04', victims: '10', told_about_rj: '11' },
      '2026-03-31',
    );
    expect(wrong.ok ? [] : wrong.problems.map((p) => p.key)).toEqual([
      'monthInFuture',
      'moreThanVictims',
    ]);
    const empty = readReturn({}, '2026-03-31');
    expect(empty.ok ? [] : empty.problems.map((p) => `${p.field} ${p.key}`)).toEqual([
      'month required',
      'victims required',
      'told_about_rj required',
    ]);
  });

  it('gives the share told, none without victims, and sums months', () => {
    expect(sharePercent(75, 1000)).toBe(7.5);
    expect(sharePercent(0, 0)).toBeNull();
    expect(
      combineReturns([
        { victims: 1000, toldAboutRj: 50 },
        { victims: 3000, toldAboutRj: 350 },
      ]),
    ).toEqual({ victims: 4000, toldAboutRj: 400, percent: 10 });
  });
});
