// Building a report's tables from the store. Every count gets a key that names what it counts
// (figure, dimension, value, service, month), so a count shown in two tables is one cell, and
// every table says which counts add up to which (its totals, and "all services" as the sum of
// each service): those relations are what suppression protects (src/domain/suppression.ts).
import type { Relation } from '../../domain/suppression.js';
import type { Month, ReportPeriod } from '../../domain/report-periods.js';
import type { Translate } from '../../platform/i18n/index.js';
import type { Cell, CountCell, MeasureCell, MeasureFormat, Row, Table } from './model.js';
import type { FigureData, Organisation } from './store.js';

/** A column of figures: one service, or all the services of a report together. */
export interface Unit {
  key: string;
  label: string;
  orgIds: string[];
}

export interface BuildContext {
  t: Translate;
  data: FigureData;
  period: ReportPeriod;
  months: Month[];
  /** Each service, then (with more than one) all of them together. */
  units: Unit[];
  /** The report's figures as one column: all its services, or its one service. */
  combined: Unit;
  /** Every organisation, for the names and kinds of referral sources and audiences. */
  organisations: ReadonlyMap<string, Organisation>;
  /** Offence groups' names, and wellbeing categories' labels, by id or key. */
  offenceGroups: ReadonlyMap<string, string>;
  categories: ReadonlyMap<string, string>;
}

export interface RowSpec {
  key: string;
  label: string;
  /** The codes the store recorded that this row adds up. */
  values: readonly string[];
}

export class ReportBuilder {
  readonly counts = new Map<string, number>();
  private readonly relationsByKey = new Map<string, Relation>();

  constructor(readonly ctx: BuildContext) {}

  get relations(): Relation[] {
    return [...this.relationsByKey.values()];
  }

  key(figure: string, dimension: string, value: string, unit: Unit, time = 'period'): string {
    return `${figure}|${dimension}|${value}|${unit.key}|${time}`;
  }

  /** A count cell. The same key twice must be the same number (else a figure is wrong). */
  count(key: string, value: number): CountCell {
    const known = this.counts.get(key);
    if (known !== undefined && known !== value)
      throw new Error(`Report: ${key} is ${known} in one table and ${value} in another`);
    this.counts.set(key, value);
    return { kind: 'count', key, value };
  }

  /** That `total` is the sum of `parts`, as the reader can see. */
  relate(total: string, parts: readonly string[]): void {
    if (parts.length === 0) return;
    const relation = { total, parts: [...parts] };
    this.relationsByKey.set(JSON.stringify(relation), relation);
  }

  /** That each column of `total` is the sum of that column of `parts`. */
  relateColumns(total: readonly Cell[], parts: readonly Row[]): void {
    total.forEach((cell, i) =>
      this.relate(
        (cell as CountCell).key,
        parts.map((p) => (p.cells[i] as CountCell).key),
      ),
    );
  }

  /**
   * A figure's total row (dimension '') and a row for each of `values` of `dimension`, the total
   * the sum of the parts; each row's label is `${labels}.${key}`.
   */
  totalAndParts(spec: {
    figure: string;
    labels: string;
    total: string;
    dimension: string;
    values: readonly string[];
  }): { total: Row; parts: Row[] } {
    const row = (dimension: string, value: string, key: string): Row => ({
      key,
      label: this.ctx.t(`${spec.labels}.${key}`),
      cells: this.countRow({
        figure: spec.figure,
        dimension,
        row: { key: value, label: key, values: [value] },
      }),
    });
    const total = row('', '', spec.total);
    const parts = spec.values.map((v) => row(spec.dimension, v, v));
    this.relateColumns(total.cells, parts);
    return { total, parts };
  }

  measure(value: number | null, format: MeasureFormat, restsOn: string[] = []): MeasureCell {
    return { kind: 'measure', value, format, restsOn };
  }

  /** Every unit's count of a figure's values, with all services as the sum of each. */
  countRow(
    spec: { figure: string; dimension: string; keyDimension?: string; row: RowSpec },
    time?: { month: Month },
  ): CountCell[] {
    const { data, units } = this.ctx;
    const cells = units.map((unit) =>
      this.count(
        this.key(spec.figure, spec.keyDimension ?? spec.dimension, spec.row.key, unit, time?.month),
        data.count(spec.figure, spec.dimension, spec.row.values, {
          orgIds: unit.orgIds,
          months: time ? [time.month] : this.ctx.months,
        }),
      ),
    );
    this.relateServices(cells);
    return cells;
  }

  /** With several services, the last unit is all of them: its count is the sum of theirs. */
  relateServices(cells: readonly CountCell[]): void {
    if (cells.length > 1)
      this.relate(
        cells.at(-1)!.key,
        cells.slice(0, -1).map((c) => c.key),
      );
  }

  unitColumns(): { key: string; label: string }[] {
    return this.ctx.units.map((u) => ({ key: u.key, label: u.label }));
  }

  /** A column for each month of the period, then one for the whole period. */
  monthColumns(): { key: string; label: string }[] {
    const { t, months } = this.ctx;
    return [
      ...months.map((m) => ({
        key: m,
        label: t(`reports.monthShort.${m.slice(5)}`, { year: m.slice(0, 4) }),
      })),
      { key: 'period', label: t('reports.total') },
    ];
  }
}

/** A label from the catalogue, or the code made readable when the catalogue has none. */
export function labelOf(t: Translate, prefix: string, code: string): string {
  const label = t(`${prefix}.${code}`);
  if (!label.startsWith(`${prefix}.`)) return label;
  const words = code.replace(/[_-]+/g, ' ').trim();
  return words.charAt(0).toUpperCase() + words.slice(1);
}

/** Rows for a list the domain knows, in its order, then any other code the store recorded. */
export function codeRows(
  ctx: BuildContext,
  figure: string,
  dimension: string,
  known: readonly string[],
  label: (code: string) => string,
): RowSpec[] {
  const extra = ctx.data.valuesOf(figure, dimension).filter((v) => !known.includes(v));
  return [...known, ...extra].map((code) => ({ key: code, label: label(code), values: [code] }));
}

export interface BreakdownSpec {
  id: string;
  figure: string;
  title: string;
  rowHeading: string;
  dimension: string;
  /** The dimension named in the counts' keys, when rows group the store's codes. */
  keyDimension?: string;
  rows: RowSpec[];
  /** The total row: the figure's total (dimension ''), or none. */
  totalLabel?: string;
  /** Whether the rows add up to the total (every record has exactly one value). */
  exhaustive: boolean;
  /** Leave out rows that are zero for every service. */
  hideEmptyRows?: boolean;
  note?: string;
  chart?: Table['chart'];
}

/** A breakdown: a row per value, a column per service (and all services), and a total row. */
export function breakdownTable(b: ReportBuilder, spec: BreakdownSpec): Table {
  const rows: Row[] = spec.rows.map((row) => ({
    key: row.key,
    label: row.label,
    cells: b.countRow({ ...spec, row }),
  }));
  const shown = spec.hideEmptyRows
    ? rows.filter((r) => r.cells.some((c) => c.kind === 'count' && c.value > 0))
    : rows;
  if (spec.totalLabel !== undefined) {
    const total = b.countRow({
      figure: spec.figure,
      dimension: '',
      row: { key: '', label: spec.totalLabel, values: [''] },
    });
    if (spec.exhaustive) b.relateColumns(total, rows);
    shown.push({ key: 'total', label: spec.totalLabel, cells: total, total: true });
  }
  return {
    id: spec.id,
    title: spec.title,
    figure: spec.figure,
    rowHeading: spec.rowHeading,
    columns: b.unitColumns(),
    rows: shown,
    ...(spec.note ? { note: spec.note } : {}),
    ...(spec.chart ? { chart: spec.chart } : {}),
  };
}
