// Reports built from random store rows: whatever the figures, no count the page hides can be
// worked out from what the page shows, and no export shows anything the page hides. Text that
// a spreadsheet would run as a formula is neutralised.
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { SUPPRESSED_MARKER } from '../../domain/suppression.js';
import { alternativeExists } from '../../../test/support/attack.js';
import {
  cellsOf,
  FOUND_BY_CHANCE,
  referrals,
  report,
  rowsOf,
  t,
} from '../../../test/support/report-rows.js';
import { reportCsv } from './csv.js';
import { fileValue, pageText } from './format.js';
import { neutralise } from './spreadsheet-safety.js';
import { reportWorkbook } from './xlsx.js';

/** A month's accepted self-referrals of under-18s in custody to service a. */
const acceptedSelfReferrals = (n: number) => ({
  org: 'a',
  month: '2026-04',
  source: 'self',
  initiatedBy: 'victim',
  stage: 'custody',
  age: 'under_18',
  status: 'accepted',
  n,
});

describe('a report built from the store', () => {
  it('hides a small count everywhere it appears, and every figure resting on it, and nothing hidden can be worked out (property)', () => {
    fc.assert(
      fc.property(referrals, fc.integer({ min: 2, max: 10 }), (list, threshold) => {
        const r = report(rowsOf(list), threshold);
        // The data is whole: every total the report shows is the sum of its parts.
        for (const relation of r.relations)
          expect(r.counts.get(relation.total), relation.total).toBe(
            relation.parts.reduce((sum, p) => sum + r.counts.get(p)!, 0),
          );
        for (const { cell } of cellsOf(r)) {
          if (cell.kind === 'count' && cell.value > 0 && cell.value < threshold)
            expect(pageText(r, cell)).toBe(SUPPRESSED_MARKER);
          if (cell.kind === 'measure' && cell.restsOn.some((k) => r.hidden.has(k)))
            expect(pageText(r, cell)).toBe(SUPPRESSED_MARKER);
        }
        // And no hidden count can be worked out from the page's counts and totals.
        const input = { cells: r.counts, relations: r.relations };
        for (const key of r.hidden)
          expect(alternativeExists(input, r.hidden, key), `${key} can be recovered`).toBe(true);
      }),
      {
        numRuns: 40,
        // Once found by chance: three services' totals all hidden, where the reader's only other
        // answer moves one of them by two (test/support/attack.ts).
        examples: [[FOUND_BY_CHANCE, 5]],
      },
    );
  }, 120_000);

  it('writes to the CSV and the workbook exactly what the page shows, and [c] where it hides (property)', async () => {
    await fc.assert(
      fc.asyncProperty(referrals, fc.integer({ min: 2, max: 10 }), async (list, threshold) => {
        const r = report(rowsOf(list), threshold);
        const csv = reportCsv(r);
        const lines = csv
          .replace(/^\uFEFF/, '')
          .trim()
          .split('\r\n')
          .slice(1);
        const cells = cellsOf(r);
        expect(lines.length).toBe(cells.length);
        lines.forEach((line, i) => {
          const value = line.split(',').at(-1)!;
          const { cell } = cells[i]!;
          const page = pageText(r, cell);
          if (page === SUPPRESSED_MARKER) expect(value).toBe(SUPPRESSED_MARKER);
          else expect(value).toBe(String(fileValue(r, cell) ?? ''));
        });
        const workbook = new ExcelJS.Workbook();
        await workbook.xlsx.load(
          (await reportWorkbook(r, t, 'http://x')) as unknown as ArrayBuffer,
        );
        const written: unknown[] = [];
        workbook.eachSheet((sheet) => {
          if (sheet.name === 'Cover') return;
          sheet.eachRow((row) => {
            for (const value of (row.values as unknown[]).slice(2))
              if (value !== undefined) written.push(value);
          });
        });
        const shown = cells.map(({ cell }) => fileValue(r, cell)).filter((v) => v !== null);
        // Every number or marker in the workbook's tables is a cell the page shows the same way.
        const numbers = written.filter((v) => typeof v === 'number' || v === SUPPRESSED_MARKER);
        expect(numbers.sort()).toEqual(
          shown.filter((v) => typeof v === 'number' || v === SUPPRESSED_MARKER).sort(),
        );
      }),
      { numRuns: 10 },
    );
  }, 120_000);

  it('shows everything in a service’s own report', () => {
    const r = report(rowsOf([acceptedSelfReferrals(1)]), null);
    expect(r.hidden.size).toBe(0);
    expect(cellsOf(r).some(({ cell }) => pageText(r, cell) === SUPPRESSED_MARKER)).toBe(false);
  });
});

describe('text in spreadsheets', () => {
  it('is never read as a formula', () => {
    for (const bad of ['=HYPERLINK("http://x")', '+1', '-2+3', '@SUM(A1)', '\tx', '\rx'])
      expect(neutralise(bad).startsWith("'")).toBe(true);
    expect(neutralise('Kent Police')).toBe('Kent Police');
  });

  it('neutralises names in the CSV and the workbook, and keeps numbers as numbers', async () => {
    const rows = rowsOf([acceptedSelfReferrals(7)]);
    const r = report(rows, null, ['=cmd|"/c calc"!A1', '@Beta', '-Gamma']);
    const csv = reportCsv(r);
    expect(csv).not.toMatch(/(^|,)"?=cmd/m);
    expect(csv).toContain(`'=cmd`);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await reportWorkbook(r, t, 'http://x')) as unknown as ArrayBuffer);
    const texts: string[] = [];
    workbook.eachSheet((sheet) =>
      sheet.eachRow((row) => {
        for (const value of row.values as unknown[])
          if (typeof value === 'string') texts.push(value);
      }),
    );
    expect(texts.filter((v) => /^[=+\-@\t\r]/.test(v))).toEqual([]);
    expect(texts).toContain(`'=cmd|"/c calc"!A1`);
    expect(texts).toContain(`'@Beta`);
    // An area's report (suppressed figures) is marked OFFICIAL at the head and foot of each sheet.
    workbook.eachSheet((sheet) =>
      expect([sheet.headerFooter.oddHeader, sheet.headerFooter.oddFooter]).toEqual([
        '&COFFICIAL',
        '&COFFICIAL',
      ]),
    );
  });
});
