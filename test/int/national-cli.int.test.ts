// The national commands as an operator runs them: `waymark import provision`,
// `import victims-informed`, `import populations` and `report provision`, with their one
// summary line, rejects file and exit codes.
import {
  copyFileSync,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { repoDir } from '../../src/platform/paths.js';
import { testBackend } from '../support/backend.js';
import { runWaymark } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

let dir: string;
let env: NodeJS.ProcessEnv;
let serverDatabase: TestDatabase | undefined;

const waymark = (...args: string[]) => runWaymark(args, env);

function write(name: string, text: string): string {
  const file = path.join(dir, name);
  writeFileSync(file, text);
  return file;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'waymark-national-'));
  env = { WAYMARK_DATA_DIR: path.join(dir, 'data'), NODE_ENV: 'test' };
  if (testBackend().kind === 'postgres') {
    serverDatabase = await createTestDatabase();
    env.DATABASE_URL = serverDatabase.url;
  }
});
afterAll(async () => {
  await serverDatabase?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('waymark import provision and report provision', () => {
  it('imports 34 areas, then reports each question and option', async () => {
    const file = path.join(dir, 'survey.csv');
    copyFileSync(path.join(repoDir, 'test/fixtures/provision/survey-2018-34-areas.csv'), file);
    expect(await waymark('import', 'provision', file, '--dry-run')).toEqual({
      code: 0,
      out: 'would create 34, replace 0, leave unchanged 0, rejected 0 (dry run: nothing was imported)',
      err: '',
    });
    expect(await waymark('import', 'provision', file)).toEqual({
      code: 0,
      out: 'created 34, replaced 0, unchanged 0, rejected 0',
      err: '',
    });
    expect((await waymark('import', 'provision', file)).out).toBe(
      'created 0, replaced 0, unchanged 34, rejected 0',
    );
    const csv = await waymark('report', 'provision', '--year', '2018', '--format', 'csv');
    expect(csv.code).toBe(0);
    const lines = csv.out.split('\n');
    expect(lines[0]).toBe('question,option,count,answered,skipped,percent');
    expect(lines).toContain('agencies,police,33,34,0,97');
    expect(lines).toContain('rsqm,awarded,12,32,2,38');
    const out = path.join(dir, 'report.json');
    expect(
      await waymark('report', 'provision', '--year', '2018', '--format', 'json', '--out', out),
    ).toMatchObject({ code: 0, out: '' });
    const json = JSON.parse(readFileSync(out, 'utf8')) as {
      notResponding: { id: string; name: string }[];
      questions: { question: string; amounts?: { total: number } }[];
    };
    expect(json.notResponding).toHaveLength(9);
    expect(json.notResponding).toContainEqual({ id: 'city-of-london', name: 'London, City of' });
    expect(json.questions.find((q) => q.question === 'rj_spend_gbp')!.amounts!.total).toBe(
      4_650_000,
    );
  });

  it('writes the rejected rows beside the file, and refuses what it cannot read', async () => {
    const file = write(
      'bad.csv',
      'area,year,respondent,provider,delivery_model,agencies,offender_initiated,sv_da,measures,challenges,expanding,rsqm,rj_spend_gbp,victims_budget_gbp,beyond_rj\r\nnowhere,2019,,,,,,,,,,,,,\r\n',
    );
    expect(await waymark('import', 'provision', file)).toMatchObject({
      code: 0,
      out: 'created 0, replaced 0, unchanged 0, rejected 1',
    });
    const rejects = readFileSync(`${file}.rejects.csv`, 'utf8');
    expect(rejects).toContain('row 2: area: Enter a police force area');
    const unknown = write('unknown.csv', 'area,year,colour\r\n');
    const refused = await waymark('import', 'provision', unknown);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('"colour"');
    expect((await waymark('import', 'provision', path.join(dir, 'missing.csv'))).code).toBe(1);
    expect(await waymark('report', 'provision', '--year', '18', '--format', 'csv')).toMatchObject({
      code: 2,
    });
    expect(await waymark('report', 'provision', '--year', '2018', '--format', 'xml')).toMatchObject(
      {
        code: 2,
      },
    );
  });
});

describe('waymark import victims-informed and populations', () => {
  it('imports monthly returns, replacing a month given again', async () => {
    const file = write(
      'returns.csv',
      'area,month,victims,told_about_rj\r\nkent,2025-01,10000,800\r\nkent,2025-02,9000,700\r\nessex,2025-01,"12,000",900\r\n',
    );
    expect((await waymark('import', 'victims-informed', file)).out).toBe(
      'created 3, replaced 0, unchanged 0, rejected 0',
    );
    const again = write(
      'again.csv',
      'area,month,victims,told_about_rj\r\nkent,2025-01,10000,800\r\nkent,2025-02,9000,750\r\nkent,2025-03,10,11\r\n',
    );
    expect((await waymark('import', 'victims-informed', again)).out).toBe(
      'created 0, replaced 1, unchanged 1, rejected 1',
    );
    expect(readFileSync(`${again}.rejects.csv`, 'utf8')).toContain(
      'row 4: told_about_rj: The number told about restorative justice cannot be more than the number of victims',
    );
  });

  it('imports populations, and leaves no rejects file when every row is good', async () => {
    const file = write(
      'populations.csv',
      'area,year,population,source\r\nkent,2024,"1,900,000",Illustrative figure\r\n',
    );
    writeFileSync(`${file}.rejects.csv`, 'from an earlier run');
    expect((await waymark('import', 'populations', file)).out).toBe(
      'created 1, replaced 0, unchanged 0, rejected 0',
    );
    expect(existsSync(`${file}.rejects.csv`)).toBe(false);
  });
});
