// A fresh, migrated database for one test file, on the backend chosen for this run.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connectDatabase, type Database } from '../../src/db/connect.js';
import type { StatementRecorder } from '../../src/db/statement-recorder.js';
import { TEMPLATE_DATABASE, testBackend } from './backend.js';
import { putBack, rememberBaseline, reusedDatabase } from './pglite-reuse.js';

export interface TestDatabase extends Database {
  /** The server database's URL (PostgreSQL only), for code that connects by itself. */
  url?: string;
  /** Drops the database (PostgreSQL), or puts the embedded one back as new for the next file. */
  destroy(): Promise<void>;
}

export async function createTestDatabase(
  extra: { recorder?: StatementRecorder } = {},
): Promise<TestDatabase> {
  const backend = testBackend();
  if (backend.kind === 'pglite') return embeddedTestDatabase(extra);
  const name = `waymark_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(
    backend.url,
    `create database ${name} template ${TEMPLATE_DATABASE}${await copyStrategy(backend.url)}`,
  );
  const url = new URL(backend.url);
  url.pathname = `/${name}`;
  const database = await connectDatabase({
    kind: 'server',
    url: url.toString(),
    poolSize: 4,
    ...extra,
  });
  return {
    ...database,
    url: url.toString(),
    destroy: async () => {
      await database.close();
      await adminQuery(backend.url, `drop database if exists ${name} with (force)`);
    },
  };
}

async function embeddedTestDatabase(extra: { recorder?: StatementRecorder }) {
  // A database that records its statements is the file's own; any other may be one an earlier
  // file in this worker put back as new (pglite-reuse.ts).
  const reusable = !extra.recorder;
  const reused = reusable ? reusedDatabase() : undefined;
  if (reused) return handedOut(reused);
  const template = process.env.WAYMARK_TEST_PGLITE_TEMPLATE;
  if (!template) throw new Error('global setup did not prepare the PGlite template');
  const database = await connectDatabase({
    kind: 'embedded',
    dataDir: 'memory://',
    loadDataDir: { file: template },
    ...extra,
  });
  if (!reusable) return { ...database, destroy: () => database.close() };
  await rememberBaseline(database);
  return handedOut(database);
}

/**
 * A reusable database for one file: closing or destroying it puts it back, once, however many
 * times the file's teardown asks (a second put-back would hand it to two files at once).
 */
function handedOut(database: Database): TestDatabase {
  let released: Promise<void> | undefined;
  const release = () => (released ??= putBack(database));
  return { ...database, close: release, destroy: release };
}

// Copying the template's files is quicker than writing them through the WAL, PostgreSQL 15's
// default: 0.30 s a database against 0.43 s, about 100 of them a run. Earlier servers copy
// files anyway and do not know the option.
let strategy: Promise<string> | undefined;
function copyStrategy(url: string): Promise<string> {
  strategy ??= (async () => {
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    try {
      const { rows } = await client.query<{ v: string }>('show server_version_num');
      return Number(rows[0]!.v) >= 150_000 ? ' strategy file_copy' : '';
    } finally {
      await client.end();
    }
  })();
  return strategy;
}

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
