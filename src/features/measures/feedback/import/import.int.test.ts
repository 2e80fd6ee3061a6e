// `waymark import satisfaction` as an operator runs it: one summary line, the rejects file with
// every reason, duplicates counted so a second run imports nothing new, a dry run, and files or
// flags it cannot use (exit 1 and 2, nothing written).
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { connectDatabase, type Database } from '../../../../db/connect.js';
import { memoryTransport, notifier } from '../../../../platform/notifications.js';
import { createServices } from '../../../../services.js';
import { testBackend } from '../../../../../test/support/backend.js';
import { makeService, openCase } from '../../../../../test/support/cases.js';
import { FakeClock } from '../../../../../test/support/clock.js';
import { createTestDatabase, type TestDatabase } from '../../../../../test/support/database.js';
import { runWaymark } from '../../../../../test/support/cli.js';

const embedded = testBackend().kind === 'pglite';

let dir: string;
let env: NodeJS.ProcessEnv;
let serverDatabase: TestDatabase | undefined;
let slug: string;
let otherSlug: string;
let a: Awaited<ReturnType<typeof openCase>>;
let b: Awaited<ReturnType<typeof openCase>>;

const waymark = (args: string[]) => runWaymark(args, env);

/** The database between commands (the embedded one is a single process's at a time). */
async function withDatabase<T>(work: (database: Database) => Promise<T>): Promise<T> {
  if (serverDatabase) return work(serverDatabase);
  const database = await connectDatabase({ kind: 'embedded', dataDir: path.join(dir, 'data') });
  try {
    return await work(database);
  } finally {
    await database.close();
  }
}

const responses = () =>
  withDatabase((d) =>
    d.withOwner((o) =>
      o.query<{ participant_id: string; channel: string; responded_on: string; answers: unknown }>(
        `select participant_id, channel, responded_on::text, answers from questionnaire_responses order by responded_on, participant_id`,
      ),
    ),
  );

function csv(name: string, lines: string[]): string {
  const file = path.join(dir, name);
  writeFileSync(file, lines.join('\r\n') + '\r\n');
  return file;
}

beforeAll(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'waymark-satisfaction-'));
  env = { WAYMARK_DATA_DIR: path.join(dir, 'data'), NODE_ENV: 'test' };
  if (!embedded) {
    serverDatabase = await createTestDatabase();
    env.DATABASE_URL = serverDatabase.url;
  } else {
    expect((await waymark(['migrate'])).code).toBe(0);
  }
  await withDatabase(async (database) => {
    const clock = new FakeClock();
    clock.set('2026-11-20T10:00:00Z');
    const services = createServices({
      db: database.db,
      clock,
      secret: 'test-secret-0123456789abcdef0123456789',
      notifier: notifier(database.db, memoryTransport()),
      baseUrl: 'http://waymark.test',
    });
    const team = await makeService(services);
    const other = await makeService(services);
    slug = team.org.slug;
    otherSlug = other.org.slug;
    a = await openCase(services, team.practitioner);
    b = await openCase(services, team.practitioner);
  });
});
afterAll(async () => {
  await serverDatabase?.destroy();
  rmSync(dir, { recursive: true, force: true });
});

const header =
  'case_reference,participant_id,responded_on,audience,questionnaire_version,prepared,safe,understand_impact,recommend,comments';

describe('waymark import satisfaction', () => {
  it('imports good rows, writes the rejected ones with every reason, and imports nothing new the second time', async () => {
    const file = csv('responses.csv', [
      header,
      `${a.caseReference},${a.harmedId},2026-11-01,harmed,,5,4,,yes,"Helpful, thanks"`,
      `${a.caseReference.toLowerCase()},${a.harmerId},02/11/2026,,1,4,,5,not sure,`,
      `${a.caseReference},${a.harmedId},01/11/2026,,,3,,,,`,
      `${b.caseReference},${b.harmedId},31/02/2026,harmer,,7,,,perhaps,`,
      `${b.caseReference},${b.harmerId},2026-11-03,,,,4,,,`,
      `CS-0000-0000,${b.harmerId},2026-11-03,,,4,,,,`,
      `${b.caseReference},not-an-id,2026-11-03,,,4,,,,`,
      `${b.caseReference},${b.harmedId},2026-11-04,,3,4,,,,`,
      `${b.caseReference},${b.harmedId},2026-11-05,,,,,,`,
      '',
      `${b.caseReference},${b.harmedId},2026-11-06,,,,,,,`,
    ]);
    writeFileSync(`${file}.rejects.csv`, 'from an earlier run');
    expect(await waymark(['import', 'satisfaction', file, '--service', slug])).toEqual({
      code: 0,
      out: 'imported 2, rejected 7, duplicates 1',
      err: '',
    });
    const rejects = readFileSync(`${file}.rejects.csv`, 'utf8');
    expect(rejects.startsWith(`\uFEFFreason,${header}\r\n`)).toBe(true);
    expect(rejects).toContain(
      'row 5: responded_on: Enter a real date as YYYY-MM-DD or DD/MM/YYYY (not ""31/02/2026""); audience: This does not match the person\'s role in the case; prepared: Enter a whole number from 1 (strongly disagree) to 5 (strongly agree) (not ""7""); recommend: Enter yes, no or not_sure (not ""perhaps"")',
    );
    expect(rejects).toContain(
      'row 6: safe: This is not a question asked in version 1 of the questionnaire',
    );
    expect(rejects).toContain(
      'row 7: case_reference: There is no case with this reference in the service',
    );
    expect(rejects).toContain("row 8: participant_id: Give the person's id in the case");
    expect(rejects).toContain(
      'row 9: questionnaire_version: There is no version 3 of the questionnaire for harmed',
    );
    expect(rejects).toContain('row 10: The row has 9 values but the first row names 10 columns');
    expect(rejects).toContain('row 12: Answer at least one question');
    expect(rejects.trimEnd().split('\r\n')).toHaveLength(8);

    const rows = await responses();
    expect(rows).toEqual([
      {
        participant_id: a.harmedId,
        channel: 'import',
        responded_on: '2026-11-01',
        answers: { prepared: 5, safe: 4, recommend: 'yes', comments: 'Helpful, thanks' },
      },
      {
        participant_id: a.harmerId,
        channel: 'import',
        responded_on: '2026-11-02',
        answers: { prepared: 4, understand_impact: 5, recommend: 'not_sure' },
      },
    ]);
    const events = await withDatabase((d) =>
      d.withOwner((o) =>
        o.query<{ n: number }>(
          `select count(*)::int as n from case_events where kind = 'feedback.recorded.import'`,
        ),
      ),
    );
    expect(events[0]!.n).toBe(2);

    expect(await waymark(['import', 'satisfaction', file, '--service', slug])).toMatchObject({
      code: 0,
      out: 'imported 0, rejected 7, duplicates 3',
    });
    expect(await responses()).toHaveLength(2);

    // A corrected rejects file imports as it is: its reason column is read past.
    const fixed = csv('fixed.csv', [
      `reason,${header}`,
      `"row 5: …",${b.caseReference},${b.harmedId},28/02/2026,harmed,,5,,,no,`,
    ]);
    expect((await waymark(['import', 'satisfaction', fixed, '--service', slug])).out).toBe(
      'imported 1, rejected 0, duplicates 0',
    );
    expect(existsSync(`${fixed}.rejects.csv`)).toBe(false);
  });

  it('checks without importing on a dry run, and sees only the named service’s cases', async () => {
    const file = csv('dry.csv', [header, `${b.caseReference},${b.harmerId},2026-11-10,,,4,,4,,`]);
    expect(await waymark(['import', 'satisfaction', file, '--service', slug, '--dry-run'])).toEqual(
      {
        code: 0,
        out: 'would import 1, rejected 0, duplicates 0 (dry run: nothing was imported)',
        err: '',
      },
    );
    expect(await responses()).toHaveLength(3);
    expect((await waymark(['import', 'satisfaction', file, '--service', otherSlug])).out).toBe(
      'imported 0, rejected 1, duplicates 0',
    );
    expect(readFileSync(`${file}.rejects.csv`, 'utf8')).toContain(
      'row 2: case_reference: There is no case with this reference in the service',
    );
  });

  it('refuses a file it cannot use (exit 1) and a wrong service (exit 2), writing nothing', async () => {
    const unknown = csv('unknown.csv', [
      `${header},colour`,
      `${b.caseReference},${b.harmerId},2026-11-11,,,4,,,,,blue`,
    ]);
    const refused = await waymark(['import', 'satisfaction', unknown, '--service', slug]);
    expect(refused.code).toBe(1);
    expect(refused.err).toContain('Waymark does not know these columns: "colour"');
    const wrongService = await waymark([
      'import',
      'satisfaction',
      unknown,
      '--service',
      'no-such-service',
    ]);
    expect(wrongService.code).toBe(2);
    expect(await responses()).toHaveLength(3);
  });
});
