// `waymark import referrals` as an operator runs it: the one summary line, the rejects file,
// exit codes, files it cannot process (nothing written), and an import killed half way.
import { spawn, spawnSync } from 'node:child_process';
import { once } from 'node:events';
import {
  copyFileSync,
  createWriteStream,
  existsSync,
  mkdtempSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { referralCsvText } from '../../bench/referral-csv.js';
import { connectDatabase } from '../../src/db/connect.js';
import { repoDir } from '../../src/platform/paths.js';
import { testBackend } from '../support/backend.js';
import { runWaymark } from '../support/cli.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';

const FIXTURES = path.join(repoDir, 'test/fixtures/imports');
const embedded = testBackend().kind === 'pglite';

let dir: string;
let dataDir: string;
let env: NodeJS.ProcessEnv;
let serverDatabase: TestDatabase | undefined;

const waymark = (args: string[]) => runWaymark(args, env);

/** Queries as the database owner, between commands (the embedded database is one process's). */
async function query<R>(sql: string): Promise<R[]> {
  if (serverDatabase) {
    const client = new pg.Client({ connectionString: serverDatabase.url });
    await client.connect();
    try {
      return (await client.query(sql)).rows as R[];
    } finally {
      await client.end();
    }
  }
  const database = await connectDatabase({ kind: 'embedded', dataDir });
  try {
    return await database.withOwner((owner) => owner.query<R>(sql));
  } finally {
    await database.close();
  }
}

const referralCount = async () =>
  Number((await query<{ n: number }>('select count(*) as n from referrals'))[0]!.n);

/** A copy of a fixture in the test's folder, where its rejects file may be written. */
function file(name: string): string {
  const copy = path.join(dir, name);
  copyFileSync(path.join(FIXTURES, name), copy);
  return copy;
}

const importing = (csv: string, ...flags: string[]) =>
  waymark(['import', 'referrals', csv, '--service', 'fixture-rj', ...flags]);

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'waymark-import-'));
  dataDir = path.join(dir, 'data');
  env = { WAYMARK_DATA_DIR: dataDir, NODE_ENV: 'test' };
  if (!embedded) {
    serverDatabase = await createTestDatabase();
    env.DATABASE_URL = serverDatabase.url;
  }
  for (const [name, kind, slug] of [
    ['Fixture RJ service', 'rj_service', 'fixture-rj'],
    ['Fixture Police', 'police', 'fixture-police'],
    ['Fixture Probation', 'probation', 'fixture-probation'],
  ]) {
    const added = await waymark(['orgs', 'add', '--name', name!, '--kind', kind!, '--slug', slug!]);
    expect(added.code).toBe(0);
  }
});
afterAll(async () => {
  await serverDatabase?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

// The command line around the import: its summary line, the rejects file beside the file, exit
// codes, and files refused before anything is written. That is the same code whichever database
// is under it, and the import itself (checks, duplicates, staging, publishing) is tested on both
// databases in import.int.test.ts, so these run on the PostgreSQL server only, where opening the
// database for each command costs nothing (on the embedded database every command opens the
// data folder afresh, a second or more each). The command on the embedded database is run by
// the test of an import killed half way, below.
describe.skipIf(embedded)('waymark import referrals', () => {
  it('imports a file, prints one line, and removes a stale rejects file', async () => {
    const csv = file('valid.csv');
    writeFileSync(`${csv}.rejects.csv`, 'from an earlier run');
    expect(await importing(csv)).toEqual({
      code: 0,
      out: 'imported 3, rejected 0, duplicates 0',
      err: '',
    });
    expect(existsSync(`${csv}.rejects.csv`)).toBe(false);
    expect(await importing(csv)).toMatchObject({
      code: 0,
      out: 'imported 0, rejected 0, duplicates 3',
    });
  });

  it('writes the rejected rows, with their reasons, beside the file', async () => {
    const csv = file('awkward.csv');
    expect(await importing(csv)).toEqual({
      code: 0,
      out: 'imported 2, rejected 7, duplicates 1',
      err: '',
    });
    const rejects = readFileSync(`${csv}.rejects.csv`, 'utf8');
    expect(rejects.startsWith('\uFEFFreason,source_org,initiated_by,received_on,')).toBe(true);
    const lines = rejects.trimEnd().split('\r\n');
    expect(lines).toHaveLength(8);
    expect(lines[1]).toBe(
      '"row 2: received_on: Enter a real date as YYYY-MM-DD or DD/MM/YYYY (not ""31/02/2026"")",fixture-police,victim,31/02/2026,CR-3001,robbery,pre_charge,Evans,,bad date',
    );
    // A corrected rejects file imports as it is: its reason column is read past.
    writeFileSync(`${csv}.fixed.csv`, rejects.replace(',31/02/2026,', ',28/02/2026,'));
    expect((await importing(`${csv}.fixed.csv`)).out).toBe('imported 1, rejected 6, duplicates 0');
  });

  it('checks without importing on a dry run', async () => {
    const before = await referralCount();
    const csv = file('excel-bom-crlf.csv');
    expect(await importing(csv, '--dry-run')).toEqual({
      code: 0,
      out: 'would import 2, rejected 0, duplicates 0 (dry run: nothing was imported)',
      err: '',
    });
    expect(await referralCount()).toBe(before);
    expect((await importing(csv)).out).toBe('imported 2, rejected 0, duplicates 0');
  });

  it('writes nothing when the file cannot be processed, and says why', async () => {
    const before = await referralCount();
    // (Every kind of unreadable content is covered in import.int.test.ts; one is enough here.)
    const cases: [string, string][] = [
      [
        file('unknown-column.csv'),
        'Waymark does not know these columns: "victim_nickname", "Favourite_Colour"',
      ],
      [file('not-utf8.csv'), 'The file is not UTF-8 text'],
      [path.join(dir, 'missing.csv'), 'There is no such file'],
      [dir, 'This is a folder, not a file'],
    ];
    for (const [csv, message] of cases) {
      const result = await importing(csv);
      expect(result.code).toBe(1);
      expect(result.out).toBe('');
      expect(result.err).toContain(`waymark import referrals: ${csv}: ${message}`);
      expect(result.err).not.toMatch(/\n\s+at /); // no stack trace
      expect(existsSync(`${csv}.rejects.csv`)).toBe(false);
    }
    const valid = file('valid.csv');
    for (const [service, message] of [
      ['nowhere', 'There is no organisation called "nowhere"'],
      ['fixture-police', '"fixture-police" is not a restorative justice service'],
    ]) {
      const result = await waymark(['import', 'referrals', valid, '--service', service!]);
      expect(result.code).toBe(2);
      expect(result.err).toContain(message);
    }
    expect(await referralCount()).toBe(before);
  });
});

/** The CPU time a process (all its threads) has used so far, in clock ticks (Linux). */
function cpuTicks(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1]!.split(' ');
  return Number(fields[11]) + Number(fields[12]); // utime and stime
}

/**
 * Resolves once the process has used no CPU for a second: it is waiting for input. A process
 * that is only slowed by a busy machine still gets some CPU in a second, so it is not mistaken
 * for waiting. Gives up after two minutes.
 */
async function untilWaiting(pid: number) {
  const deadline = Date.now() + 120_000;
  let last = cpuTicks(pid);
  let still = 0;
  while (still < 2 && Date.now() < deadline) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const now = cpuTicks(pid);
    still = now === last ? still + 1 : 0;
    last = now;
  }
}

// A `waymark` process killed while it holds the embedded database's data folder: nothing half
// imported is published, and the next import sweeps up what it staged.
describe.skipIf(!embedded)('an import killed half way', () => {
  it('leaves no referrals behind, and its staged rows are swept up later', async () => {
    const before = await referralCount();
    // A named pipe as the file: the test writes the first half of 20,000 rows, then kills the
    // import while it waits for the rest, so it is certainly half way.
    const fifo = path.join(dir, 'large.csv');
    spawnSync('mkfifo', [fifo]);
    const child = spawn(
      process.execPath,
      [path.join(repoDir, 'waymark'), 'import', 'referrals', fifo, '--service', 'fixture-rj'],
      {
        env: { ...process.env, ...env, DATABASE_URL: '', NODE_ENV: 'development' },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    let output = '';
    child.stdout.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const pipe = createWriteStream(fifo);
    pipe.on('error', () => undefined); // the reader is killed
    const sources = ['fixture-police', 'fixture-probation', 'self'];
    for (let from = 0; from < 10_000; from += 1000) {
      if (!pipe.write(referralCsvText(from, from + 1000, sources))) await once(pipe, 'drain');
    }
    // Killed once it has done all it can with what it was sent (and waits for the rest), not
    // after a fixed time, which a busy machine may not give it.
    await untilWaiting(child.pid!);
    child.kill('SIGKILL');
    await once(child, 'exit');
    pipe.destroy();
    expect(output).toBe('');

    const [job] = await query<{ status: string; rows_read: number; staged: number }>(
      `select status, rows_read,
              (select count(*) from import_staged_referrals s where s.job_id = j.id)::int as staged
       from import_jobs j order by created_at desc limit 1`,
    );
    expect(job!.status).toBe('running');
    expect(job!.rows_read).toBeGreaterThanOrEqual(1_000);
    expect(job!.staged).toBeGreaterThanOrEqual(1_000);
    expect(await referralCount()).toBe(before);

    // Later, once the stopped import has been idle a while, the next import sweeps it up.
    await query(`update import_jobs set updated_at = now() - interval '10 minutes'
                 where status = 'running'`);
    const complete = path.join(dir, 'complete.csv');
    writeFileSync(complete, referralCsvText(0, 300, sources));
    expect((await importing(complete)).out).toBe('imported 300, rejected 0, duplicates 0');
    expect(await referralCount()).toBe(before + 300);
    expect(
      await query(`select (select count(*) from import_staged_referrals)::int as referrals,
                          (select count(*) from import_staged_parties)::int as parties`),
    ).toEqual([{ referrals: 0, parties: 0 }]);
    expect(
      await query(
        `select status, error from import_jobs where rows_read >= 1000 and status <> 'done'`,
      ),
    ).toEqual([{ status: 'failed', error: 'imports.errors.interrupted' }]);
  }, 300_000);
});
