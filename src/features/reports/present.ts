// A report as a page: each table as GOV.UK table rows of text, linked to its definition, with a
// chart drawn from the same cells where a picture reads faster (ADR 0007: the table is always
// there; the chart is drawn from it).
import { SUPPRESSED_MARKER } from '../../domain/suppression.js';
import { presentChart } from '../../platform/charts.js';
import { formatDateTime } from '../../platform/format.js';
import type { Translate } from '../../platform/i18n/index.js';
import { definitionUrl } from '../definitions/index.js';
import { chartValue, pageText } from './format.js';
import type { Report, Table } from './model.js';

function presentTable(report: Report, table: Table, t: Translate) {
  const definition = report.definitions.find((d) => d.id === table.figure);
  const rows = table.rows.map((row) => ({
    label: row.label,
    total: row.total ?? false,
    cells: row.cells.map((cell) => {
      const text = pageText(report, cell);
      return { text, hidden: text === SUPPRESSED_MARKER };
    }),
  }));
  const chart =
    table.chart &&
    (() => {
      const shown = table.rows.filter((r) => !table.chart!.skipRows?.includes(r.key));
      if (shown.length === 0) return undefined;
      const pictured = table.chart!.kind === 'line' ? table.rows : shown;
      const line = table.chart!.kind === 'line';
      return presentChart({
        id: table.id,
        kind: table.chart!.kind,
        title: table.title,
        // A line chart runs along the columns (months), one line per row.
        labels: line
          ? table.chart!.columns.map((i) => table.columns[i]!.label)
          : pictured.map((r) => r.label),
        series: line
          ? pictured.map((r) => ({
              label: r.label,
              values: table.chart!.columns.map((i) => chartValue(report, r.cells[i]!)),
            }))
          : table.chart!.columns.map((i) => ({
              label: table.columns[i]!.label,
              values: pictured.map((r) => chartValue(report, r.cells[i]!)),
            })),
        labelHeading: table.rowHeading,
      });
    })();
  return {
    id: table.id,
    title: table.title,
    rowHeading: table.rowHeading,
    columns: table.columns.map((c) => c.label),
    rows,
    note: table.note,
    hasHidden: rows.some((r) => r.cells.some((c) => c.hidden)),
    definition: {
      url: definitionUrl(table.figure),
      text: t('reports.aboutFigure', {
        title: definition?.title ?? table.figure,
        version: definition?.version ?? '',
      }),
    },
    chart,
  };
}

export function presentReport(report: Report, t: Translate) {
  return {
    title: report.title,
    periodLabel: report.periodLabel,
    services: report.services.map((s) => s.name),
    figuresAsAt: report.figuresAsAt ? formatDateTime(report.figuresAsAt) : t('reports.notYet'),
    suppression:
      report.threshold === null
        ? null
        : t('reports.suppressedNote', { threshold: report.threshold, marker: SUPPRESSED_MARKER }),
    sections: report.sections.map((section) => ({
      id: section.id,
      title: section.title,
      intro: section.intro,
      tables: section.tables.map((table) => presentTable(report, table, t)),
      testimonials: section.testimonials,
    })),
  };
}

export type PresentedReport = ReturnType<typeof presentReport>;
