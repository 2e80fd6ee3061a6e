// `waymark subject-access --person ID --out FILE`: the operator's report for a person, written as
// HTML and JSON, read through the person's case like the manager's, and audited on the service's
// trail.
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeService, openCase } from '../../../test/support/cases.js';
import { testBackend } from '../../../test/support/backend.js';
import { FakeClock } from '../../../test/support/clock.js';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { connectDatabase, type Database } from '../../db/connect.js';
import { migrate } from '../../db/migrate.js';
import { runCli } from '../../main.js';
import { memoryTransport, notifier } from '../../platform/notifications.js';
import { createServices } from '../../services.js';

const embedded = testBackend().kind === 'pglite';
let dir: string;
let env: NodeJS.ProcessEnv;
let serverDatabase: TestDatabase | undefined;
let personId: string;
let caseId: string;
let orgId: string;

/** The database the command uses, opened between commands (the embedded one is one process's). */
async function open(): Promise<Database> {
  if (serverDatabase) return serverDatabase;
  return connectDatabase({ kind: 'embedded', dataDir: path.join(dir, 'data') });
}

async function waymark(args: string[]) {
  const out: string[] = [];
  const code = await runCli(args, {
    out: (line) => out.push(line),
    err: (line) => out.push(line),
    env,
  });
  return { code, out: out.join('\n') };
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'waymark-subject-access-'));
  env = { WAYMARK_DATA_DIR: path.join(dir, 'data'), NODE_ENV: 'test' };
  let database: Database;
  if (embedded) {
    database = await connectDatabase({
      kind: 'embedded',
      dataDir: path.join(dir, 'data'),
      loadDataDir: new Uint8Array(readFileSync(process.env.WAYMARK_TEST_PGLITE_TEMPLATE!)),
    });
    await migrate(database);
  } else {
    serverDatabase = await createTestDatabase();
    env.DATABASE_URL = serverDatabase.url;
    database = serverDatabase;
  }
  const services = createServices({
    db: database.db,
    clock: new FakeClock('2026-11-20T10:00:00Z'),
    secret: 'test-secret-0123456789abcdef0123456789',
    notifier: notifier(database.db, memoryTransport()),
    baseUrl: 'http://waymark.test',
  });
  const team = await makeService(services);
  const opened = await openCase(services, team.practitioner, { victim: 'Henrietta' });
  caseId = opened.caseId;
  orgId = team.org.id;
  const [harmed] = await database.withOwner((o) =>
    o.query<{ person_id: string }>('select person_id from case_participants where id = $1', [
      opened.harmedId,
    ]),
  );
  personId = harmed!.person_id;
  if (embedded) await database.close();
});
afterAll(async () => {
  await serverDatabase?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

describe('waymark subject-access', () => {
  it('writes the report as HTML and JSON, read through the case and audited', async () => {
    const out = path.join(dir, 'henrietta');
    const result = await waymark(['subject-access', '--person', personId, '--out', out]);
    expect(result.out).toMatch(
      /^Wrote .*henrietta\.html and .*henrietta\.json: 1 case\(s\), \d+ access event\(s\), in [\d.]+ s\.$/,
    );
    expect(result.code).toBe(0);
    const report = JSON.parse(readFileSync(`${out}.json`, 'utf8'));
    expect(report.subject.personId).toBe(personId);
    expect(report.cases.map((c: { case: { id: string } }) => c.case.id)).toEqual([caseId]);
    expect(readFileSync(`${out}.html`, 'utf8')).toContain('Henrietta');
    const database = await open();
    try {
      const events = await database.withOwner((o) =>
        o.query<{ org_id: string; details: { case?: string } }>(
          `select org_id::text as org_id, details from audit_events
           where action = 'subject_access.produced' and entity_id = $1`,
          [personId],
        ),
      );
      expect(events).toEqual([
        { org_id: orgId, details: { cases: 1, case: caseId, via: 'command line' } },
      ]);
    } finally {
      if (embedded) await database.close();
    }
    process.stdout.write(`subject access from the command line: ${result.out}\n`);
  });

  it('says plainly when nobody has the id, or it is not an id', async () => {
    const unknown = await waymark([
      'subject-access',
      '--person',
      '00000000-0000-4000-8000-000000000000',
      '--out',
      path.join(dir, 'nobody'),
    ]);
    expect(unknown.code).toBe(2);
    expect(unknown.out).toContain('No person or participant has the id');
    const malformed = await waymark(['subject-access', '--person', 'x', '--out', 'y']);
    expect(malformed.code).toBe(2);
    expect(malformed.out).toContain(`--person must be a person's id (got "x")`);
  });
});
