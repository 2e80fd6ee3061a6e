// Monthly Victims' Code returns: a later return for the same area and month supersedes the
// earlier one, which is kept.
import type { Tx } from '../../../db/actor-context.js';
import type { MonthlyReturn } from '../../../domain/victims-informed.js';
import {
  recordedColumns,
  supersede,
  type RecordOutcome,
  type Recorded,
} from '../provision/store.js';

export interface ReturnToRecord extends MonthlyReturn, Recorded {
  areaId: string;
}

export async function recordReturn(tx: Tx, given: ReturnToRecord): Promise<RecordOutcome> {
  const current = await tx
    .selectFrom('victims_informed_returns')
    .select(['id', 'victims', 'told_about_rj'])
    .where('area_id', '=', given.areaId)
    .where('month', '=', given.month)
    .where('superseded_at', 'is', null)
    .forUpdate()
    .executeTakeFirst();
  if (current && current.victims === given.victims && current.told_about_rj === given.toldAboutRj)
    return 'unchanged';
  return supersede(tx, 'victims_informed_returns', { current, at: given.at }, (id) =>
    tx
      .insertInto('victims_informed_returns')
      .values({
        id,
        area_id: given.areaId,
        month: given.month,
        victims: given.victims,
        told_about_rj: given.toldAboutRj,
        ...recordedColumns(given),
      })
      .execute(),
  );
}

export interface AreaMonth extends MonthlyReturn {
  areaId: string;
}

/** The current returns, of one area or all, from a month on, oldest first. */
export async function currentReturns(
  tx: Tx,
  filter: { areaId?: string; from?: string } = {},
): Promise<AreaMonth[]> {
  let query = tx
    .selectFrom('victims_informed_returns')
    .select(['area_id', 'month', 'victims', 'told_about_rj'])
    .where('superseded_at', 'is', null);
  if (filter.areaId) query = query.where('area_id', '=', filter.areaId);
  if (filter.from) query = query.where('month', '>=', filter.from);
  const rows = await query.orderBy('month').orderBy('area_id').execute();
  return rows.map((r) => ({
    areaId: r.area_id,
    month: r.month,
    victims: r.victims,
    toldAboutRj: r.told_about_rj,
  }));
}

/** Every return of an area, newest month first, with those it replaced. */
export async function areaReturnHistory(tx: Tx, areaId: string) {
  return tx
    .selectFrom('victims_informed_returns')
    .select([
      'month',
      'victims',
      'told_about_rj as toldAboutRj',
      'source',
      'recorded_by_name as recordedByName',
      'recorded_at as recordedAt',
      'superseded_at as supersededAt',
    ])
    .where('area_id', '=', areaId)
    .orderBy('month', 'desc')
    .orderBy('recorded_at', 'desc')
    .execute();
}
