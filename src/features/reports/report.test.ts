// Reports built from random store rows: whatever the figures, no count the page hides can be
// worked out from what the page shows, and no export shows anything the page hides. Text that
// a spreadsheet would run as a formula is neutralised.
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parsePeriod } from '../../domain/report-periods.js';
import { SHEFFIELD_EVALUATION } from '../../domain/value-for-money.js';
import { SUPPRESSED_MARKER } from '../../domain/suppression.js';
import { alternativeExists } from '../../../test/support/attack.js';
import { translator } from '../../platform/i18n/index.js';
import { reportCsv } from './csv.js';
import { fileValue, pageText } from './format.js';
import type { Report } from './model.js';
import { buildReport } from './report.js';
import { neutralise } from './spreadsheet-safety.js';
import type { Organisation, StoreRow } from './store.js';
import { reportWorkbook } from './xlsx.js';

const t = translator('en');
const period = parsePeriod('2026-Q2')!;
const MONTHS = ['2026-04', '2026-05', '2026-06'];
const SOURCES = ['self', 'public', 'org-police'];

const organisation = (id: string, name: string, kind: string): Organisation => ({
  id,
  slug: id,
  name,
  kind,
  areaId: 'kent',
  areaName: 'Kent',
});

/** Store rows for referrals, each counted under its total, source and initiator. */
const referrals = fc.array(
  fc.record({
    org: fc.constantFrom('a', 'b', 'c'),
    month: fc.constantFrom(...MONTHS),
    source: fc.constantFrom(...SOURCES),
    initiatedBy: fc.constantFrom('victim', 'offender', 'agency'),
    stage: fc.constantFrom('pre_charge', 'custody'),
    age: fc.constantFrom('under_18', 'adult', 'not_known'),
    status: fc.constantFrom('received', 'accepted', 'declined'),
    n: fc.integer({ min: 1, max: 9 }),
  }),
  { maxLength: 12 },
);

interface Referrals {
  org: string;
  month: string;
  source: string;
  initiatedBy: string;
  stage: string;
  age: string;
  status: string;
  n: number;
}

function rowsOf(list: Referrals[]) {
  const rows: StoreRow[] = [];
  const add = (r: Referrals, dimension: string, value: string) =>
    rows.push({
      orgId: r.org,
      month: r.month,
      figure: 'referrals_received',
      dimension,
      value,
      n: r.n,
      total: 0,
    });
  for (const r of list) {
    add(r, '', '');
    add(r, 'source', r.source);
    add(r, 'initiated_by', r.initiatedBy);
    add(r, 'offence_group', 'theft-offences');
    add(r, 'cjs_stage', r.stage);
    add(r, 'offender_age', r.age);
    add(r, 'status', r.status);
    if (r.status === 'declined') add(r, 'decline_reason', 'not_suitable');
    rows.push({
      orgId: r.org,
      month: r.month,
      figure: 'funnel',
      dimension: '',
      value: '',
      n: r.n,
      total: 0,
    });
    rows.push({
      orgId: r.org,
      month: r.month,
      figure: 'funnel',
      dimension: 'furthest',
      value: 'waiting',
      n: r.n,
      total: 0,
    });
    rows.push({
      orgId: r.org,
      month: r.month,
      figure: 'victims_code',
      dimension: 'rj_information.standard',
      value: 'not_recorded',
      n: r.n,
      total: 0,
    });
    rows.push({
      orgId: r.org,
      month: r.month,
      figure: 'victims_code',
      dimension: 'support_referral',
      value: 'not_recorded',
      n: r.n,
      total: 0,
    });
  }
  // The store keeps one row per service, month, dimension and value.
  const merged = new Map<string, StoreRow>();
  for (const row of rows) {
    const key = [row.orgId, row.month, row.figure, row.dimension, row.value].join('|');
    const known = merged.get(key);
    merged.set(key, known ? { ...known, n: known.n + row.n } : row);
  }
  return [...merged.values()];
}

function report(rows: StoreRow[], threshold: number | null, names = ['Alpha', 'Beta', 'Gamma']) {
  return buildReport({
    kind: 'area',
    title: 'Test area',
    period,
    periodLabel: 'April to June 2026',
    services: [
      { id: 'a', name: names[0]! },
      { id: 'b', name: names[1]! },
      { id: 'c', name: names[2]! },
    ],
    producedAt: new Date('2026-07-10T09:00:00Z'),
    figuresAsAt: new Date('2026-07-10T08:59:00Z'),
    threshold,
    rows,
    testimonials: [],
    spend: new Map(),
    costBenefit: SHEFFIELD_EVALUATION,
    organisations: [organisation('org-police', 'Kent Police', 'police')],
    offenceGroups: new Map([['theft-offences', 'Theft offences']]),
    categories: new Map(),
    t,
  });
}

/** Every cell of every table, with what the page, the CSV and the workbook have for it. */
function cellsOf(r: Report) {
  return r.sections.flatMap((s) =>
    s.tables.flatMap((table) =>
      table.rows.flatMap((row) =>
        row.cells.map((cell, i) => ({ table, row, column: table.columns[i]!, cell })),
      ),
    ),
  );
}

const FOUND_BY_CHANCE = [
  {
    org: 'c',
    month: '2026-06',
    source: 'self',
    initiatedBy: 'victim',
    stage: 'pre_charge',
    age: 'adult',
    status: 'received',
    n: 3,
  },
  {
    org: 'a',
    month: '2026-06',
    source: 'org-police',
    initiatedBy: 'victim',
    stage: 'pre_charge',
    age: 'adult',
    status: 'received',
    n: 2,
  },
  {
    org: 'b',
    month: '2026-04',
    source: 'self',
    initiatedBy: 'victim',
    stage: 'pre_charge',
    age: 'adult',
    status: 'received',
    n: 2,
  },
  {
    org: 'c',
    month: '2026-05',
    source: 'public',
    initiatedBy: 'victim',
    stage: 'pre_charge',
    age: 'adult',
    status: 'received',
    n: 1,
  },
];

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
    const r = report(
      rowsOf([
        {
          org: 'a',
          month: '2026-04',
          source: 'self',
          initiatedBy: 'victim',
          stage: 'custody',
          age: 'under_18',
          status: 'accepted',
          n: 1,
        },
      ]),
      null,
    );
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
    const rows = rowsOf([
      {
        org: 'a',
        month: '2026-04',
        source: 'self',
        initiatedBy: 'victim',
        stage: 'custody',
        age: 'under_18',
        status: 'accepted',
        n: 7,
      },
    ]);
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
  });
});
