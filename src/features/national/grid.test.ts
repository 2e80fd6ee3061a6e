import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { determinedCells, suppress } from '../../domain/suppression.js';
import { ALL, gridInput, suppressGrid, type GridInput } from './grid.js';

const months = ['2026-01-01', '2026-02-01', '2026-03-01'];
const areas = ['kent', 'essex', 'surrey'];

function referrals(counts: number[][]): GridInput['cells'] {
  return areas.flatMap((areaId, a) =>
    months.map((month, m) => ({ measure: 'referrals' as const, areaId, month, n: counts[a]![m]! })),
  );
}

/** The referrals of each area by month (no breakdowns), suppressed below 5. */
const referralsGrid = (counts: number[][]) =>
  suppressGrid({ cells: referrals(counts), breakdowns: [] }, 5);

describe('a year of national figures, suppressed', () => {
  it('shows every count, each area’s year and each month’s total when none is small', () => {
    const grid = referralsGrid([
      [10, 20, 30],
      [5, 6, 7],
      [40, 50, 60],
    ]);
    expect(grid.get('referrals', 'kent', '2026-02-01')).toEqual({ n: 20 });
    expect(grid.get('referrals', 'kent', ALL)).toEqual({ n: 60 });
    expect(grid.get('referrals', ALL, '2026-01-01')).toEqual({ n: 55 });
    expect(grid.get('referrals', ALL, ALL)).toEqual({ n: 228 });
    expect(grid.get('rTold', 'kent', ALL)).toBeUndefined(); // no data, not zero
  });

  it('hides a small count, and enough others that it cannot be worked out', () => {
    const grid = referralsGrid([
      [10, 2, 30],
      [5, 6, 7],
      [40, 50, 60],
    ]);
    expect(grid.get('referrals', 'kent', '2026-02-01')).toEqual({ n: null });
    // Kent's year and February's total would give the 2 away with the other months shown.
    const kentMonths = months.map((m) => grid.get('referrals', 'kent', m)!.n);
    expect(kentMonths.filter((n) => n === null).length).toBeGreaterThan(1);
  });

  it('hides those told when those not told are few (victims minus told would show them)', () => {
    const grid = suppressGrid(
      {
        cells: [
          { measure: 'rVictims', areaId: 'kent', month: months[0]!, n: 100 },
          { measure: 'rTold', areaId: 'kent', month: months[0]!, n: 98 },
          { measure: 'rVictims', areaId: 'essex', month: months[0]!, n: 300 },
          { measure: 'rTold', areaId: 'essex', month: months[0]!, n: 30 },
        ],
        breakdowns: [],
      },
      5,
    );
    const kent = grid.get('rTold', 'kent', months[0]!)!;
    const kentVictims = grid.get('rVictims', 'kent', months[0]!)!;
    expect(kent.n === null || kentVictims.n === null).toBe(true);
    // Essex's figures are shown or hidden as the totals across the two areas require.
    expect(grid.get('rVictims', 'essex', months[0]!)).toBeDefined();
  });

  it('hides a small part of an area’s referrals by who asked, with a complement', () => {
    const grid = suppressGrid(
      {
        cells: referrals([
          [10, 20, 30],
          [5, 6, 7],
          [40, 50, 60],
        ]),
        breakdowns: [
          { family: 'initiated_by', areaId: 'kent', value: 'victim', n: 40 },
          { family: 'initiated_by', areaId: 'kent', value: 'offender', n: 17 },
          { family: 'initiated_by', areaId: 'kent', value: 'agency', n: 3 },
        ],
      },
      5,
    );
    const parts = grid.breakdown('initiated_by', 'kent');
    expect(parts.find((p) => p.value === 'agency')!.n).toBeNull();
    expect(
      parts.filter((p) => p.n === null).length +
        (grid.get('referrals', 'kent', ALL)!.n === null ? 1 : 0),
    ).toBeGreaterThan(1);
  });

  it('never leaves a hidden count that the shown figures determine (property)', () => {
    const count = fc.oneof(fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 300 }));
    fc.assert(
      fc.property(
        fc.array(fc.array(count, { minLength: 3, maxLength: 3 }), { minLength: 3, maxLength: 3 }),
        fc.array(fc.tuple(count, count), { minLength: 3, maxLength: 3 }),
        (counts, returns) => {
          const input: GridInput = {
            cells: [
              ...referrals(counts),
              ...returns.flatMap(([told, notTold], a) => [
                {
                  measure: 'rVictims' as const,
                  areaId: areas[a]!,
                  month: months[0]!,
                  n: told + notTold,
                },
                { measure: 'rTold' as const, areaId: areas[a]!, month: months[0]!, n: told },
              ]),
            ],
            breakdowns: [],
          };
          const table = gridInput(input);
          const { hidden, primary } = suppress(table, 5);
          for (const cell of primary) expect(hidden.has(cell)).toBe(true);
          expect(determinedCells(table, hidden)).toEqual([]);
        },
      ),
      { numRuns: 200 },
    );
  });
});
