// A new embedded data folder starts from the kept snapshot of a migrated database, instead of
// running every migration again; a folder already in use is never touched by it.
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
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
});
