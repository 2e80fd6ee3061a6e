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
  rmSync,
  writeFileSync,
} from 'node:fs';
import path from 'node:path';
import * as tar from 'tar';
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
 * one at the same time does no harm), in place of those of earlier schemas (67 MB each). Best
 * effort: where the folder cannot be written, every new data folder is migrated as before.
 */
export function keepSnapshot(tarball: Uint8Array): void {
  const file = snapshotFile();
  try {
    mkdirSync(CACHE_DIR, { recursive: true });
    const partial = `${file}.${process.pid}.partial`;
    writeFileSync(partial, tarball, { mode: 0o600 });
    renameSync(partial, file);
    for (const name of readdirSync(CACHE_DIR)) {
      if (/^pglite-[0-9a-f]+\.tar$/.test(name) && name !== path.basename(file))
        rmSync(path.join(CACHE_DIR, name), { force: true });
    }
  } catch {
    // Read-only installation: nothing is lost but time.
  }
}

/** Written into a data folder while the snapshot is, and removed when all of it is there. */
const RESTORING = '.restoring-snapshot';

/** A data folder the embedded database has not yet made its own (or whose restore was cut short). */
export const isNewDataFolder = (dataDir: string) =>
  !dataDir.startsWith('memory://') &&
  (!existsSync(path.join(dataDir, 'PG_VERSION')) || existsSync(path.join(dataDir, RESTORING)));

/**
 * Writes the snapshot's files into a new data folder, which the embedded database then opens
 * from disk as any other. Handing it the tarball to unpack instead left 86–150 MB more
 * resident for as long as the process ran (its WebAssembly memory never shrinks). A restore cut
 * short leaves the marker file, so the next start writes the snapshot over it again.
 */
export async function restoreSnapshot(file: string, dataDir: string): Promise<void> {
  writeFileSync(path.join(dataDir, RESTORING), '', { mode: 0o600 });
  const problems: string[] = [];
  await tar.x({
    file,
    cwd: dataDir,
    // The tarball names its files from the folder's root ("/base/1/…"): they go inside it.
    onwarn: (code, message) => {
      if (code !== 'TAR_ENTRY_INFO') problems.push(`${code}: ${message}`);
    },
  });
  if (problems.length > 0)
    throw new Error(`The database snapshot ${file} could not be restored: ${problems.join('; ')}`);
  rmSync(path.join(dataDir, RESTORING));
}
