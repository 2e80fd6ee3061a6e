// How a report's cells read: on a page (GOV.UK style: "1,234", "66.7%", "£1,234.00") and in
// the files (plain numbers a spreadsheet can add up). A hidden count, and anything resting on
// one, is the marker [c] everywhere.
import { SUPPRESSED_MARKER } from '../../domain/suppression.js';
import { formatChange, formatNumber } from '../../platform/format.js';
import { shownCell, type Cell, type MeasureFormat, type Report } from './model.js';

function pageNumber(value: number, format: MeasureFormat | 'count'): string {
  switch (format) {
    case 'count':
    case 'number':
      return formatNumber(value);
    case 'percent':
      return `${formatNumber(value, 1)}%`;
    case 'signed':
      return formatChange(value);
    case 'money':
      return `£${formatNumber(value, 2)}`;
    case 'days':
      return formatNumber(value, Number.isInteger(value) ? 0 : 1);
    case 'decimal':
    case 'hours':
    case 'miles':
      return formatNumber(value, 1);
  }
}

const formatOf = (cell: Cell) => (cell.kind === 'count' ? 'count' : cell.format);

/** The cell as a page shows it. */
export function pageText(report: Report, cell: Cell): string {
  const shown = shownCell(report, cell);
  if (shown.hidden) return SUPPRESSED_MARKER;
  if (shown.value === null) return '–';
  return pageNumber(shown.value, formatOf(cell));
}

/** The cell as a number for a file (rounded as the page rounds), null when there is none. */
export function fileNumber(cell: Cell, value: number): number {
  switch (formatOf(cell)) {
    case 'count':
    case 'number':
      return value;
    case 'money':
      return Math.round(value * 100) / 100;
    case 'signed':
      return Math.round(value * 100) / 100;
    default:
      return Math.round(value * 10) / 10;
  }
}

/** The cell's value in a file: a number, the marker, or nothing. */
export function fileValue(report: Report, cell: Cell): number | string | null {
  const shown = shownCell(report, cell);
  if (shown.hidden) return SUPPRESSED_MARKER;
  if (shown.value === null) return null;
  return fileNumber(cell, shown.value);
}

/** The cell as a number a chart can draw (null when hidden or empty). */
export function chartValue(report: Report, cell: Cell): number | null {
  const shown = shownCell(report, cell);
  return shown.hidden ? null : shown.value;
}
