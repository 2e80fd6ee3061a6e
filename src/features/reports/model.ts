// A report as data: sections of tables of cells, built once from the aggregate store and
// suppressed once, then written out as a page, a CSV and a workbook, so the three always agree
// and an export never shows what the page hides.
import type { ReportPeriod } from '../../domain/report-periods.js';
import type { Relation } from '../../domain/suppression.js';

/** A count of people or records: what small-number suppression protects. */
export interface CountCell {
  kind: 'count';
  /** The count's identity in the report: the same count in two tables is the same cell. */
  key: string;
  value: number;
}

export type MeasureFormat =
  'number' | 'percent' | 'decimal' | 'signed' | 'money' | 'hours' | 'miles' | 'days';

/** A figure worked out from counts (a rate, a median, a mean) or an amount (hours, pounds). */
export interface MeasureCell {
  kind: 'measure';
  value: number | null;
  format: MeasureFormat;
  /** The counts it rests on: hidden when any of them is hidden. */
  restsOn: string[];
}

export type Cell = CountCell | MeasureCell;

export interface Row {
  key: string;
  label: string;
  cells: Cell[];
  /** A row that adds up the rows above it. */
  total?: boolean;
}

export interface Column {
  key: string;
  label: string;
}

export interface ChartSpec {
  kind: 'bar' | 'horizontalBar' | 'line';
  /** Which column's values the chart draws (by index), one series each. */
  columns: number[];
  /** Rows left out of the picture (a total row), by key. */
  skipRows?: string[];
}

export interface Table {
  /** Unique in the report; also the page's data-qa and anchor. */
  id: string;
  title: string;
  /** The definition the table's figures follow (its link). */
  figure: string;
  /** Other definitions some of its figures follow (listed on the cover sheet). */
  alsoFigures?: string[];
  rowHeading: string;
  columns: Column[];
  rows: Row[];
  note?: string;
  chart?: ChartSpec;
}

export interface Section {
  id: SectionId;
  title: string;
  tables: Table[];
  /** Anonymised testimonials participants allowed to be shared (the outcomes section). */
  testimonials?: { service: string; approvedOn: string; text: string }[];
  intro?: string;
}

export const SECTION_IDS = [
  'volumes',
  'funnel',
  'interventions',
  'outcomes',
  'equality',
  'activity',
  'spend',
] as const;
export type SectionId = (typeof SECTION_IDS)[number];

export interface ReportService {
  id: string;
  name: string;
}

export interface Report {
  kind: 'service' | 'area';
  title: string;
  period: ReportPeriod;
  periodLabel: string;
  area?: { id: string; name: string };
  services: ReportService[];
  producedAt: Date;
  /** When the aggregate store was last brought up to date. */
  figuresAsAt: Date | null;
  /** Counts above zero and below this are hidden; null: a service's own report, not hidden. */
  threshold: number | null;
  sections: Section[];
  /** The versions of the definitions the report's figures follow. */
  definitions: { id: string; version: number; title: string }[];
  /** Which counts the report hides. */
  hidden: ReadonlySet<string>;
  /** Every count and the relations between them that a reader can see (what suppression used). */
  counts: ReadonlyMap<string, number>;
  relations: readonly Relation[];
}

/** What every writer of a report shows for a cell: a number, or hidden. */
export type Shown = { hidden: true } | { hidden: false; value: number | null };

export function shownCell(report: Report, cell: Cell): Shown {
  if (cell.kind === 'count')
    return report.hidden.has(cell.key) ? { hidden: true } : { hidden: false, value: cell.value };
  if (cell.restsOn.some((key) => report.hidden.has(key))) return { hidden: true };
  return { hidden: false, value: cell.value };
}
