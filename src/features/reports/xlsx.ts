// A report as a workbook (exceljs): a cover sheet (what, for which services and period, when,
// the definitions and their versions, how small numbers are shown), then a sheet per section
// with its tables. Numbers are numbers; [c] is text; every text cell is neutralised against
// formula injection.
// Loaded when a workbook is first asked for: most processes never make one.
import type ExcelJS from 'exceljs';
import { periodKey } from '../../domain/report-periods.js';
import { SUPPRESSED_MARKER } from '../../domain/suppression.js';
import { formatDateTime } from '../../platform/format.js';
import type { Translate } from '../../platform/i18n/index.js';
import { definitionUrl } from '../definitions/index.js';
import { fileValue } from './format.js';
import type { Cell, MeasureFormat, Report, Table } from './model.js';
import { neutralise } from './spreadsheet-safety.js';
import { figuresMarking } from '../../domain/protective-marking.js';

const NUMBER_FORMATS: Record<MeasureFormat | 'count', string> = {
  count: '#,##0',
  number: '#,##0',
  percent: '0.0',
  decimal: '0.0',
  hours: '#,##0.0',
  miles: '#,##0.0',
  days: '0.#',
  signed: '+0.00;-0.00;0',
  money: '£#,##0.00',
};

const text = (value: string) => neutralise(value);

function coverSheet(workbook: ExcelJS.Workbook, report: Report, t: Translate, baseUrl: string) {
  const sheet = workbook.addWorksheet(t('reports.files.cover'));
  sheet.columns = [{ width: 34 }, { width: 70 }, { width: 12 }];
  const title = sheet.addRow([text(report.title)]);
  title.font = { bold: true, size: 14 };
  const line = (label: string, value: string) => {
    const row = sheet.addRow([text(label), text(value)]);
    row.getCell(1).font = { bold: true };
  };
  if (report.area) line(t('reports.files.area'), report.area.name);
  line(t('reports.files.period'), `${report.periodLabel} (${periodKey(report.period)})`);
  line(t('reports.files.services'), report.services.map((s) => s.name).join('; '));
  line(t('reports.files.producedAt'), formatDateTime(report.producedAt));
  line(
    t('reports.files.figuresAsAt'),
    report.figuresAsAt ? formatDateTime(report.figuresAsAt) : t('reports.notYet'),
  );
  line(
    t('reports.files.smallNumbers'),
    report.threshold === null
      ? t('reports.files.notSuppressed')
      : t('reports.suppressedNote', { threshold: report.threshold, marker: SUPPRESSED_MARKER }),
  );
  sheet.addRow([]);
  const head = sheet.addRow([
    text(t('reports.figure')),
    text(t('reports.files.definition')),
    text(t('reports.versionHeading')),
  ]);
  head.font = { bold: true };
  for (const d of report.definitions)
    sheet.addRow([text(d.title), text(`${baseUrl}${definitionUrl(d.id)}`), d.version]);
}

function writeCell(cell: ExcelJS.Cell, report: Report, source: Cell) {
  const value = fileValue(report, source);
  if (value === null) return;
  if (typeof value === 'string') {
    cell.value = text(value);
    cell.alignment = { horizontal: 'right' };
    return;
  }
  cell.value = value;
  cell.numFmt = NUMBER_FORMATS[source.kind === 'count' ? 'count' : source.format];
}

function writeTable(sheet: ExcelJS.Worksheet, report: Report, table: Table, t: Translate) {
  const version = report.definitions.find((d) => d.id === table.figure)?.version;
  sheet.addRow([text(table.title)]).font = { bold: true, size: 12 };
  sheet.addRow([
    text(
      t('reports.files.definitionOf', { url: definitionUrl(table.figure), version: version ?? '' }),
    ),
  ]);
  const head = sheet.addRow([text(table.rowHeading), ...table.columns.map((c) => text(c.label))]);
  head.font = { bold: true };
  for (const row of table.rows) {
    const added = sheet.addRow([text(row.label)]);
    if (row.total) added.font = { bold: true };
    row.cells.forEach((cell, i) => writeCell(added.getCell(i + 2), report, cell));
  }
  if (table.note) sheet.addRow([text(table.note)]).font = { italic: true };
  sheet.addRow([]);
}

export async function reportWorkbook(
  report: Report,
  t: Translate,
  baseUrl: string,
): Promise<Buffer> {
  const { default: Excel } = await import('exceljs');
  const workbook = new Excel.Workbook();
  workbook.creator = 'Waymark';
  workbook.created = report.producedAt;
  coverSheet(workbook, report, t, baseUrl);
  for (const section of report.sections) {
    const sheet = workbook.addWorksheet(t(`reports.sheets.${section.id}`));
    sheet.addRow([text(section.title)]).font = { bold: true, size: 14 };
    sheet.columns = [{ width: 48 }, ...Array.from({ length: 14 }, () => ({ width: 14 }))];
    if (section.intro) sheet.addRow([text(section.intro)]).font = { italic: true };
    for (const table of section.tables) writeTable(sheet, report, table, t);
    if (section.testimonials?.length) {
      sheet.addRow([text(t('reports.outcomes.testimonials'))]).font = { bold: true, size: 12 };
      for (const testimonial of section.testimonials)
        sheet.addRow([text(testimonial.text), text(testimonial.service), testimonial.approvedOn]);
    }
  }
  // Printed at the head and foot of every page of every sheet: a service's own figures are not
  // suppressed; an area's are.
  const marking = figuresMarking(report.kind !== 'service');
  workbook.eachSheet((sheet) => {
    sheet.headerFooter = { oddHeader: `&C${marking}`, oddFooter: `&C${marking}` };
  });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
