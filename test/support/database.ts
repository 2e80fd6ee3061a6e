// A fresh, migrated database for one test file, on the backend chosen for this run.
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { connectDatabase, type Database } from '../../src/db/connect.js';
import type { StatementRecorder } from '../../src/db/statement-recorder.js';
import { TEMPLATE_DATABASE, testBackend } from './backend.js';

export interface TestDatabase extends Database {
  /** The server database's URL (PostgreSQL only), for code that connects by itself. */
  url?: string;
  /** Drops the database (PostgreSQL) or stops the worker (PGlite). */
  destroy(): Promise<void>;
}

export async function createTestDatabase(
  extra: { recorder?: StatementRecorder } = {},
): Promise<TestDatabase> {
  const backend = testBackend();
  if (backend.kind === 'pglite') {
    const template = process.env.WAYMARK_TEST_PGLITE_TEMPLATE;
    if (!template) throw new Error('global setup did not prepare the PGlite template');
    const database = await connectDatabase({
      kind: 'embedded',
      dataDir: 'memory://',
      loadDataDir: { file: template },
      ...extra,
    });
    return { ...database, destroy: () => database.close() };
  }
  const name = `waymark_test_${randomBytes(6).toString('hex')}`;
  await adminQuery(backend.url, `create database ${name} template ${TEMPLATE_DATABASE}`);
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

async function adminQuery(url: string, sql: string): Promise<void> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
