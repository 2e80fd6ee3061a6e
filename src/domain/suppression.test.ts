import fc from 'fast-check';
import { alternativeExists } from '../../test/support/attack.js';
import { describe, expect, it } from 'vitest';
import {
  determinedCells,
  suppress,
  type Relation,
  type SuppressionInput,
  type SuppressionResult,
} from './suppression.js';

const input = (cells: Record<string, number>, relations: Relation[]): SuppressionInput => ({
  cells: new Map(Object.entries(cells)),
  relations,
});

function expectProtected(table: SuppressionInput, result: SuppressionResult, threshold: number) {
  for (const [key, value] of table.cells)
    if (value > 0 && value < threshold) expect(result.hidden.has(key), key).toBe(true);
  for (const key of result.hidden)
    expect(alternativeExists(table, result.hidden, key), `${key} can be recovered`).toBe(true);
}

/** Rows × columns with row totals, column totals and a grand total. */
function grid(values: number[][], prefix = ''): SuppressionInput {
  const cells = new Map<string, number>();
  const relations: Relation[] = [];
  const rows = values.length;
  const cols = values[0]!.length;
  const at = (r: number | 'T', c: number | 'T') => `${prefix}${r}:${c}`;
  values.forEach((row, r) => row.forEach((v, c) => cells.set(at(r, c), v)));
  for (let r = 0; r < rows; r++) {
    cells.set(
      at(r, 'T'),
      values[r]!.reduce((a, b) => a + b, 0),
    );
    relations.push({ total: at(r, 'T'), parts: values[r]!.map((_, c) => at(r, c)) });
  }
  for (let c = 0; c < cols; c++) {
    cells.set(
      at('T', c),
      values.reduce((a, row) => a + row[c]!, 0),
    );
    relations.push({ total: at('T', c), parts: values.map((_, r) => at(r, c)) });
  }
  cells.set(
    at('T', 'T'),
    values.flat().reduce((a, b) => a + b, 0),
  );
  relations.push({ total: at('T', 'T'), parts: values.map((_, r) => at(r, 'T')) });
  relations.push({ total: at('T', 'T'), parts: values[0]!.map((_, c) => at('T', c)) });
  return { cells, relations };
}

const count = fc.oneof(
  { weight: 2, arbitrary: fc.constant(0) },
  { weight: 4, arbitrary: fc.integer({ min: 1, max: 4 }) },
  { weight: 4, arbitrary: fc.integer({ min: 5, max: 40 }) },
);
const matrix = (maxRows: number, maxCols: number) =>
  fc
    .tuple(fc.integer({ min: 1, max: maxRows }), fc.integer({ min: 1, max: maxCols }))
    .chain(([rows, cols]) =>
      fc.array(fc.array(count, { minLength: cols, maxLength: cols }), {
        minLength: rows,
        maxLength: rows,
      }),
    );
const threshold = fc.integer({ min: 2, max: 10 });

/** Checks random tables of up to 4×4 with row and column totals, at any threshold. */
const forEveryGrid = (numRuns: number, check: (table: SuppressionInput, t: number) => void) =>
  fc.assert(
    fc.property(matrix(4, 4), threshold, (values, t) => {
      check(grid(values), t);
    }),
    { numRuns },
  );

describe('small-number suppression', () => {
  it('hides a small count and a second part beside it, so the total cannot give it away', () => {
    const table = input({ a: 3, b: 12, c: 20, total: 35 }, [
      { total: 'total', parts: ['a', 'b', 'c'] },
    ]);
    const result = suppress(table, 5);
    expect([...result.primary]).toEqual(['a']);
    expect([...result.hidden].sort()).toEqual(['a', 'b']);
  });

  it('has an attack that does recover a lone hidden cell (so the property tests can fail)', () => {
    const table = grid([
      [2, 10],
      [10, 10],
    ]);
    expect(alternativeExists(table, new Set(['0:0']), '0:0')).toBe(false);
    expect(alternativeExists(table, new Set(['0:0', '0:1']), '0:0')).toBe(false);
    expect(alternativeExists(table, new Set(['0:0', '0:1', '1:0', '1:1']), '0:0')).toBe(true);
  });

  it('shows zero, and everything when nothing is small', () => {
    const table = input({ a: 0, b: 12, total: 12 }, [{ total: 'total', parts: ['a', 'b'] }]);
    expect(suppress(table, 5).hidden.size).toBe(0);
  });

  it('hides a small total and one of its parts, since the parts would add up to it', () => {
    const table = input({ a: 1, b: 2, total: 3 }, [{ total: 'total', parts: ['a', 'b'] }]);
    expect([...suppress(table, 5).hidden].sort()).toEqual(['a', 'b', 'total']);
  });

  it('protects a cell across its row and its column', () => {
    const table = grid([
      [2, 10, 10],
      [10, 10, 10],
    ]);
    const result = suppress(table, 5);
    expect(result.hidden.has('0:0')).toBe(true);
    expect(determinedCells(table, result.hidden)).toEqual([]);
    expectProtected(table, result, 5);
  });

  it('finds a hidden cell that the relations still determine', () => {
    // With only a hidden, t1 - b gives it away; with a and b hidden, t2 - c still does, so
    // the check must find it even though t1 has two hidden members.
    const table = input({ a: 3, b: 7, c: 4, t1: 10, t2: 7 }, [
      { total: 't1', parts: ['a', 'b'] },
      { total: 't2', parts: ['a', 'c'] },
    ]);
    expect(determinedCells(table, new Set(['a', 'b']))).toEqual(['a', 'b']);
    expect(determinedCells(table, new Set(['a', 'b', 't2']))).toEqual([]);
    expect(determinedCells(table, new Set(['a']))).toEqual(['a']);
  });

  it('treats hidden parts that must add up to nothing as known', () => {
    const table = input({ a: 0, b: 0, c: 9, total: 9 }, [
      { total: 'total', parts: ['a', 'b', 'c'] },
    ]);
    expect(determinedCells(table, new Set(['a', 'b'])).sort()).toEqual(['a', 'b']);
  });

  it('refuses a relation naming a cell it was not given, and a count that is not one', () => {
    expect(() => suppress(input({ a: 1 }, [{ total: 'x', parts: ['a'] }]), 5)).toThrow(/unknown/);
    expect(() => suppress(input({ a: 1.5 }, []), 5)).toThrow(/not a count/);
  });

  it('never leaves a recoverable cell in a one-way breakdown (property)', () => {
    fc.assert(
      fc.property(fc.array(count, { minLength: 1, maxLength: 8 }), threshold, (parts, t) => {
        const cells: Record<string, number> = { total: parts.reduce((a, b) => a + b, 0) };
        parts.forEach((v, i) => (cells[`p${i}`] = v));
        const table = input(cells, [{ total: 'total', parts: parts.map((_, i) => `p${i}`) }]);
        expectProtected(table, suppress(table, t), t);
      }),
      { numRuns: 300 },
    );
  });

  it('never leaves a recoverable cell in a table with row and column totals (property)', () => {
    forEveryGrid(200, (table, t) => expectProtected(table, suppress(table, t), t));
  });

  it('never leaves a recoverable cell across linked tables: two breakdowns sharing their totals, and months adding up to a quarter (property)', () => {
    fc.assert(
      fc.property(matrix(3, 3), matrix(3, 3), threshold, (a, b, t) => {
        // Services (rows) by two dimensions: both tables' row totals are each service's total.
        const rows = Math.min(a.length, b.length);
        const first = grid(a.slice(0, rows), 'A');
        const second = grid(b.slice(0, rows), 'B');
        const cells = new Map([...first.cells, ...second.cells]);
        const relations = [...first.relations, ...second.relations];
        // Make the second table's row totals equal the first's by adding the difference to
        // its first column, then link them: the same number is one cell.
        for (let r = 0; r < rows; r++) {
          const diff = cells.get(`A${r}:T`)! - cells.get(`B${r}:T`)!;
          if (diff !== 0) {
            const extra = `B${r}:x`;
            cells.set(extra, Math.abs(diff));
            relations.push(
              diff > 0
                ? { total: `A${r}:T`, parts: [`B${r}:T`, extra] }
                : { total: `B${r}:T`, parts: [`A${r}:T`, extra] },
            );
          } else relations.push({ total: `A${r}:T`, parts: [`B${r}:T`] });
        }
        // A quarter of three months for the first table's first row.
        const months = [0, 1, 2].map((m) => `Q:m${m}`);
        const total = cells.get('A0:T')!;
        const split = [Math.floor(total / 3), Math.floor(total / 3)];
        split.push(total - split[0]! - split[1]!);
        months.forEach((key, i) => cells.set(key, split[i]!));
        relations.push({ total: 'A0:T', parts: months });
        const table = { cells, relations };
        expectProtected(table, suppress(table, t), t);
      }),
      { numRuns: 150 },
    );
  });

  it('is deterministic: the same figures give the same hidden cells', () => {
    forEveryGrid(50, (table, t) =>
      expect([...suppress(table, t).hidden].sort()).toEqual([...suppress(table, t).hidden].sort()),
    );
  });
});
