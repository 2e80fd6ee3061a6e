// A report as one CSV: a line per figure shown (period, section, table, its definition and
// version, row, column, value), so every number on the page is one line, and [c] where the page
// has [c].
import { stringify } from 'csv-stringify/sync';
import type { Report } from './model.js';
import { fileValue } from './format.js';
import { neutralise } from './spreadsheet-safety.js';
import { periodKey } from '../../domain/report-periods.js';

export const CSV_COLUMNS = [
  'period',
  'section',
  'table',
  'figure',
  'definition_version',
  'row',
  'column',
  'value',
] as const;

export function reportCsv(report: Report): string {
  const period = periodKey(report.period);
  const versions = new Map(report.definitions.map((d) => [d.id, d.version]));
  const lines: (string | number)[][] = [[...CSV_COLUMNS]];
  for (const section of report.sections)
    for (const table of section.tables)
      for (const row of table.rows)
        row.cells.forEach((cell, i) => {
          const value = fileValue(report, cell);
          lines.push([
            period,
            neutralise(section.title),
            neutralise(table.title),
            table.figure,
            versions.get(table.figure) ?? '',
            neutralise(row.label),
            neutralise(table.columns[i]?.label ?? ''),
            value === null ? '' : typeof value === 'number' ? value : neutralise(value),
          ]);
        });
  // UTF-8 with a byte order mark and CRLF, as Excel expects.
  return `\uFEFF${stringify(lines, { record_delimiter: '\r\n' })}`;
}
