// The authorization matrix: every registered route has a declared policy (src/route-policies.ts)
// and every route × role cell is asserted against it; every route that takes an id answers 404
// to another organisation; and roles above or beside the service never receive the names,
// dates of birth, contact details or notes of the people in a case.
import type { LightMyRequestResponse } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ROLES, type Role } from '../../src/domain/roles.js';
import { allows, policyFor } from '../../src/route-policies.js';
import { caseVersion, makeService } from '../support/cases.js';
import {
  administratorOf,
  createHarness,
  makeOrganisation,
  makeUser,
  makeUserWithRole,
  type Harness,
} from '../support/harness.js';
import { signedInTo, WebClient } from '../support/web-client.js';

const MISSING = '00000000-0000-4000-8000-000000000000';
// Seeded in the case the matrix looks at: none of them may reach a referrer, commissioner or
// national analyst.
const CANARIES = {
  victim_forename: 'Zephyrine',
  victim_surname: 'Quillfeather',
  victim_dob: '1984-03-17',
  victim_phone: '07700 900461',
  victim_email: 'zephyrine.canary@example.org',
  victim_postcode: 'CF10 9QQ',
  offender_forename: 'Barnaby',
  offender_surname: 'Thistlewood',
  offender_phone: '07700 900462',
  notes: 'Canary background note 7f3a',
};

let h: Harness;
const figures: Record<string, number> = {};
let team: Awaited<ReturnType<typeof makeService>>;
let elsewhere: Awaited<ReturnType<typeof makeService>>;
const people = {} as Record<Role, { email: string; password: string }>;
const ids = { caseId: '', harmedId: '', referralId: '', userId: '', slug: '' };

beforeAll(async () => {
  h = await createHarness();
  h.clock.set('2026-11-20T10:00:00Z');
  team = await makeService(h.services);
  elsewhere = await makeService(h.services);
  const police = await makeOrganisation(h.services, { kind: 'police' });
  const referrer = await makeUser(h.services, { role: 'referrer', org: police });
  const referral = await h.services.referrals.create(
    referrer,
    {
      initiated_by: 'victim',
      received_on: '2026-11-02',
      offence_group: 'robbery',
      cjs_stage: 'pre_charge',
      ...CANARIES,
    },
    { channel: 'web', service: team.org.slug },
  );
  const { caseId } = await h.services.triage.accept(team.practitioner, referral.id, {
    version: 1,
  });
  await h.services.cases.allocate(team.manager, caseId, {
    lead: team.practitioner.userId,
    others: [team.volunteer.userId],
    version: await caseVersion(h.services, team.manager, caseId),
  });
  const view = await h.services.cases.get(team.practitioner, caseId);
  Object.assign(ids, {
    caseId,
    harmedId: view.participants.find((p) => p.role === 'harmed')!.id,
    referralId: referral.id,
    userId: team.practitioner.userId,
    slug: team.org.slug,
  });
  Object.assign(people, {
    practitioner: team.practitioner,
    volunteer: team.volunteer,
    service_manager: team.manager,
    org_admin: await administratorOf(h.services, team.org),
    referrer,
    commissioner: await makeUserWithRole(h.services, 'commissioner'),
    national_analyst: await makeUserWithRole(h.services, 'national_analyst'),
    system_admin: await makeUserWithRole(h.services, 'system_admin'),
  });
});
afterAll(async () => {
  // The figures the README's security table quotes, from this run.
  process.stdout.write(`authorization matrix: ${JSON.stringify(figures)}\n`);
  await h.close();
});

/** A route's path with its parameters filled from the seeded records (or a missing id). */
function urlFor(route: string): string {
  return route
    .replace(/^\/cases\/:id/, `/cases/${ids.caseId}`)
    .replace(/^\/referrals\/(sent\/)?:id/, `/referrals/$1${ids.referralId}`)
    .replace(/^\/admin\/users\/:id/, `/admin/users/${ids.userId}`)
    .replace(':slug', ids.slug)
    .replace(/:(pid|participantId)/, ids.harmedId)
    .replace(':kind', 'entry')
    .replace(':audience', 'harmed')
    .replace(':token', 'not-a-real-token')
    .replace(/:\w+/g, MISSING)
    .replace('/assets/*', '/assets/app.css');
}

const signedInAs = new Map<Role, WebClient>();
async function browserFor(role: Role | null): Promise<WebClient> {
  if (role === null) return new WebClient(h.app, '203.0.113.99');
  const known = signedInAs.get(role);
  if (known) return known;
  const browser = await signedInTo(h.app, people[role]);
  await browser.get('/');
  signedInAs.set(role, browser);
  return browser;
}

const toSignIn = (r: LightMyRequestResponse) =>
  String(r.headers.location ?? '').startsWith('/sign-in');

function canariesIn(body: string): string[] {
  return Object.values(CANARIES).filter((value) => body.includes(value));
}

describe('the declared policies', () => {
  it('cover every registered route (the app would not start otherwise)', () => {
    const routes = h.app.registeredRoutes;
    expect(routes.length).toBeGreaterThan(150);
    figures.routes = routes.length;
    const undeclared = routes.filter((r) => !policyFor(r.method, r.url));
    expect(undeclared).toEqual([]);
  });
});

describe('every route × role cell', () => {
  it('allows or denies each page as its policy says, and answers no server error', async () => {
    const cells: string[] = [];
    const wrong: string[] = [];
    const routes = h.app.registeredRoutes.filter(
      (r) => r.method === 'GET' && r.url !== '/*' && !r.url.startsWith('/api/'),
    );
    for (const role of [null, ...ROLES] as (Role | null)[]) {
      const browser = await browserFor(role);
      for (const route of routes) {
        const policy = policyFor('GET', route.url)!;
        const response = await browser.get(urlFor(route.url));
        const denied =
          response.statusCode === 403 || response.statusCode === 404 || toSignIn(response);
        const allowedHere = allows(policy, role);
        const ok =
          response.statusCode < 500 &&
          (allowedHere
            ? response.statusCode !== 403 && !toSignIn(response)
            : denied || (role === null && policy.who === 'signed_in' && toSignIn(response)));
        cells.push(`${role ?? 'anonymous'} GET ${route.url}`);
        if (!ok) wrong.push(`${role ?? 'anonymous'} GET ${route.url}: ${response.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(cells.length).toBe(routes.length * (ROLES.length + 1));
    figures.pageCells = cells.length;
  });

  it('refuses every change a role may not make, before it is made', async () => {
    const wrong: string[] = [];
    let cells = 0;
    const routes = h.app.registeredRoutes.filter(
      (r) => r.method === 'POST' && !r.url.startsWith('/api/'),
    );
    for (const role of [null, ...ROLES] as (Role | null)[]) {
      const browser = await browserFor(role);
      for (const route of routes) {
        const policy = policyFor('POST', route.url)!;
        if (allows(policy, role)) continue; // what an allowed change does is each feature's test
        cells++;
        const response = await browser.post(urlFor(route.url), {});
        const refused =
          response.statusCode === 403 || response.statusCode === 404 || toSignIn(response);
        if (!refused)
          wrong.push(`${role ?? 'anonymous'} POST ${route.url}: ${response.statusCode}`);
      }
    }
    expect(wrong).toEqual([]);
    expect(cells).toBeGreaterThan(450);
    figures.changeCells = cells;
  });

  it('answers every API operation 401 to a browser session, however privileged', async () => {
    const browser = await browserFor('system_admin');
    for (const route of h.app.registeredRoutes.filter(
      (r) => r.url.startsWith('/api/v1/') && r.url !== '/api/v1/openapi.json',
    )) {
      const url = urlFor(route.url);
      const response =
        route.method === 'GET' ? await browser.get(url) : await browser.post(url, {});
      expect({ route: route.url, status: response.statusCode }).toEqual({
        route: route.url,
        status: 401,
      });
    }
  });
});

describe("another organisation's ids", () => {
  it('answer 404, never 403 and never data, on every route that takes an id', async () => {
    const wrong: string[] = [];
    let cells = 0;
    const outsiders: [string, { email: string; password: string }][] = [
      ['practitioner elsewhere', elsewhere.practitioner],
      ['manager elsewhere', elsewhere.manager],
      ['administrator elsewhere', await administratorOf(h.services, elsewhere.org)],
    ];
    const routes = h.app.registeredRoutes.filter((r) =>
      /^\/(cases\/:id|referrals\/:id|admin\/users\/:id|admin\/organisations\/:slug)/.test(r.url),
    );
    for (const [who, person] of outsiders) {
      const browser = await signedInTo(h.app, person);
      await browser.get('/');
      for (const route of routes) {
        const policy = policyFor(route.method, route.url)!;
        const role = who.startsWith('administrator')
          ? 'org_admin'
          : who.startsWith('manager')
            ? 'service_manager'
            : 'practitioner';
        if (!allows(policy, role)) continue; // a role without the capability is refused above
        cells++;
        const url = urlFor(route.url);
        const response =
          route.method === 'GET' ? await browser.get(url) : await browser.post(url, {});
        if (response.statusCode !== 404 || canariesIn(response.body).length) {
          wrong.push(`${who} ${route.method} ${route.url}: ${response.statusCode}`);
        }
      }
    }
    expect(wrong).toEqual([]);
    expect(cells).toBeGreaterThan(100);
    figures.otherOrganisationCells = cells;
  });
});

describe('roles that see no case data', () => {
  it('never receive the names, birth date, contact details or notes of people in a case', async () => {
    // The service itself sees them: the canaries are really there to be found.
    const staff = await browserFor('practitioner');
    expect(
      canariesIn((await staff.get(`/cases/${ids.caseId}/people`)).body).length,
    ).toBeGreaterThan(3);

    const found: string[] = [];
    let pages = 0;
    const routes = h.app.registeredRoutes.filter((r) => r.method === 'GET' && r.url !== '/*');
    for (const role of ['referrer', 'commissioner', 'national_analyst'] as const) {
      const browser = await browserFor(role);
      for (const route of routes) {
        if (route.url.startsWith('/assets/')) continue;
        const response = await browser.get(urlFor(route.url));
        pages++;
        for (const canary of canariesIn(response.body))
          found.push(`${role} ${route.url}: ${canary}`);
      }
    }
    expect(found).toEqual([]);
    expect(pages).toBeGreaterThan(200);
    figures.pagesScanned = pages;
  });
});
