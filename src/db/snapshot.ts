// A freshly migrated embedded database, kept as a tarball of its data folder: a new data folder
// is loaded from it instead of running every migration again (seconds on each first start, and
// on every test that starts Waymark on a new folder). Kept beside the installed packages, and
// named by everything that decides its contents (the migrations, the reference data, the
// PGlite version), so a change to any of them makes a new one; only a database that has just
// been migrated, before anything else was written, is ever kept.
import { createHash } from 'node:crypto';
import {
  existsSync,
  mkdirSync,
  readdirSync,
  readFileSync,
  renameSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import { repoDir } from '../platform/paths.js';

const CACHE_DIR = path.join(repoDir, 'node_modules', '.cache', 'waymark');

function schemaFingerprint(): string {
  const hash = createHash('sha256');
  for (const dir of ['src/db/migrations', 'src/reference']) {
    for (const name of readdirSync(path.join(repoDir, dir)).sort()) {
      hash.update(name).update(readFileSync(path.join(repoDir, dir, name)));
    }
  }
  hash.update(readFileSync(path.join(repoDir, 'src/db/reference-data.ts')));
  hash.update(readFileSync(path.join(repoDir, 'node_modules/@electric-sql/pglite/package.json')));
  return hash.digest('hex').slice(0, 16);
}

/** Where the snapshot of the current schema is (or would be) kept. */
export function snapshotFile(): string {
  return path.join(CACHE_DIR, `pglite-${schemaFingerprint()}.tar`);
}

/** The snapshot of the current schema, if one has been kept: its file. */
export function keptSnapshot(): { file: string } | undefined {
  const file = snapshotFile();
  return existsSync(file) ? { file } : undefined;
}

/**
 * Keeps a just-migrated database's tarball, written whole (a second process writing the same
 * one at the same time does no harm). Best effort: where the folder cannot be written, every
 * new data folder is migrated as before.
 */
export function keepSnapshot(tar: Uint8Array): void {
  const file = snapshotFile();
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, tar, { mode: 0o600 });
    renameSync(partial, file);
  } catch {
    // Read-only installation: nothing is lost but time.
  }
}

/** A data folder the embedded database has not yet made its own. */
export const isNewDataFolder = (dataDir: string) =>
  !dataDir.startsWith('memory://') && !existsSync(path.join(dataDir, 'PG_VERSION'));
