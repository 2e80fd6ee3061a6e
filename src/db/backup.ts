// Backups of the embedded database: one file holding a manifest (when, which migrations, and
// the row count and checksum of every table at that moment) and the data folder as a gzipped
// tarball, taken while nothing else can run (Database.snapshot). Restoring checks the file's own
// checksum, loads it into a new folder, checks every table against the manifest, and only then
// moves it into place, keeping the folder it replaces. A PostgreSQL server is backed up with
// its own tools (pg_dump, or base backups and WAL archiving): see README.
import { createHash } from 'node:crypto';
import {
  copyFileSync,
  existsSync,
  mkdirSync,
  readdirSync,
  renameSync,
  rmSync,
  statSync,
} from 'node:fs';
import { readFile, writeFile, rename } from 'node:fs/promises';
import path from 'node:path';
import { promisify } from 'node:util';
import { gunzip, gzip } from 'node:zlib';
import { connectDatabase, type Database, type OwnerSession } from './connect.js';

const MAGIC = 'WAYMARK-BACKUP 1\n';

export interface TableChecksum {
  rows: number;
  md5: string;
}

export interface BackupManifest {
  format: 'waymark-backup/1';
  createdAt: string;
  migrations: string[];
  tables: Record<string, TableChecksum>;
  payload: { bytes: number; sha256: string };
}

/** The row count and an MD5 of every row (as text, in order) of every table in the schema. */
export async function tableChecksums(owner: OwnerSession): Promise<Record<string, TableChecksum>> {
  const tables = await owner.query<{ name: string }>(
    `select tablename as name from pg_tables where schemaname = 'public' order by tablename`,
  );
  const result: Record<string, TableChecksum> = {};
  for (const { name } of tables) {
    const [row] = await owner.query<{ rows: number; md5: string }>(
      `select count(*)::int as rows,
         md5(coalesce(string_agg(t::text, E'\\n' order by t::text), '')) as md5
       from "${name}" t`,
    );
    result[name] = { rows: Number(row!.rows), md5: row!.md5 };
  }
  return result;
}

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');

/** A consistent backup of a running embedded database, as the bytes of a backup file. */
export async function backupBytes(database: Database, now = new Date()): Promise<Buffer> {
  if (!database.snapshot)
    throw new BackupError('Only the embedded database is backed up this way.');
  const { tar, inspected } = await database.snapshot(async (owner) => ({
    tables: await tableChecksums(owner),
    migrations: (
      await owner.query<{ name: string }>('select name from schema_migrations order by name')
    ).map((m) => m.name),
  }));
  const payload = await promisify(gzip)(tar);
  const manifest: BackupManifest = {
    format: 'waymark-backup/1',
    createdAt: now.toISOString(),
    migrations: inspected.migrations,
    tables: inspected.tables,
    payload: { bytes: payload.length, sha256: sha256(payload) },
  };
  return Buffer.concat([Buffer.from(`${MAGIC}${JSON.stringify(manifest)}\n`), payload]);
}

export class BackupError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'BackupError';
  }
}

/** Reads and checks a backup file: its header, its manifest, and its payload's checksum. */
export async function readBackup(file: string): Promise<{ manifest: BackupManifest; tar: Buffer }> {
  const bytes = await readFile(file);
  if (!bytes.subarray(0, MAGIC.length).equals(Buffer.from(MAGIC)))
    throw new BackupError(`${file} is not a Waymark backup.`);
  const end = bytes.indexOf(0x0a, MAGIC.length);
  let manifest: BackupManifest;
  try {
    manifest = JSON.parse(bytes.subarray(MAGIC.length, end).toString('utf8')) as BackupManifest;
  } catch {
    throw new BackupError(`${file} has a damaged manifest.`);
  }
  const payload = bytes.subarray(end + 1);
  if (payload.length !== manifest.payload.bytes || sha256(payload) !== manifest.payload.sha256)
    throw new BackupError(`${file} is damaged or incomplete: its checksum does not match.`);
  return { manifest, tar: await promisify(gunzip)(payload) };
}

/** Writes next to the target and renames, so a backup file is never seen half written. */
export async function writeFileWhole(file: string, bytes: Uint8Array): Promise<void> {
  const partial = `${file}.partial-${process.pid}`;
  await writeFile(partial, bytes, { mode: 0o600 });
  await rename(partial, file);
}

/** What differs between two sets of table checksums, table by table. */
export function checksumDifferences(
  expected: Record<string, TableChecksum>,
  actual: Record<string, TableChecksum>,
): string[] {
  const names = [...new Set([...Object.keys(expected), ...Object.keys(actual)])].sort();
  return names.flatMap((name) => {
    const [e, a] = [expected[name], actual[name]];
    if (!e) return [`${name}: not in the backup`];
    if (!a) return [`${name}: missing after restoring`];
    return e.md5 === a.md5 && e.rows === a.rows
      ? []
      : [`${name}: ${e.rows} rows backed up, ${a.rows} restored, contents differ`];
  });
}

/** PostgreSQL's own entries in a data folder (Waymark keeps its lock, secret and files beside). */
function isDatabaseEntry(name: string): boolean {
  return /^(PG_VERSION|base|global|pg_[a-z_]+|pg_(hba|ident)\.conf|postgresql(\.auto)?\.conf|postmaster\.(opts|pid))$/.test(
    name,
  );
}

export interface RestoreReport {
  manifest: BackupManifest;
  tables: number;
  rows: number;
  /** Where the database files that were replaced now are (none when the folder was empty). */
  previous?: string;
  /** Case documents in the backup that the documents folder no longer had, put back. */
  documentsRestored: number;
}

/**
 * The backup is a copy of the whole data folder, so it holds the case documents kept inside it
 * (the default place). Documents missing now are put back; none is overwritten or removed.
 */
function restoreMissingFiles(from: string, to: string): number {
  if (!existsSync(from)) return 0;
  mkdirSync(to, { recursive: true, mode: 0o700 });
  let restored = 0;
  for (const name of readdirSync(from)) {
    const [source, target] = [path.join(from, name), path.join(to, name)];
    if (statSync(source).isDirectory()) restored += restoreMissingFiles(source, target);
    else if (!existsSync(target)) {
      copyFileSync(source, target);
      restored += 1;
    }
  }
  return restored;
}

/**
 * Restores a backup into `dataDir`, which the caller holds the lock on. The backup is loaded and
 * checked in a new folder beside it first; the data folder is only touched once every table
 * matches its manifest.
 */
export async function restoreBackup(
  file: string,
  dataDir: string,
  options: { documentsDir?: string } = {},
): Promise<RestoreReport> {
  const { manifest, tar } = await readBackup(file);
  const target = path.resolve(dataDir);
  const staging = `${target}.restoring-${process.pid}`;
  rmSync(staging, { recursive: true, force: true });
  mkdirSync(staging, { recursive: true });
  try {
    const restored = await connectDatabase({
      kind: 'embedded',
      dataDir: staging,
      loadDataDir: tar,
    });
    let actual: Record<string, TableChecksum>;
    try {
      actual = await restored.withOwner(tableChecksums);
    } finally {
      await restored.close();
    }
    const differences = checksumDifferences(manifest.tables, actual);
    if (differences.length > 0)
      throw new BackupError(
        `The restored database does not match the backup:\n${differences.join('\n')}`,
      );
    mkdirSync(target, { recursive: true });
    const replacing = readdirSync(target).filter(isDatabaseEntry);
    let previous: string | undefined;
    if (replacing.length > 0) {
      previous = `${target}.before-restore-${new Date().toISOString().replace(/[:.]/g, '-')}`;
      mkdirSync(previous);
      for (const name of replacing) renameSync(path.join(target, name), path.join(previous, name));
    }
    // Only the database's own files: the lock, the secret and the outbox stay as they are.
    for (const name of readdirSync(staging).filter(isDatabaseEntry))
      renameSync(path.join(staging, name), path.join(target, name));
    const documentsInside = path.resolve(options.documentsDir ?? path.join(target, 'documents'));
    const documentsRestored =
      path.dirname(documentsInside) === target
        ? restoreMissingFiles(path.join(staging, path.basename(documentsInside)), documentsInside)
        : 0;
    const tables = Object.values(manifest.tables);
    return {
      manifest,
      tables: tables.length,
      rows: tables.reduce((n, t) => n + t.rows, 0),
      documentsRestored,
      ...(previous ? { previous } : {}),
    };
  } finally {
    if (existsSync(staging)) rmSync(staging, { recursive: true, force: true });
  }
}
