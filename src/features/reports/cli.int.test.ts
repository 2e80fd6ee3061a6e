// The command line for figures: refreshing and checking the store, and writing a police force
// area's quarterly return to a file, against the backend under test.
import ExcelJS from 'exceljs';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WORKBOOK_SHEETS } from '../../../test/support/report-expected.js';
import { testBackend } from '../../../test/support/backend.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { runWaymark } from '../../../test/support/cli.js';

let env: NodeJS.ProcessEnv;
let dir: string;
let serverDatabase: TestDatabase | undefined;

const waymark = (args: string[]) => runWaymark(args, env);

/** `waymark report quarterly` for Gwent's 2026-Q4, in a format, to a file. */
const gwentQuarterly = (format: string, out: string) =>
  waymark([
    'report',
    'quarterly',
    '--area',
    'gwent',
    '--quarter',
    '2026-Q4',
    '--format',
    format,
    '--out',
    out,
  ]);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'waymark-report-cli-'));
  env = { WAYMARK_DATA_DIR: path.join(dir, 'data'), NODE_ENV: 'test' };
  if (testBackend().kind === 'postgres') {
    serverDatabase = await createTestDatabase();
    env.DATABASE_URL = serverDatabase.url;
  }
  expect(
    (
      await waymark([
        'orgs',
        'add',
        '--name',
        'Gwent RJ',
        '--kind',
        'rj_service',
        '--area',
        'gwent',
      ])
    ).code,
  ).toBe(0);
  expect(
    (
      await waymark([
        'orgs',
        'add',
        '--name',
        'Gwent Police',
        '--kind',
        'police',
        '--area',
        'gwent',
      ])
    ).code,
  ).toBe(0);
  // Six referrals from the police in October 2026, one of them from a self-referral.
  const rows = [1, 2, 3, 4, 5, 6].map(
    (n) =>
      `${n === 6 ? 'self' : 'gwent-police'},victim,2026-10-0${n},CR-${n},theft-offences,pre_charge,Jones${n}`,
  );
  const file = path.join(dir, 'referrals.csv');
  writeFileSync(
    file,
    [
      'source_org,initiated_by,received_on,crime_reference,offence_group,cjs_stage,victim_surname',
      ...rows,
    ].join('\n'),
  );
  const imported = await waymark(['import', 'referrals', file, '--service', 'gwent-rj']);
  expect(imported.out).toBe('imported 6, rejected 0, duplicates 0');
});
afterAll(async () => {
  await serverDatabase?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('waymark aggregates', () => {
  it('brings the figures up to date, and says they match the case records', async () => {
    const refreshed = await waymark(['aggregates', 'refresh']);
    expect(refreshed.code).toBe(0);
    expect(refreshed.out).toMatch(
      /^Recomputed \d+ service months? for \d+ changed records? in [\d.]+ s \(\d+ steps?, the longest \d+ ms\)\.$/,
    );
    expect((await waymark(['aggregates', 'check'])).out).toBe(
      'The stored figures match the case records.',
    );
    const full = await waymark(['aggregates', 'refresh', '--full']);
    expect(full.out).toMatch(/^Recomputed every figure in [\d.]+ s\.$/);
  });
});

describe('waymark report quarterly', () => {
  it('writes the workbook, with its cover sheet and the figures', async () => {
    const out = path.join(dir, 'gwent.xlsx');
    const result = await gwentQuarterly('xlsx', out);
    expect(result).toMatchObject({ code: 0, err: '' });
    expect(result.out).toBe(
      `Wrote the quarterly return for Gwent, October to December 2026 (quarter 3 of financial year 2026 to 2027) (1 service), to ${out}.`,
    );
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(out) as unknown as ArrayBuffer);
    expect(workbook.worksheets.map((w) => w.name)).toEqual(WORKBOOK_SHEETS);
    const cover = workbook.getWorksheet('Cover')!;
    expect(cover.getCell('B3').value).toBe(
      'October to December 2026 (quarter 3 of financial year 2026 to 2027) (2026-Q4)',
    );
    expect(cover.getCell('B4').value).toBe('Gwent RJ');
    // Six referrals, shown; by source, five from the police and one (hidden) self-referral,
    // so the police's five is hidden with it.
    const rows: unknown[][] = [];
    workbook.getWorksheet('Volumes')!.eachRow((r) => rows.push((r.values as unknown[]).slice(1)));
    expect(rows.find((r) => r[0] === 'Gwent RJ')).toEqual(['Gwent RJ', 6, 0, 0, 6]);
    expect(rows.find((r) => r[0] === 'Referrals received')).toEqual(['Referrals received', 6]);
    expect(rows.find((r) => r[0] === 'Gwent Police')).toEqual(['Gwent Police', '[c]']);
    expect(rows.find((r) => r[0] === 'Self-referral')).toEqual(['Self-referral', '[c]']);
  });

  it('writes the CSV', async () => {
    const out = path.join(dir, 'gwent.csv');
    const result = await gwentQuarterly('csv', out);
    expect(result.code).toBe(0);
    const csv = readFileSync(out, 'utf8');
    expect(
      csv.startsWith('\uFEFFperiod,section,table,figure,definition_version,row,column,value\r\n'),
    ).toBe(true);
    expect(csv).toContain(
      '2026-Q4,Referrals,Referrals by the kind of organisation that sent them,referrals_received,3,Referrals received,Gwent RJ,6',
    );
  });

  it('names each mistake in the command', async () => {
    const cases: [string[], RegExp][] = [
      [
        ['--area', 'atlantis', '--quarter', '2026-Q4', '--format', 'csv'],
        /--area: there is no police force area "atlantis"/,
      ],
      [
        ['--area', 'gwent', '--quarter', '2026-13', '--format', 'csv'],
        /--quarter must be a quarter such as 2026-Q2/,
      ],
      [
        ['--area', 'gwent', '--quarter', '2026-Q4', '--format', 'pdf'],
        /--format must be csv or xlsx/,
      ],
    ];
    for (const [flags, message] of cases) {
      const result = await waymark(['report', 'quarterly', ...flags, '--out', path.join(dir, 'x')]);
      expect(result.code).toBe(2);
      expect(result.err).toMatch(message);
    }
    const missing = await waymark(['report', 'quarterly', '--area', 'gwent']);
    expect(missing.code).toBe(2);
  });
});
