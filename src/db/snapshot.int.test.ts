// A new embedded data folder starts from the kept snapshot of a migrated database, instead of
// running every migration again; a folder already in use is never touched by it.
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import * as tar from 'tar';
import { afterAll, describe, expect, it } from 'vitest';
import { testBackend } from '../../test/support/backend.js';
import { loadConfig } from '../config.js';
import { listMigrations } from './migrate.js';
import { openDatabase } from './open.js';
import { isNewDataFolder, keptSnapshot } from './snapshot.js';

const dir = mkdtempSync(path.join(tmpdir(), 'waymark-snapshot-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const configFor = (dataDir: string) =>
  loadConfig({ WAYMARK_DATA_DIR: dataDir, NODE_ENV: 'test', WAYMARK_BASE_URL: 'http://w.test' });

describe.skipIf(testBackend().kind !== 'pglite')('a new embedded data folder', () => {
  it('is loaded from the snapshot, already migrated, and then opens as any other folder', async () => {
    // The test run's global set-up keeps the snapshot of the current schema.
    expect(keptSnapshot()).toBeDefined();
    const dataDir = path.join(dir, 'data');
    expect(isNewDataFolder(dataDir)).toBe(true);

    const opened = await openDatabase(configFor(dataDir), 'test');
    try {
      // Nothing was migrated: every migration was already applied in the snapshot.
      expect(opened.migrations.applied).toEqual([]);
      expect(opened.migrations.alreadyApplied).toBe((await listMigrations()).length);
      const roles = await opened.database.withOwner((owner) =>
        owner.query<{ n: number }>(`select count(*)::int as n from pg_roles where rolname = $1`, [
          'waymark_app',
        ]),
      );
      expect(roles[0]!.n).toBe(1);
      // Requests act as the application role in it, as in a migrated folder.
      const areas = await opened.database.db.selectFrom('areas').select('id').execute();
      expect(areas).toHaveLength(43);
    } finally {
      await opened.close();
    }
    expect(isNewDataFolder(dataDir)).toBe(false);

    const again = await openDatabase(configFor(dataDir), 'test');
    try {
      expect(again.migrations.applied).toEqual([]);
    } finally {
      await again.close();
    }
  });

  it('is restored again over a restore that was cut short', async () => {
    const dataDir = path.join(dir, 'cut-short');
    mkdirSync(dataDir);
    // What a start killed while writing the snapshot leaves: some of its files, the database's
    // version file among them, and the marker that says the restore had not finished.
    await tar.x({
      file: keptSnapshot()!.file,
      cwd: dataDir,
      filter: (name) => !name.includes('base/'),
    });
    writeFileSync(path.join(dataDir, '.restoring-snapshot'), '');
    expect(existsSync(path.join(dataDir, 'PG_VERSION'))).toBe(true);
    expect(isNewDataFolder(dataDir)).toBe(true);

    const opened = await openDatabase(configFor(dataDir), 'test');
    try {
      expect(opened.migrations.applied).toEqual([]);
      const areas = await opened.database.db.selectFrom('areas').select('id').execute();
      expect(areas).toHaveLength(43);
    } finally {
      await opened.close();
    }
    expect(isNewDataFolder(dataDir)).toBe(false);
    expect(existsSync(path.join(dataDir, '.restoring-snapshot'))).toBe(false);
  });
});
