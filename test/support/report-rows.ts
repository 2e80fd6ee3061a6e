// Reports built from made-up store rows, for the report's property tests
// (src/features/reports/report.test.ts): referrals in three services over a quarter, counted
// under every dimension the store counts them by, as the store would.
import fc from 'fast-check';
import { parsePeriod } from '../../src/domain/report-periods.js';
import { SHEFFIELD_EVALUATION } from '../../src/domain/value-for-money.js';
import { translator } from '../../src/platform/i18n/index.js';
import type { Report } from '../../src/features/reports/model.js';
import { buildReport } from '../../src/features/reports/report.js';
import type { Organisation, StoreRow } from '../../src/features/reports/store.js';

export const t = translator('en');
const period = parsePeriod('2026-Q2')!;
const MONTHS = ['2026-04', '2026-05', '2026-06'];
const SOURCES = ['self', 'public', 'org-police'];

const organisation = (id: string, name: string, kind: Organisation['kind']): Organisation => ({
  id,
  slug: id,
  name,
  kind,
  areaId: 'kent',
  areaName: 'Kent',
});

/** Store rows for referrals, each counted under its total, source and initiator. */
export const referrals = fc.array(
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

export interface Referrals {
  org: string;
  month: string;
  source: string;
  initiatedBy: string;
  stage: string;
  age: string;
  status: string;
  n: number;
}

export function rowsOf(list: Referrals[]) {
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
    add(r, 'harm_setting', 'crime');
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

export function report(
  rows: StoreRow[],
  threshold: number | null,
  names = ['Alpha', 'Beta', 'Gamma'],
) {
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
export function cellsOf(r: Report) {
  return r.sections.flatMap((s) =>
    s.tables.flatMap((table) =>
      table.rows.flatMap((row) =>
        row.cells.map((cell, i) => ({ table, row, column: table.columns[i]!, cell })),
      ),
    ),
  );
}

export const FOUND_BY_CHANCE = [
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
