import { statSync } from 'node:fs';
import path from 'node:path';
import { ConfigError, type Config } from '../config.js';
import { makePrivateFolder, restrictUmask, tightenFolder } from '../platform/private-files.js';
import { connectDatabase, type Database } from './connect.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { isNewDataFolder, keepSnapshot, keptSnapshot, restoreSnapshot } from './snapshot.js';
import { migrate, type MigrationReport } from './migrate.js';

export interface OpenDatabase {
  database: Database;
  migrations: MigrationReport;
  lock: DataDirLock | null;
  /**
   * Files and folders that other local users could read or change, made private at start: a
   * message to log once, or undefined when there were none.
   */
  tightened: string | undefined;
  close(): Promise<void>;
}

/** The folders Waymark writes into: the data folder, case documents, the development outbox. */
function privateFolders(config: Config): string[] {
  const folders = [config.dataDir, config.documentsDir];
  if (config.mail.transport === 'file') folders.push(path.dirname(config.mail.file));
  return [...new Set(folders.map((folder) => path.resolve(folder)))];
}

/** Corrects folders left open (by an older Waymark, or copied in) before anything reads them. */
function tightenExisting(config: Config): string | undefined {
  const folders = privateFolders(config);
  const corrected = folders.reduce((sum, folder) => sum + tightenFolder(folder), 0);
  if (corrected === 0) return undefined;
  return (
    `Made ${corrected} files and folders in ${folders.join(', ')} private to the account Waymark ` +
    'runs as (folders 0700, files 0600): other users on this machine could read or change them.'
  );
}

/**
 * Makes sure the folder for case documents is a folder Waymark can use now, at start, rather
 * than at the first upload: a path that is a file, lies under a file, or cannot be created
 * stops Waymark with a message naming the setting.
 */
export function checkDocumentsFolder(config: Config): void {
  try {
    makePrivateFolder(config.documentsDir);
    if (!statSync(config.documentsDir).isDirectory())
      throw Object.assign(new Error(), { code: 'ENOTDIR' });
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why =
      code === 'EEXIST' || code === 'ENOTDIR'
        ? 'is a file (or lies under one), not a folder'
        : code === 'EACCES' || code === 'EPERM'
          ? 'cannot be created or used by the account Waymark runs as'
          : `cannot be used (${code ?? 'unknown error'})`;
    throw new ConfigError([`WAYMARK_DOCUMENTS_DIR ${why} (got "${config.documentsDir}")`]);
  }
}

/**
 * Opens the configured database for one command: the embedded database in the data folder
 * (locked to this process), or the PostgreSQL server at DATABASE_URL; then brings the schema
 * up to date, so every command sees the current schema.
 */
export async function openDatabase(
  config: Config,
  command: string,
  /** Told each step as it starts, so a first start is not silent while it works. */
  say: (step: 'connecting' | 'migrating') => void = () => undefined,
): Promise<OpenDatabase> {
  // Whatever this process writes from here on is for its own account alone.
  restrictUmask();
  // Tightened first, so that the count it reports includes the documents folder itself.
  const tightened = tightenExisting(config);
  checkDocumentsFolder(config);
  const lock = config.databaseUrl ? null : lockDataDir(config.dataDir, command);
  try {
    say('connecting');
    // A new embedded data folder starts from the kept snapshot of a migrated database, if any.
    const fresh = !config.databaseUrl && isNewDataFolder(config.dataDir);
    const snapshot = fresh ? keptSnapshot() : undefined;
    if (snapshot) await restoreSnapshot(snapshot.file, config.dataDir);
    const database = await connectDatabase(
      config.databaseUrl
        ? { kind: 'server', url: config.databaseUrl, readUrl: config.databaseReadUrl }
        : { kind: 'embedded', dataDir: config.dataDir },
    );
    say('migrating');
    const migrations = await migrate(database).catch(async (error: unknown) => {
      await database.close();
      throw error;
    });
    if (fresh && !snapshot && database.snapshot) {
      keepSnapshot((await database.snapshot(async () => undefined)).tar);
    }
    // The embedded database writes the files of a new data folder readable by everyone,
    // whatever the umask: they are made private as soon as it has made them.
    if (!config.databaseUrl) tightenFolder(config.dataDir);
    return {
      database,
      migrations,
      lock,
      tightened,
      async close() {
        await database.close();
        lock?.release();
      },
    };
  } catch (error) {
    lock?.release();
    throw error;
  }
}
