import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import type { Database, OwnerSession } from './connect.js';
import { loadReferenceData } from './reference-data.js';

const migrationsDir = fileURLToPath(new URL('./migrations/', import.meta.url));
const MIGRATION_NAME = /^\d{4}_[a-z0-9_]+\.sql$/;
// An arbitrary constant: two processes starting together on one server migrate one at a time.
const MIGRATION_LOCK = 7_270_001;

export interface MigrationReport {
  applied: string[];
  alreadyApplied: number;
  /** What the data migrations just applied corrected, and how many rows each changed. */
  corrections: { migration: string; what: string; changed: number }[];
}

export async function listMigrations(): Promise<string[]> {
  const names = (await readdir(migrationsDir)).filter((name) => name.endsWith('.sql'));
  const badNames = names.filter((name) => !MIGRATION_NAME.test(name));
  if (badNames.length > 0) {
    throw new Error(`Migration files must be named NNNN_what_changed.sql: ${badNames.join(', ')}`);
  }
  return names.sort();
}

/** Applies every migration not yet applied, each in its own transaction, then reference data. */
export async function migrate(database: Database): Promise<MigrationReport> {
  const names = await listMigrations();
  return database.withOwner(async (owner) => {
    await owner.script(`
      create table if not exists schema_migrations (
        name text primary key,
        applied_at timestamptz not null default now()
      )`);
    if (database.kind === 'server') {
      await owner.query('select pg_advisory_lock($1)', [MIGRATION_LOCK]);
    }
    try {
      const report = await applyPending(owner, names);
      await loadReferenceData(owner);
      // Working days are counted from a calendar built from the bank holidays just loaded
      // (migration 0014); rebuilt only when they changed.
      await owner.query('select refresh_working_day_calendar()');
      return report;
    } finally {
      if (database.kind === 'server') {
        await owner.query('select pg_advisory_unlock($1)', [MIGRATION_LOCK]);
      }
    }
  });
}

async function applyPending(owner: OwnerSession, names: string[]): Promise<MigrationReport> {
  const done = new Set(
    (await owner.query<{ name: string }>('select name from schema_migrations')).map((r) => r.name),
  );
  const applied: string[] = [];
  for (const name of names) {
    if (done.has(name)) continue;
    const sql = await readFile(`${migrationsDir}${name}`, 'utf8');
    await owner.script('begin');
    try {
      await owner.script(sql);
      await owner.query('insert into schema_migrations (name) values ($1)', [name]);
      await owner.script('commit');
    } catch (error) {
      await owner.script('rollback');
      throw new Error(`Migration ${name} failed: ${(error as Error).message}`, { cause: error });
    }
    applied.push(name);
  }
  return { applied, alreadyApplied: done.size, corrections: await correctionsOf(owner, applied) };
}

/** The corrections the named migrations recorded (the table arrives with migration 0020). */
async function correctionsOf(
  owner: OwnerSession,
  names: string[],
): Promise<MigrationReport['corrections']> {
  if (names.length === 0) return [];
  const [table] = await owner.query<{ found: string | null }>(
    `select to_regclass('migration_corrections')::text as found`,
  );
  if (!table?.found) return [];
  const rows = await owner.query<{ migration: string; what: string; changed: number }>(
    'select migration, what, changed from migration_corrections where migration = any ($1) order by migration, what',
    [names.map((name) => name.replace(/\.sql$/, ''))],
  );
  return rows.map((row) => ({ ...row, changed: Number(row.changed) }));
}

/**
 * The lines that tell the operator what the migrations just applied corrected; a correction that
 * changed nothing (always so on a new database) is not worth a line.
 */
export function describeCorrections(report: MigrationReport): string[] {
  return report.corrections
    .filter((correction) => correction.changed > 0)
    .map((correction) => `${correction.migration}: ${correction.what}: ${correction.changed}.`);
}
