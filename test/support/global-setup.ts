// Once per run: build a migrated database to copy from, so each test file starts from a clean,
// current schema in well under a second. PGlite: a data-folder tarball, cached by the
// migrations' content. PostgreSQL: a template database that each test file clones.
import { createHash } from 'node:crypto';
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import pg from 'pg';
import { connectDatabase } from '../../src/db/connect.js';
import { migrate } from '../../src/db/migrate.js';
import { repoDir } from '../../src/platform/paths.js';
import { TEMPLATE_DATABASE, testBackend } from './backend.js';

function schemaFingerprint(): string {
  const hash = createHash('sha256');
  for (const dir of ['src/db/migrations', 'src/reference']) {
    for (const name of readdirSync(path.join(repoDir, dir)).sort()) {
      hash.update(name).update(readFileSync(path.join(repoDir, dir, name)));
    }
  }
  hash.update(readFileSync(path.join(repoDir, 'src/db/reference-data.ts')));
  return hash.digest('hex').slice(0, 16);
}

async function preparePglite(): Promise<void> {
  const dir = path.join(repoDir, 'node_modules', '.cache', 'waymark-test');
  const file = path.join(dir, `pglite-${schemaFingerprint()}.tar`);
  process.env.WAYMARK_TEST_PGLITE_TEMPLATE = file;
  if (existsSync(file)) return;
  mkdirSync(dir, { recursive: true });
  const database = await connectDatabase({ kind: 'embedded', dataDir: 'memory://' });
  await migrate(database);
  const dump = await database.dump!();
  await database.close();
  writeFileSync(file, dump);
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
