// A year of national figures as one table for small-number suppression (src/domain/suppression.ts):
// for each measure, a count per area and month, with every area's year, every month's total
// across areas and the year's total; victims split into those told about restorative justice
// and those not; and each area's referrals by who asked for restorative justice and by how far
// they got. Every national page and the area pages read their counts from one suppressed grid
// per year, so no page shows a count that another page's figures let someone work out.
import { suppress, type Relation, type SuppressionInput } from '../../domain/suppression.js';

/**
 * Referrals received (Waymark), and of them those whose victim was told about restorative
 * justice (each referral carries the Victims' Code duty, so its victims are its referrals);
 * victims and those told, as forces report (returns).
 */
export const GRID_MEASURES = ['referrals', 'wTold', 'rVictims', 'rTold'] as const;
export type GridMeasure = (typeof GRID_MEASURES)[number];

/** Each "victims" measure and its "told" measure: victims = told + not told. */
const SPLITS: [victims: GridMeasure, told: GridMeasure, notTold: string][] = [
  ['referrals', 'wTold', 'wNotTold'],
  ['rVictims', 'rTold', 'rNotTold'],
];

export const BREAKDOWNS = ['initiated_by', 'furthest'] as const;
export type Breakdown = (typeof BREAKDOWNS)[number];

export interface GridInput {
  cells: { measure: GridMeasure; areaId: string; month: string; n: number }[];
  /** Each area's referrals in the year by a dimension; each adds up to the area's year. */
  breakdowns: { family: Breakdown; areaId: string; value: string; n: number }[];
}

export const ALL = '*';
const key = (measure: string, area: string, month: string) => `${measure}|${area}|${month}`;

export interface GridFigure {
  /** Null when the count is hidden to protect a small number. */
  n: number | null;
}

export interface SuppressedGrid {
  /** A count: one area's month, an area's year (month ALL), all areas (area ALL), or undefined for no data. */
  get(
    measure: GridMeasure | 'wNotTold' | 'rNotTold',
    area: string,
    month: string,
  ): GridFigure | undefined;
  breakdown(family: Breakdown, area: string): { value: string; n: number | null }[];
  /** The months there are figures for, in order. */
  months: string[];
}

function sumInto(cells: Map<string, number>, k: string, n: number) {
  cells.set(k, (cells.get(k) ?? 0) + n);
}

/** The cells and relations of a year, before anything is hidden. */
export function gridInput(input: GridInput): SuppressionInput {
  const cells = new Map<string, number>();
  const relations: Relation[] = [];
  const seen = new Map<string, { areas: Set<string>; months: Set<string> }>();
  for (const cell of input.cells) {
    const at = seen.get(cell.measure) ?? { areas: new Set(), months: new Set() };
    seen.set(cell.measure, at);
    at.areas.add(cell.areaId);
    at.months.add(cell.month);
    sumInto(cells, key(cell.measure, cell.areaId, cell.month), cell.n);
    sumInto(cells, key(cell.measure, cell.areaId, ALL), cell.n);
    sumInto(cells, key(cell.measure, ALL, cell.month), cell.n);
    sumInto(cells, key(cell.measure, ALL, ALL), cell.n);
  }
  for (const [measure, { areas, months }] of seen) {
    const parts = (of: (m: string) => string[]) => of(measure).filter((k) => cells.has(k));
    for (const area of areas)
      relations.push({
        total: key(measure, area, ALL),
        parts: parts((m) => [...months].map((mo) => key(m, area, mo))),
      });
    for (const month of months)
      relations.push({
        total: key(measure, ALL, month),
        parts: parts((m) => [...areas].map((a) => key(m, a, month))),
      });
    relations.push({
      total: key(measure, ALL, ALL),
      parts: parts((m) => [...areas].map((a) => key(m, a, ALL))),
    });
  }
  // Victims not told are never shown, but victims minus those told would tell them.
  for (const [victims, told, notTold] of SPLITS)
    for (const [k, n] of [...cells]) {
      if (!k.startsWith(`${victims}|`)) continue;
      const rest = k.slice(victims.length);
      const toldKey = `${told}${rest}`;
      const notKey = `${notTold}${rest}`;
      cells.set(toldKey, cells.get(toldKey) ?? 0);
      cells.set(notKey, n - cells.get(toldKey)!);
      relations.push({ total: k, parts: [toldKey, notKey] });
    }
  const families = new Map<string, string[]>();
  for (const b of input.breakdowns) {
    const k = `${b.family}|${b.areaId}|${b.value}`;
    sumInto(cells, k, b.n);
    const total = key('referrals', b.areaId, ALL);
    const list = families.get(`${b.family}|${total}`) ?? [];
    if (!list.includes(k)) list.push(k);
    families.set(`${b.family}|${total}`, list);
  }
  for (const [familyTotal, parts] of families) {
    const total = familyTotal.slice(familyTotal.indexOf('|') + 1);
    if (cells.has(total)) relations.push({ total, parts });
  }
  return { cells, relations };
}

/** The grid with every small count, and every count that would give one away, hidden. */
export function suppressGrid(input: GridInput, threshold: number): SuppressedGrid {
  const table = gridInput(input);
  const { hidden } = suppress(table, threshold);
  const figure = (k: string): GridFigure | undefined =>
    table.cells.has(k) ? { n: hidden.has(k) ? null : table.cells.get(k)! } : undefined;
  return {
    get: (measure, area, month) => figure(key(measure, area, month)),
    breakdown: (family, area) =>
      [...table.cells.keys()]
        .filter((k) => k.startsWith(`${family}|${area}|`))
        .map((k) => ({ value: k.slice(`${family}|${area}|`.length), n: figure(k)!.n })),
    months: [...new Set(input.cells.map((c) => c.month))].sort(),
  };
}
