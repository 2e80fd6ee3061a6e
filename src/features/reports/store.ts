// Reading the aggregate store for a report: the rows for some services and a period, and sums
// over them. Runs as the role waymark_figures (see docs/adr/0012-aggregate-store.md).
import { listOrganisations } from '../organisations/index.js';
import type { Tx } from '../../db/actor-context.js';
import { firstDayOf, monthOf, type Month, type ReportPeriod } from '../../domain/report-periods.js';

export interface StoreRow {
  orgId: string;
  month: Month;
  figure: string;
  dimension: string;
  value: string;
  n: number;
  total: number;
}

export async function readStore(
  tx: Tx,
  orgIds: readonly string[],
  period: ReportPeriod,
): Promise<StoreRow[]> {
  if (orgIds.length === 0) return [];
  const rows = await tx
    .selectFrom('aggregate_figures')
    .select(['org_id', 'month', 'figure', 'dimension', 'value', 'n', 'total'])
    .where('org_id', 'in', [...orgIds])
    .where('month', '>=', firstDayOf(period))
    .where('month', '<=', `${period.to}-01`)
    .execute();
  return rows.map((r) => ({
    orgId: r.org_id,
    month: monthOf(r.month),
    figure: r.figure,
    dimension: r.dimension,
    value: r.value,
    n: Number(r.n),
    total: Number(r.total),
  }));
}

export async function readTestimonials(tx: Tx, orgIds: readonly string[], period: ReportPeriod) {
  if (orgIds.length === 0) return [];
  return tx
    .selectFrom('aggregate_testimonials')
    .select(['org_id as orgId', 'approved_on as approvedOn', 'text', 'scope'])
    .where('org_id', 'in', [...orgIds])
    .where('month', '>=', firstDayOf(period))
    .where('month', '<=', `${period.to}-01`)
    .orderBy('approved_on', 'desc')
    .limit(50)
    .execute();
}

export async function readFiguresAsAt(tx: Tx): Promise<Date | null> {
  const row = await tx.selectFrom('aggregate_status').select('refreshed_at').executeTakeFirst();
  return row?.refreshed_at ?? null;
}

/** Which services the figures may be about, and every other organisation's name and kind. */
export const readOrganisations = (tx: Tx) => listOrganisations(tx);

export type Organisation = Awaited<ReturnType<typeof readOrganisations>>[number];

interface Where {
  orgIds: readonly string[];
  months?: readonly Month[];
}

/** Sums over the store's rows for a report. */
export class FigureData {
  private readonly byKey = new Map<string, StoreRow[]>();
  private readonly dimensions = new Map<string, Set<string>>();

  constructor(rows: readonly StoreRow[]) {
    for (const row of rows) {
      const key = `${row.figure}\u0000${row.dimension}\u0000${row.value}`;
      const list = this.byKey.get(key) ?? [];
      list.push(row);
      this.byKey.set(key, list);
      const dims = this.dimensions.get(row.figure) ?? new Set();
      dims.add(`${row.dimension}\u0000${row.value}`);
      this.dimensions.set(row.figure, dims);
    }
  }

  private rows(
    figure: string,
    dimension: string,
    values: string | readonly string[],
    where: Where,
  ) {
    const orgs = new Set(where.orgIds);
    const months = where.months ? new Set(where.months) : null;
    const list = typeof values === 'string' ? [values] : values;
    return list
      .flatMap((value) => this.byKey.get(`${figure}\u0000${dimension}\u0000${value}`) ?? [])
      .filter((r) => orgs.has(r.orgId) && (!months || months.has(r.month)));
  }

  /** How many (n) had any of the values. */
  count(figure: string, dimension: string, values: string | readonly string[], where: Where) {
    return this.rows(figure, dimension, values, where).reduce((sum, r) => sum + r.n, 0);
  }

  /** The sum (total) over the values. */
  sum(figure: string, dimension: string, values: string | readonly string[], where: Where) {
    return this.rows(figure, dimension, values, where).reduce((sum, r) => sum + r.total, 0);
  }

  /** Every value recorded for a dimension, in any service and month. */
  valuesOf(figure: string, dimension: string): string[] {
    const found = new Set<string>();
    for (const entry of this.dimensions.get(figure) ?? []) {
      const [dim, value] = entry.split('\u0000') as [string, string];
      if (dim === dimension) found.add(value);
    }
    return [...found].sort();
  }

  /** Every dimension of a figure starting with a prefix (such as "answer.harmed."). */
  dimensionsOf(figure: string, prefix: string): string[] {
    const found = new Set<string>();
    for (const entry of this.dimensions.get(figure) ?? []) {
      const dim = entry.split('\u0000')[0]!;
      if (dim.startsWith(prefix)) found.add(dim);
    }
    return [...found].sort();
  }

  /** Each value with how many had it. */
  histogram(figure: string, dimension: string, where: Where): { value: string; n: number }[] {
    return this.valuesOf(figure, dimension).map((value) => ({
      value,
      n: this.count(figure, dimension, value, where),
    }));
  }
}
