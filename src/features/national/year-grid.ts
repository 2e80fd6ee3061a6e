// A year's national counts, read from the aggregate store (referrals received, and victims
// told about restorative justice as recorded in Waymark, summed over each area's services) and
// from the monthly returns police forces give, then suppressed as one grid (grid.ts). Only the
// store is read for what services record: never a case table.
import { sql } from 'kysely';
import type { Tx } from '../../db/actor-context.js';
import { suppressGrid, type GridInput, type SuppressedGrid } from './grid.js';
import { currentReturns } from './victims-informed/store.js';

interface StoreRow {
  area_id: string;
  month: string;
  referrals: number | null;
  not_told: number | null;
}

/**
 * Per area and month: referrals received, and those whose Victims' Code duty to give the victim
 * information about restorative justice is not recorded as done (every referral carries the
 * duty once, standard or enhanced, so those told are the rest). Only the rows needed are read:
 * each service month's total and its "not recorded" counts.
 */
async function storeCounts(tx: Tx, from: string, to: string): Promise<StoreRow[]> {
  const result = await sql<StoreRow>`
    select o.area_id, to_char(f.month, 'YYYY-MM-DD') as month,
      sum(f.n) filter (where f.figure = 'referrals_received') as referrals,
      sum(f.n) filter (where f.figure = 'victims_code') as not_told
    from aggregate_figures f
    join organisations o on o.id = f.org_id
    where f.month between ${from} and ${to} and o.area_id is not null
      and ((f.figure = 'referrals_received' and f.dimension = '')
        or (f.figure = 'victims_code' and f.dimension in ('rj_information.standard', 'rj_information.enhanced')
          and f.value = 'not_recorded'))
    group by o.area_id, f.month`.execute(tx);
  return result.rows;
}

/** Each area's referrals in the year by who asked for restorative justice and how far they got. */
async function storeBreakdowns(tx: Tx, from: string, to: string) {
  const result = await sql<{ area_id: string; family: string; value: string; n: number }>`
    select o.area_id, f.dimension as family, f.value, sum(f.n) as n
    from aggregate_figures f
    join organisations o on o.id = f.org_id
    where ((f.figure = 'referrals_received' and f.dimension = 'initiated_by')
        or (f.figure = 'funnel' and f.dimension = 'furthest'))
      and f.month between ${from} and ${to} and o.area_id is not null
    group by o.area_id, f.dimension, f.value`.execute(tx);
  return result.rows;
}

/** The areas with a restorative justice service on Waymark: their counts are zero, not unknown. */
export async function areasOnWaymark(tx: Tx): Promise<Set<string>> {
  const rows = await tx
    .selectFrom('organisations')
    .select('area_id')
    .distinct()
    .where('kind', '=', 'rj_service')
    .where('area_id', 'is not', null)
    .execute();
  return new Set(rows.map((r) => r.area_id!));
}

export async function yearGridInput(tx: Tx, year: number): Promise<GridInput> {
  const from = `${year}-01-01`;
  const to = `${year}-12-01`;
  const cells: GridInput['cells'] = [];
  for (const row of await storeCounts(tx, from, to)) {
    const at = { areaId: row.area_id, month: row.month };
    const referrals = Number(row.referrals ?? 0);
    cells.push({ measure: 'referrals', ...at, n: referrals });
    cells.push({ measure: 'wTold', ...at, n: Math.max(0, referrals - Number(row.not_told ?? 0)) });
  }
  for (const r of await currentReturns(tx, { from })) {
    if (r.month > to) continue;
    const at = { areaId: r.areaId, month: r.month };
    cells.push({ measure: 'rVictims', ...at, n: r.victims });
    cells.push({ measure: 'rTold', ...at, n: r.toldAboutRj });
  }
  const breakdowns = (await storeBreakdowns(tx, from, to)).map((b) => ({
    family: b.family as 'initiated_by' | 'furthest',
    areaId: b.area_id,
    value: b.value,
    n: Number(b.n),
  }));
  return { cells, breakdowns };
}

/** The year's counts, every small one and every one that would give one away hidden. */
export async function suppressedYear(
  tx: Tx,
  year: number,
  threshold: number,
): Promise<SuppressedGrid> {
  return suppressGrid(await yearGridInput(tx, year), threshold);
}
