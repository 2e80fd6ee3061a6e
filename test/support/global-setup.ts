// Once per run: build a migrated database to copy from, so each test file starts from a clean,
// current schema in well under a second. PGlite: the snapshot a new data folder starts from
// (src/db/snapshot.ts). PostgreSQL: a template database that each test file clones.
import pg from 'pg';
import { connectDatabase } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { keepSnapshot, keptSnapshot, snapshotFile } from '../../src/db/snapshot.js';
import { TEMPLATE_DATABASE, testBackend } from './backend.js';

async function preparePglite(): Promise<void> {
  process.env.WAYMARK_TEST_PGLITE_TEMPLATE = snapshotFile();
  if (keptSnapshot()) return;
  const database = await connectDatabase({ kind: 'embedded', dataDir: 'memory://' });
  await migrate(database);
  keepSnapshot(await database.dump!());
  await database.close();
  if (!keptSnapshot()) throw new Error(`could not write ${snapshotFile()}`);
}

async function preparePostgres(url: string): Promise<void> {
  const admin = new pg.Client({ connectionString: url });
  await admin.connect();
  try {
    await admin.query(`drop database if exists ${TEMPLATE_DATABASE} with (force)`);
    await admin.query(`create database ${TEMPLATE_DATABASE}`);
  } finally {
    await admin.end();
  }
  const templateUrl = new URL(url);
  templateUrl.pathname = `/${TEMPLATE_DATABASE}`;
  const database = await connectDatabase({ kind: 'server', url: templateUrl.toString() });
  await migrate(database);
  await database.close();
}

export default async function setup() {
  const backend = testBackend();
  if (backend.kind === 'postgres') await preparePostgres(backend.url);
  else await preparePglite();
}
