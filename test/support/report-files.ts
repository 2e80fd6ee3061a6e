// Reading a report back from each of the forms it is written in (the page, the CSV, the
// workbook), table by table, so a test can check that the three say the same thing.
import ExcelJS from 'exceljs';
import { parse } from 'csv-parse/sync';
import { fileValue, pageText } from '../../src/features/reports/format.js';
import type { Report } from '../../src/features/reports/model.js';

export type TableRows = (string | number)[][];

/** Each table of the report object as its rows: the label, then each value as a file has it. */
export function fileTables(report: Report): Map<string, TableRows> {
  const tables = new Map<string, TableRows>();
  for (const section of report.sections)
    for (const table of section.tables)
      tables.set(
        table.id,
        table.rows.map((row) => [row.label, ...row.cells.map((c) => fileValue(report, c) ?? '')]),
      );
  return tables;
}

/** Each table as the page shows it: the label, then each cell's text. */
export function pageTables(report: Report): Map<string, string[][]> {
  const tables = new Map<string, string[][]>();
  for (const section of report.sections)
    for (const table of section.tables)
      tables.set(
        table.id,
        table.rows.map((row) => [row.label, ...row.cells.map((c) => pageText(report, c))]),
      );
  return tables;
}

function titles(report: Report) {
  const byTitle = new Map<string, { id: string; width: number; rows: number }>();
  for (const section of report.sections)
    for (const table of section.tables)
      byTitle.set(table.title, {
        id: table.id,
        width: table.columns.length,
        rows: table.rows.length,
      });
  return byTitle;
}

const decode = (text: string) =>
  text
    .replace(/&amp;/g, '&')
    .replace(/&#39;/g, "'")
    .replace(/&quot;/g, '"')
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>');

/** The tables of a report page (data-qa="report-table-<id>"), each row's cells as text. */
export function tablesOfPage(html: string): Map<string, string[][]> {
  const tables = new Map<string, string[][]>();
  for (const empty of html.matchAll(/data-qa="report-table-([^"]+)-empty"/g))
    tables.set(empty[1]!, []);
  const tablePattern = /<table[^>]*data-qa="report-table-([^"]+)"[^>]*>([\s\S]*?)<\/table>/g;
  for (const match of html.matchAll(tablePattern)) {
    const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(match[2]!)?.[1] ?? '';
    const rows = [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
      [...row[1]!.matchAll(/<t[hd][^>]*>([\s\S]*?)<\/t[hd]>/g)].map((cell) =>
        decode(
          cell[1]!
            .replace(/<span class="govuk-visually-hidden">[\s\S]*?<\/span>/g, '')
            .replace(/<[^>]+>/g, '')
            .trim(),
        ),
      ),
    );
    tables.set(match[1]!, rows);
  }
  return tables;
}

/** The tables of a report CSV, by table id, each row's values as the CSV has them. */
export function tablesOfCsv(csv: string, report: Report): Map<string, TableRows> {
  const records = parse(csv.replace(/^\uFEFF/, ''), { columns: true }) as Record<string, string>[];
  const byTitle = titles(report);
  // A table with no rows has no lines.
  const tables = new Map<string, TableRows>([...byTitle.values()].map((t) => [t.id, []]));
  let last: { id: string; row: (string | number)[] } | undefined;
  for (const record of records) {
    const id = byTitle.get(record.table!)?.id ?? `unknown:${record.table}`;
    const rows = tables.get(id) ?? [];
    tables.set(id, rows);
    const value = /^-?\d+(\.\d+)?$/.test(record.value!) ? Number(record.value) : record.value!;
    const width = byTitle.get(record.table!)?.width ?? 1;
    if (!last || last.id !== id || last.row[0] !== record.row || last.row.length > width) {
      last = { id, row: [record.row!] };
      rows.push(last.row);
    }
    last.row.push(value);
  }
  return tables;
}

/** The tables of a report workbook, found on its section sheets by their titles. */
export async function tablesOfWorkbook(buffer: Buffer, report: Report) {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(buffer as unknown as ArrayBuffer);
  const byTitle = titles(report);
  const tables = new Map<string, TableRows>();
  const cellValue = (cell: ExcelJS.CellValue) =>
    cell === null || cell === undefined ? '' : typeof cell === 'object' ? String(cell) : cell;
  workbook.eachSheet((sheet) => {
    const rows: ExcelJS.CellValue[][] = [];
    sheet.eachRow({ includeEmpty: true }, (row) =>
      rows.push((row.values as ExcelJS.CellValue[]).slice(1)),
    );
    rows.forEach((row, i) => {
      // A table starts with its title, then the line naming its definition.
      const table = typeof row[0] === 'string' ? byTitle.get(row[0]) : undefined;
      const next = rows[i + 1]?.[0];
      if (!table || typeof next !== 'string' || !next.startsWith('Definition:')) return;
      const data = rows.slice(i + 3, i + 3 + table.rows);
      tables.set(
        table.id,
        data.map((r) => [
          cellValue(r[0]) as string,
          ...Array.from({ length: table.width }, (_, c) => cellValue(r[c + 1]) as string | number),
        ]),
      );
    });
  });
  return { workbook, tables };
}
