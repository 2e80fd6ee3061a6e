// A national analyst sees aggregates and survey answers only. Every page of Waymark that is not
// a national page (each case, referral, person and service page, each administration page) is
// refused as "not found", by GET and by POST; and nothing the analyst is sent — national pages,
// downloads, refusals — holds any personal value recorded in a case.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  createHarness,
  makeOrganisation,
  makeUser,
  operator,
  type Harness,
} from '../support/harness.js';
import { WebClient } from '../support/web-client.js';

/** Values about people, each recorded somewhere in a case, that no analyst may ever be sent. */
const PERSONAL = {
  victim_forename: 'Eirlys',
  victim_surname: 'Quennell',
  victim_dob: '1983-04-17',
  victim_phone: '07700 900483',
  victim_email: 'eirlys.quennell@example.net',
  victim_postcode: 'BS9 4QQ',
  victim_safe_phone: '07700 900484',
  offender_forename: 'Thaddeus',
  offender_surname: 'Pellow',
  offender_dob: '1990-09-02',
  offender_establishment: 'HMP Oakhurst',
  crime_reference: 'CR-88/4521',
  notes: 'Left the side gate open on purpose',
};
const SHOWN_AS = ['17 April 1983', '2 September 1990', '17/04/1983'];

let h: Harness;
let analyst: WebClient;
const ids: Record<string, string> = {};
const sent: { url: string; status: number; body: string }[] = [];

/** Every route the app serves, with its methods, read from Fastify's route tree. */
function routes(app: Harness['app']): { path: string; methods: string[] }[] {
  const stack: string[] = [];
  const found: { path: string; methods: string[] }[] = [];
  for (const line of app.printRoutes({ commonPrefix: false }).split('\n')) {
    const match = /^([│ ]*)(?:[└├]── )?(\S+) \(([A-Z, ]+)\)$/.exec(line.replace(/\s+$/, ''));
    if (!match) continue;
    const depth = Math.floor(match[1]!.length / 4);
    // A parameter named differently by two routes prints as ":id|:caseId": either name will do.
    const segment = match[2]!.replace(/(:\w+)(\|:\w+)+/g, '$1');
    const full = (depth === 0 ? '' : stack[depth - 1]!) + segment;
    stack[depth] = full === '/' ? '/' : full;
    found.push({ path: full, methods: match[3]!.split(', ').filter((m) => m !== 'HEAD') });
  }
  return found;
}

/** A path with each parameter filled with a real id where one exists. */
function filled(path: string): string {
  return path
    .replace(/^\/cases\/:id/, `/cases/${ids.caseId}`)
    .replace(/^\/referrals\/sent\/:id/, `/referrals/sent/${ids.referralId}`)
    .replace(/^\/referrals\/:id/, `/referrals/${ids.referralId}`)
    .replace(/:pid|:participantId/g, ids.harmedId!)
    .replace(/:slug/g, ids.serviceSlug!)
    .replace(/:areaId/g, 'kent')
    .replace(/:kind/g, 'entry')
    .replace(/:audience/g, 'harmed')
    .replace(/:[A-Za-z]+/g, ids.caseId!);
}

/** Pages anyone may open (signing in, public links, assets) and the analyst's own. */
const OPEN = [
  /^\/$/,
  /^\/national(\/|$)/,
  /^\/definitions/,
  // An area's figures as its commissioner sees them (suppressed, from the store), and downloads.
  /^\/areas\/:areaId(\/return\.(csv|xlsx))?$/,
  /^\/(sign-in|sign-out|session\/(ending|extend)|setup|set-password|password|q\/|assets|api\/|health|ping|accessibility|cookies|account|reauthenticate)/,
  /^\*$/,
];

beforeAll(async () => {
  h = await createHarness();
  h.clock.set('2026-11-20T10:00:00Z');
  const service = await makeOrganisation(h.services, { kind: 'rj_service', area: 'kent' });
  const practitioner = await makeUser(h.services, { role: 'practitioner', org: service });
  const referral = await h.services.referrals.create(
    practitioner,
    {
      source_org: 'self',
      initiated_by: 'victim',
      received_on: '2026-11-02',
      offence_group: 'criminal-damage-and-arson',
      cjs_stage: 'pre_sentence',
      ...PERSONAL,
    },
    { channel: 'web' },
  );
  const opened = await h.services.triage.accept(practitioner, referral.id, { version: 1 });
  const theCase = await h.services.cases.get(practitioner, opened.caseId);
  // The seeded values are there to be found: the service's own staff see them.
  const staff = new WebClient(h.app, '203.0.113.20');
  await staff.signIn(practitioner.email, practitioner.password);
  const casePage = (await staff.get(`/cases/${opened.caseId}/people`)).body;
  if (!casePage.includes(PERSONAL.victim_surname) || !casePage.includes(PERSONAL.offender_surname))
    throw new Error('the seeded case does not show its people to its own staff');
  Object.assign(ids, {
    caseId: opened.caseId,
    referralId: referral.id,
    harmedId: theCase.participants.find((p) => p.role === 'harmed')!.id,
    serviceSlug: service.slug,
  });
  await h.services.provision.importCsv(
    operator,
    () =>
      Readable.from([
        'area,year,respondent,provider,delivery_model,agencies,offender_initiated,sv_da,measures,challenges,expanding,rsqm,rj_spend_gbp,victims_budget_gbp,beyond_rj\r\n' +
          'kent,2026,pcc_office,third_sector,hub,police;prisons,yes,no,none,funding,yes,awarded,90000,1200000,yes\r\n',
      ]),
    { fileName: 'survey.csv' },
  );
  const unit = await makeOrganisation(h.services, { kind: 'other' });
  const user = await makeUser(h.services, { role: 'national_analyst', org: unit });
  analyst = new WebClient(h.app);
  await analyst.signIn(user.email, user.password);
});
afterAll(() => h.close());

async function visit(method: 'GET' | 'POST', url: string) {
  const response = method === 'GET' ? await analyst.get(url) : await analyst.post(url, {});
  sent.push({
    url: `${method} ${url}`,
    status: response.statusCode,
    body: response.body + JSON.stringify(response.headers),
  });
  return response;
}

describe('a national analyst', () => {
  it('opens every national page', async () => {
    for (const url of [
      '/',
      '/national/map',
      '/national/map?measure=quality_mark&year=2026',
      '/national/map?measure=referrals_per_100k&year=2026',
      '/national/survey/2026',
      '/national/survey/2026/results.csv',
      '/national/survey/2026/results.json',
      '/national/survey/2026/agencies',
      '/national/victims-offered',
      '/national/areas/kent',
      '/national/import',
      '/areas/kent',
      '/areas/kent/return.csv',
    ])
      expect((await visit('GET', url)).statusCode, url).toBe(200);
  });

  it('is refused, as not found, every other page of Waymark, by GET and by POST', async () => {
    const all = routes(h.app).filter((r) => !OPEN.some((open) => open.test(r.path)));
    expect(all.length).toBeGreaterThan(100);
    expect(all.map((r) => r.path)).toContain('/cases/:id');
    const answered: string[] = [];
    for (const route of all)
      for (const method of route.methods.filter((m) => m === 'GET' || m === 'POST')) {
        const url = filled(route.path);
        const response = await visit(method as 'GET' | 'POST', url);
        if (response.statusCode !== 404) answered.push(`${method} ${url}: ${response.statusCode}`);
      }
    expect(answered).toEqual([]);
  });

  it('is sent no personal value recorded in a case, in any response', async () => {
    expect(sent.length).toBeGreaterThan(100);
    const values = [...Object.values(PERSONAL), ...SHOWN_AS, ids.caseId!, ids.referralId!];
    // A case's or referral's id may come back only where the analyst's own address held it.
    const leaks = sent.flatMap((response) =>
      values
        .filter((value) => response.body.includes(value) && !response.url.includes(value))
        .map((value) => `${response.url}: ${value}`),
    );
    expect(leaks).toEqual([]);
  });
});
