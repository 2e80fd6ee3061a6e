import type { Config } from '../config.js';
import { connectDatabase, type Database } from './connect.js';
import { lockDataDir, type DataDirLock } from './data-dir-lock.js';
import { migrate, type MigrationReport } from './migrate.js';

export interface OpenDatabase {
  database: Database;
  migrations: MigrationReport;
  lock: DataDirLock | null;
  close(): Promise<void>;
}

/**
 * Opens the configured database for one command: the embedded database in the data folder
 * (locked to this process), or the PostgreSQL server at DATABASE_URL; then brings the schema
 * up to date, so every command sees the current schema.
 */
export async function openDatabase(config: Config, command: string): Promise<OpenDatabase> {
  const lock = config.databaseUrl ? null : lockDataDir(config.dataDir, command);
  try {
    const database = await connectDatabase(
      config.databaseUrl
        ? { kind: 'server', url: config.databaseUrl }
        : { kind: 'embedded', dataDir: config.dataDir },
    );
    const migrations = await migrate(database).catch(async (error: unknown) => {
      await database.close();
      throw error;
    });
    return {
      database,
      migrations,
      lock,
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
