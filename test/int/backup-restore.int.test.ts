// Backup and restore of the embedded database: a backup taken while work goes on is a
// consistent moment, and restoring it gives back every table exactly (row counts and a checksum
// of every row), with the audit chain intact. Then the same through the command line against a
// running server, which takes the backup itself.
import { spawn, type ChildProcess } from 'node:child_process';
import {
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  statSync,
  writeFileSync,
} from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  backupBytes,
  readBackup,
  restoreBackup,
  tableChecksums,
  writeFileWhole,
} from '../../src/db/backup.js';
import { connectDatabase, type Database } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { verifyAuditChains } from '../../src/features/audit-integrity/verify.js';
import { memoryTransport, notifier } from '../../src/platform/notifications.js';
import { repoDir } from '../../src/platform/paths.js';
import { createServices } from '../../src/services.js';
import { testBackend } from '../support/backend.js';
import { makeService, openCase } from '../support/cases.js';
import { FakeClock } from '../support/clock.js';
import { freePort } from '../support/throwaway-postgres.js';
import { runCli } from '../../src/main.js';

const folders: string[] = [];
function tempDir(prefix = 'waymark-backup-') {
  const dir = mkdtempSync(path.join(tmpdir(), prefix));
  folders.push(dir);
  return dir;
}
afterAll(() => {
  for (const dir of folders) {
    rmSync(dir, { recursive: true, force: true });
    // Restoring keeps the files it replaced beside the data folder.
    for (const name of readdirSync(path.dirname(dir)))
      if (name.startsWith(`${path.basename(dir)}.before-restore-`))
        rmSync(path.join(path.dirname(dir), name), { recursive: true, force: true });
  }
});

/** A migrated embedded database in a folder, from the test run's template (no initdb). */
async function embeddedIn(dataDir: string): Promise<Database> {
  const template = process.env.WAYMARK_TEST_PGLITE_TEMPLATE!;
  const database = await connectDatabase({
    kind: 'embedded',
    dataDir,
    loadDataDir: new Uint8Array(readFileSync(template)),
  });
  await migrate(database);
  return database;
}

function servicesOn(database: Database) {
  return createServices({
    db: database.db,
    clock: new FakeClock('2026-11-20T10:00:00Z'),
    secret: 'test-secret-0123456789abcdef0123456789',
    notifier: notifier(database.db, memoryTransport()),
    baseUrl: 'http://waymark.test',
  });
}

async function addCases(database: Database, count: number) {
  const services = servicesOn(database);
  const service = await makeService(services);
  for (let i = 0; i < count; i++) await openCase(services, service.practitioner);
}

function waitFor(child: ChildProcess, pattern: RegExp): Promise<string> {
  return new Promise((resolve, reject) => {
    let seen = '';
    const onData = (chunk: Buffer) => {
      seen += chunk.toString();
      if (pattern.test(seen)) resolve(seen);
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.on('exit', () => reject(new Error(`exited before ${pattern}; saw:\n${seen}`)));
  });
}

async function cli(args: string[], dataDir: string) {
  const out: string[] = [];
  const code = await runCli(args, {
    out: (line) => out.push(line),
    err: (line) => out.push(line),
    env: { WAYMARK_DATA_DIR: dataDir, NODE_ENV: 'test', LOG_LEVEL: 'silent' },
  });
  return { code, out: out.join('\n') };
}

describe.skipIf(testBackend().kind !== 'pglite')('backing up the embedded database', () => {
  it('restores every table exactly as it was when the backup was taken', async () => {
    const dataDir = tempDir();
    const database = await embeddedIn(dataDir);
    await addCases(database, 20);
    const file = path.join(tempDir(), 'waymark.backup');
    const started = Date.now();
    // Work sent while the backup runs lands wholly before or wholly after it.
    const [bytes] = await Promise.all([backupBytes(database), addCases(database, 3)]);
    const backupMs = Date.now() - started;
    await writeFileWhole(file, bytes);
    const atBackup = (await readBackup(file)).manifest.tables;
    await addCases(database, 5);
    const latest = await database.withOwner(tableChecksums);
    await database.close();
    expect(latest.cases!.rows).toBeGreaterThan(atBackup.cases!.rows);

    const restoredDir = tempDir();
    const restoreStarted = Date.now();
    const report = await restoreBackup(file, restoredDir);
    const restoreMs = Date.now() - restoreStarted;
    const restored = await connectDatabase({ kind: 'embedded', dataDir: restoredDir });
    try {
      const actual = await restored.withOwner(tableChecksums);
      expect(Object.keys(actual).length).toBeGreaterThan(50);
      expect(actual).toEqual(atBackup);
      expect(actual.cases!.rows).toBeGreaterThanOrEqual(20);
      expect((await verifyAuditChains(restored)).ok).toBe(true);
    } finally {
      await restored.close();
    }
    expect(report.tables).toBe(Object.keys(atBackup).length);
    process.stdout.write(
      `backup round trip: ${report.rows} rows in ${report.tables} tables, file ${bytes.length} bytes, backup ${backupMs} ms, restore ${restoreMs} ms\n`,
    );
  });

  it('refuses a damaged backup and leaves the data folder as it was', async () => {
    const dataDir = tempDir();
    const database = await embeddedIn(dataDir);
    const bytes = await backupBytes(database);
    await database.close();
    const file = path.join(tempDir(), 'damaged.backup');
    const damaged = Buffer.from(bytes);
    const at = damaged.length - 100;
    damaged.writeUInt8(damaged.readUInt8(at) ^ 0xff, at);
    await writeFileWhole(file, damaged);
    const before = statSync(path.join(dataDir, 'PG_VERSION')).mtimeMs;
    await expect(restoreBackup(file, dataDir)).rejects.toThrow(/damaged or incomplete/);
    expect(statSync(path.join(dataDir, 'PG_VERSION')).mtimeMs).toBe(before);
    await writeFileWhole(file, Buffer.from('not a backup'));
    await expect(restoreBackup(file, dataDir)).rejects.toThrow(/not a Waymark backup/);
  });

  it('backs up through the running server, and restores only once it has stopped', async () => {
    const dataDir = tempDir();
    const database = await embeddedIn(dataDir);
    await addCases(database, 5);
    await database.close();
    const document = path.join(dataDir, 'documents', 'ab', 'ab0123456789abcdef0123456789abcd');
    mkdirSync(path.dirname(document), { recursive: true });
    writeFileSync(document, 'a letter');
    const port = await freePort();
    const server = spawn(
      process.execPath,
      [path.join(repoDir, 'waymark'), 'start', '--port', String(port)],
      {
        env: {
          ...process.env,
          WAYMARK_DATA_DIR: dataDir,
          DATABASE_URL: '',
          NODE_ENV: 'development',
          LOG_LEVEL: 'warn',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      },
    );
    try {
      await waitFor(server, /Press Ctrl\+C to stop/);
      const file = path.join(tempDir(), 'live.backup');
      const backup = await cli(['backup', file], dataDir);
      expect(backup.out).toMatch(/through the running server \(process \d+\)/);
      expect(backup.code).toBe(0);
      const { manifest } = await readBackup(file);
      expect(manifest.tables.cases!.rows).toBe(5);

      const refused = await cli(['restore', file], dataDir);
      expect(refused.code).toBe(3);
      expect(refused.out).toContain('in use by another Waymark process');

      server.kill('SIGTERM');
      await new Promise((resolve) => server.once('exit', resolve));
      rmSync(document);
      const secret = readFileSync(path.join(dataDir, 'session-secret'), 'utf8');
      writeFileSync(path.join(dataDir, 'session-secret'), `${secret}changed`);
      const restore = await cli(['restore', file], dataDir);
      expect(readFileSync(document, 'utf8')).toBe('a letter');
      expect(restore.out).toContain(
        '1 case document(s) missing from the documents folder were put back',
      );
      // The live folder's own files are not taken from the backup.
      expect(readFileSync(path.join(dataDir, 'session-secret'), 'utf8')).toBe(`${secret}changed`);
      expect(restore.out).toContain("every table's checksum matches");
      expect(restore.out).toContain('The audit trail verifies');
      expect(restore.code).toBe(0);
      const verify = await cli(['audit', 'verify'], dataDir);
      expect(verify.code).toBe(0);
    } finally {
      server.kill('SIGKILL');
    }
  });
});
