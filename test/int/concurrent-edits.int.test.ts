// Conflicting edits: two people save the same person's details from forms built from the same
// version of the case. Exactly one save wins and the other is told someone saved first; nothing
// the winner saved is lost, and the loser writes nothing (no timeline line, no audit event).
// 1,000 pairs, on both databases, spread over several cases so that on a PostgreSQL server
// pairs of different cases also run at the same time.
import pg from 'pg';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../support/harness.js';
import { makeService, openCase } from '../support/cases.js';
import { isAppError } from '../../src/platform/errors.js';

const PAIRS = Number(process.env.CONFLICT_PAIRS ?? 1_000);
const CASES = 50;

let h: Harness;
let team: Awaited<ReturnType<typeof makeService>>;
let cases: Awaited<ReturnType<typeof openCase>>[];
// On a server, the owner's reads after each pair go through one connection kept for the test:
// withOwner opens a connection each time, and each new one starts a server process and plans
// cold. The embedded database has one connection anyway.
let ownerClient: pg.Client | undefined;

beforeAll(async () => {
  h = await createHarness();
  team = await makeService(h.services);
  cases = [];
  for (let i = 0; i < CASES; i++) cases.push(await openCase(h.services, team.practitioner));
  if (h.database.url) {
    ownerClient = new pg.Client({ connectionString: h.database.url });
    await ownerClient.connect();
  }
}, 10 * 60_000); // Opening the cases the product's way: no limit a loaded machine could reach.
afterAll(async () => {
  await ownerClient?.end();
  await h.close();
});

const owner = async <R>(sql: string, params: unknown[] = []): Promise<R[]> =>
  ownerClient
    ? ((await ownerClient.query(sql, params)).rows as R[])
    : h.database.withOwner((o) => o.query<R>(sql, params));

interface Tally {
  successes: number;
  conflicts: number;
  other: string[];
  lost: string[];
}

/** One pair: both edits built from `version`, sent at once; the stored name must be the winner's. */
async function pair(theCase: (typeof cases)[number], round: number, version: number, tally: Tally) {
  const edit = (who: typeof team.practitioner, name: string) =>
    h.services.people.update(who, theCase.caseId, theCase.harmedId, {
      display_name: name,
      role: 'harmed',
      safe_phone: '01632 960100',
      version: String(version),
    });
  const names = [`Hana ${round}a`, `Hana ${round}b`];
  const results = await Promise.allSettled([
    edit(team.practitioner, names[0]!),
    edit(team.manager, names[1]!),
  ]);
  const won = results.flatMap((r, i) => (r.status === 'fulfilled' ? [names[i]!] : []));
  for (const r of results) {
    if (r.status === 'fulfilled') tally.successes += 1;
    else if (isAppError(r.reason) && r.reason.messageKey === 'cases.errors.changedSince')
      tally.conflicts += 1;
    else tally.other.push(String(r.reason));
  }
  const [stored] = await owner<{ display_name: string }>(
    'select display_name from case_participants where id = $1',
    [theCase.harmedId],
  );
  if (won.length === 1 && stored!.display_name !== won[0])
    tally.lost.push(`${won[0]} saved, ${stored!.display_name} stored`);
  return won.length;
}

describe('conflicting edits', () => {
  it(
    `gives exactly one success and one conflict in each of ${PAIRS} pairs, and loses nothing`,
    async () => {
      const tally: Tally = { successes: 0, conflicts: 0, other: [], lost: [] };
      const started = Date.now();
      const versions = new Map<string, number>();
      for (const c of cases) {
        const [row] = await owner<{ version: number }>('select version from cases where id = $1', [
          c.caseId,
        ]);
        versions.set(c.caseId, row!.version);
      }
      const perCase: number[] = [];
      // Each case takes its share of the pairs one after another; the cases run side by side.
      await Promise.all(
        cases.map(async (theCase, index) => {
          let wins = 0;
          for (let round = index; round < PAIRS; round += CASES) {
            const version = versions.get(theCase.caseId)!;
            const won = await pair(theCase, round, version, tally);
            versions.set(theCase.caseId, version + won);
            wins += won;
          }
          perCase.push(wins);
        }),
      );
      const elapsed = Date.now() - started;

      expect(tally.other).toEqual([]);
      expect(tally.lost).toEqual([]);
      expect(tally).toMatchObject({ successes: PAIRS, conflicts: PAIRS });
      // Every success, and nothing else, moved the case's version and left a line and an event.
      const ids = cases.map((c) => c.caseId);
      const [stored] = await owner<{ bumps: number; lines: number; audited: number }>(
        `select
         (select coalesce(sum(version), 0)::int from cases where id = any($1::uuid[])) as bumps,
         (select count(*)::int from case_events
           where case_id = any($1::uuid[]) and kind = 'participant_updated') as lines,
         (select count(*)::int from audit_events
           where details ->> 'case' = any($1::text[]) and action = 'case.participant_updated'
             and outcome = 'success') as audited`,
        [ids],
      );
      expect(stored!.lines).toBe(PAIRS);
      expect(stored!.audited).toBe(PAIRS);
      expect(stored!.bumps).toBe([...versions.values()].reduce((a, b) => a + b, 0));
      expect(perCase.reduce((a, b) => a + b, 0)).toBe(PAIRS);
      process.stdout.write(
        `conflicting edits (${h.database.kind}): ${PAIRS} pairs over ${CASES} cases, ${tally.successes} successes, ${tally.conflicts} conflicts, ${tally.lost.length} lost updates, in ${(elapsed / 1000).toFixed(1)} s\n`,
      );
    },
    // 2,000 transactions: no limit a loaded machine could reach.
    20 * 60_000,
  );
});
