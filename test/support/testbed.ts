// What most integration test files set up the same way, once: a harness made before the file's
// tests and closed after them (its clock set), a service with staff, a case opened in it, and
// small questions a test asks of the database. Each is filled in by the file's beforeAll, in the
// order it is declared, so a test reads `h.services` or `team.practitioner` as usual.
import { afterAll, beforeAll } from 'vitest';
import { makeService, openCase } from './cases.js';
import { createHarness, makeOrganisation, type Harness } from './harness.js';
import { signedInTo, type WebClient } from './web-client.js';
import type { StatementRecorder } from '../../src/db/statement-recorder.js';

export const TEST_NOW = '2026-11-20T10:00:00Z';

/**
 * Filled in by a beforeAll: the same object, so it can be handed out before it is made. It takes
 * the made thing's prototype too, so a class instance (a signed-in browser) keeps its methods.
 */
function madeBeforeAll<T extends object>(make: () => Promise<T>): T {
  const made = {} as T;
  beforeAll(async () => {
    const result = await make();
    Object.setPrototypeOf(made, Object.getPrototypeOf(result) as object | null);
    Object.assign(made, result);
  });
  return made;
}

export interface Testbed {
  h: Harness;
  /** A browser signed in as the user. */
  signedIn(user: { email: string; password: string }): Promise<WebClient>;
  /** A query as the database owner (past row-level security), to check what was stored. */
  owner<R>(sql: string, params?: unknown[]): Promise<R[]>;
  /** How many timeline lines of a kind a case has. */
  events(caseId: string, kind: string): Promise<number>;
  /** How many times the case's `part` (a tab) was viewed, by the audit trail. */
  viewsOf(caseId: string, part: string): Promise<number>;
  /** The kinds of a case's timeline lines that match a LIKE pattern, in the order written. */
  timelineKinds(caseId: string, like: string): Promise<string[]>;
}

export interface TestbedOptions {
  at?: string;
  realClock?: boolean;
  /** Records the statements the app runs, between its start and stop. */
  recorder?: StatementRecorder;
}

/**
 * One harness for the test file, its clock set `at` a moment (TEST_NOW unless said), or left
 * at the real time with `realClock`.
 */
export function testbed(options: TestbedOptions = {}): Testbed {
  const h = madeBeforeAll(async () => {
    const made = await createHarness({ recorder: options.recorder });
    if (!options.realClock) made.clock.set(options.at ?? TEST_NOW);
    return made;
  });
  afterAll(() => h.close());
  const owner = <R>(sql: string, params: unknown[] = []) =>
    h.database.withOwner((o) => o.query<R>(sql, params));
  return {
    h,
    signedIn: (user) => signedInTo(h.app, user),
    owner,
    events: (caseId, kind) =>
      owner<{ n: number }>(
        `select count(*)::int as n from case_events where case_id = $1 and kind = $2`,
        [caseId, kind],
      ).then((rows) => rows[0]!.n),
    viewsOf: (caseId, part) =>
      owner<{ n: number }>(
        `select count(*)::int as n from audit_events
          where action = 'case.viewed' and entity_id = $1 and details->>'part' = $2`,
        [caseId, part],
      ).then((rows) => rows[0]!.n),
    timelineKinds: (caseId, like) =>
      owner<{ kind: string }>(
        `select kind from case_events where case_id = $1 and kind like $2 order by id`,
        [caseId, like],
      ).then((rows) => rows.map((row) => row.kind)),
  };
}

export type Team = Awaited<ReturnType<typeof makeService>>;
export type OpenedCase = Awaited<ReturnType<typeof openCase>>;

/** An RJ service with a practitioner, a manager and a volunteer, made once for the file. */
export const serviceFor = (h: Harness): Team => madeBeforeAll(() => makeService(h.services));

/** A testbed with an RJ service's staff, as most case test files begin. */
export function teamTestbed(options: TestbedOptions = {}): Testbed & { team: Team } {
  const bed = testbed(options);
  return { ...bed, team: serviceFor(bed.h) };
}

/** An organisation of a kind, made once for the file. */
export const organisationFor = (h: Harness, traits: Parameters<typeof makeOrganisation>[1] = {}) =>
  madeBeforeAll(() => makeOrganisation(h.services, traits));

/**
 * A browser signed in for the whole file as the person `who` names (asked when the file's
 * tests begin, so it may name someone another beforeAll makes).
 */
export const browserFor = (h: Harness, who: () => { email: string; password: string }) =>
  madeBeforeAll(() => signedInTo(h.app, who()));

/** A case the team's practitioner opened, once for the file. */
export const caseFor = (
  h: Harness,
  team: Team,
  traits: Parameters<typeof openCase>[2] = {},
): OpenedCase => madeBeforeAll(() => openCase(h.services, team.practitioner, traits));

/** A date as the GOV.UK date input sends it. */
export function dateInput(name: string, iso: string): Record<string, string> {
  const [year, month, day] = iso.split('-');
  return { [`${name}-day`]: day!, [`${name}-month`]: month!, [`${name}-year`]: year! };
}

/** The record version the page in front of the browser was built from. */
export const versionOn = (body: string) => /name="version" value="(\d+)"/.exec(body)![1]!;
