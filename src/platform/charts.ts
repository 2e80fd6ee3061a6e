// Charts are tables first: every chart is a data table that works without JavaScript and for
// screen readers; where JavaScript runs, Chart.js draws the same numbers as a picture above it
// (src/platform/assets/charts.js). A chart's numbers travel in a JSON data block, not a script.
import { formatChange, formatNumber } from './format.js';

export interface ChartSeries {
  label: string;
  /** A value; null for none; a string (a suppression marker) shown as it is, and not drawn. */
  values: (number | null | string)[];
}

export interface Chart {
  id: string;
  kind: 'bar' | 'horizontalBar' | 'line';
  title: string;
  /** One label per value: the x axis (or the bars). */
  labels: string[];
  series: ChartSeries[];
  /** What the table's first column is, e.g. "Category". */
  labelHeading: string;
  /** How each value is shown in the table, e.g. with a % or one decimal place. */
  format?: 'number' | 'percent' | 'percent1' | 'signed';
  /** Optional smallest and largest value of the value axis. */
  min?: number;
  max?: number;
  /** Columns the table shows before the charted values, not drawn (a count beside a share). */
  tableColumns?: { label: string; cells: string[] }[];
}

export function formatChartValue(
  value: number | null | string,
  format: Chart['format'] = 'number',
): string {
  if (typeof value === 'string') return value;
  if (value === null || Number.isNaN(value)) return '–';
  if (format === 'percent') return `${Math.round(value)}%`;
  if (format === 'percent1') return `${formatNumber(value, 1)}%`;
  const rounded = Math.round(value * 100) / 100;
  if (format === 'signed') return formatChange(value);
  return String(rounded);
}

/** What the chart partial needs: the table rows, and the JSON Chart.js reads. */
export function presentChart(chart: Chart) {
  return {
    ...chart,
    headings: [
      ...(chart.tableColumns ?? []).map((column) => column.label),
      ...chart.series.map((series) => series.label),
    ],
    rows: chart.labels.map((label, index) => ({
      label,
      cells: [
        ...(chart.tableColumns ?? []).map((column) => column.cells[index] ?? ''),
        ...chart.series.map((series) =>
          formatChartValue(series.values[index] ?? null, chart.format),
        ),
      ],
    })),
    json: JSON.stringify({
      kind: chart.kind,
      labels: chart.labels,
      series: chart.series.map((series) => ({
        ...series,
        values: series.values.map((value) => (typeof value === 'string' ? null : value)),
      })),
      min: chart.min,
      max: chart.max,
      percent: chart.format === 'percent' || chart.format === 'percent1',
    }).replace(/</g, '\\u003c'),
  };
}
