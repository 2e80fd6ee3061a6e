// The three doors refuse the same contradictory referral with the same message: a crime "not
// reported to the police" that has a reporting date and a crime reference. One rule
// (consistencyProblems in src/domain/referrals.ts), asked by the one referral schema.
import { Readable } from 'node:stream';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { SystemActor } from '../../src/domain/roles.js';
import { translator } from '../../src/platform/i18n/index.js';
import {
  createHarness,
  issueToken,
  makeOrganisation,
  makeUser,
  type Harness,
} from '../support/harness.js';
import { signedInTo } from '../support/web-client.js';

const t = translator('en');
const REPORTED = t('referrals.errors.reportedOnButNotReported');
const REFERENCE = t('referrals.errors.crimeReferenceButNotReported');

let h: Harness;
let service: Awaited<ReturnType<typeof makeOrganisation>>;
let police: Awaited<ReturnType<typeof makeOrganisation>>;

beforeAll(async () => {
  h = await createHarness();
  h.clock.set('2026-11-20T10:00:00Z');
  service = await makeOrganisation(h.services, { kind: 'rj_service' });
  police = await makeOrganisation(h.services, { kind: 'police' });
});
afterAll(() => h.close());

const htmlText = (body: string) => body.replace(/&#39;/g, "'").replace(/&quot;/g, '"');

describe('a crime not reported to the police, with a reporting date and a crime reference', () => {
  it('is refused by the web form', async () => {
    const referrer = await makeUser(h.services, { role: 'referrer', org: police });
    const browser = await signedInTo(h.app, referrer);
    await browser.get('/referrals/new');
    const started = await browser.post('/referrals/new');
    const id = /\/referrals\/drafts\/([0-9a-f-]+)\//.exec(started.headers.location as string)![1];
    await browser.post(`/referrals/drafts/${id}/service`, { service: service.slug });
    await browser.post(`/referrals/drafts/${id}/about`, { initiated_by: 'victim' });
    await browser.post(`/referrals/drafts/${id}/offence`, {
      offence_group: 'robbery',
      'reported_on-day': '2',
      'reported_on-month': '11',
      'reported_on-year': '2026',
      crime_reference: 'AS/123/26',
      cjs_stage: 'not_reported',
    });
    await browser.post(`/referrals/drafts/${id}/victim`, { victim_surname: 'Jones' });
    await browser.get(`/referrals/drafts/${id}/check`);
    const refused = await browser.post(`/referrals/drafts/${id}/submit`);
    expect(refused.statusCode).toBe(400);
    expect(htmlText(refused.body)).toContain(REPORTED);
    expect(htmlText(refused.body)).toContain(REFERENCE);
  });

  it('is refused by the API', async () => {
    const { token } = await issueToken(h.services, police, 'Police feed');
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/referrals',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({
        service: service.slug,
        initiated_by: 'victim',
        received_on: '2026-11-20',
        offence_group: 'robbery',
        cjs_stage: 'not_reported',
        reported_on: '2026-11-02',
        crime_reference: 'AS/123/26',
        victim_surname: 'Jones',
      }),
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual(
      expect.arrayContaining([
        { field: 'reported_on', message: REPORTED },
        { field: 'crime_reference', message: REFERENCE },
      ]),
    );
  });

  it('is refused by the CSV import', async () => {
    const operatorOf: SystemActor = { kind: 'system', orgId: service.id, name: 'test' };
    const text =
      'source_org,initiated_by,received_on,reported_on,crime_reference,offence_group,cjs_stage,victim_surname\n' +
      `${police.slug},victim,2026-11-03,2026-11-02,AS/123/26,robbery,not_reported,Jones\n`;
    const file = {
      name: 'contradictory.csv',
      size: Buffer.byteLength(text),
      open: () => Readable.from([Buffer.from(text)]),
    };
    const summary = await (await h.services.imports.start(operatorOf, file, {})).run();
    expect(summary).toMatchObject({ imported: 0, rejected: 1 });
    const { lines } = await h.services.imports.rejects(operatorOf, summary.jobId);
    const rejected = [];
    for await (const line of lines) rejected.push(line);
    expect(rejected[1]).toContain(`reported_on: ${REPORTED}`);
    expect(rejected[1]).toContain(`crime_reference: ${REFERENCE}`);
  });
});

describe('a community resolution', () => {
  it('is recorded as the out-of-court context a referral came from, not planned as an intervention', async () => {
    const manager = await makeUser(h.services, { role: 'service_manager', org: service });
    const fields = {
      source_org: police.slug,
      initiated_by: 'agency',
      received_on: '2026-11-16',
      offence_group: 'theft-offences',
      cjs_stage: 'out_of_court',
      out_of_court_resolution: 'community_resolution',
      victim_surname: 'Jones',
    };
    const created = await h.services.referrals.create(manager, fields, { channel: 'web' });
    const refused = h.services.referrals.create(
      manager,
      { ...fields, cjs_stage: 'pre_charge' },
      { channel: 'web' },
    );
    await expect(refused).rejects.toMatchObject({
      fieldErrors: [
        { field: 'out_of_court_resolution', key: 'referrals.errors.resolutionOutsideOutOfCourt' },
      ],
    });
    const { caseId } = await h.services.triage.accept(manager, created.id, { version: 1 });
    const planned = Promise.resolve().then(() =>
      h.services.interventions.plan(manager, caseId, { kind: 'community_resolution' }),
    );
    await expect(planned).rejects.toMatchObject({
      fieldErrors: [{ field: 'kind', key: 'cases.interventions.errors.kind' }],
    });
  });
});

// Harm that is not a crime: no offence group needed, and no criminal justice stage beyond "not
// reported". The same fields go through each door; each door says the same.
describe('harm that is not a crime', () => {
  const NOT_A_CRIME = t('referrals.errors.stageButNotACrime');
  const NO_GROUP = t('referrals.errors.offenceGroupRequired');
  const school = {
    initiated_by: 'agency',
    harm_setting: 'school',
    cjs_stage: 'not_reported',
    victim_surname: 'Jones',
  };

  async function byWebForm(fields: Record<string, string>) {
    const referrer = await makeUser(h.services, { role: 'referrer', org: police });
    const browser = await signedInTo(h.app, referrer);
    await browser.get('/referrals/new');
    const started = await browser.post('/referrals/new');
    const id = /\/referrals\/drafts\/([0-9a-f-]+)\//.exec(started.headers.location as string)![1];
    await browser.post(`/referrals/drafts/${id}/service`, { service: service.slug });
    await browser.post(`/referrals/drafts/${id}/about`, { initiated_by: fields.initiated_by! });
    const { initiated_by: _, victim_surname: surname, ...offence } = fields;
    // The page that asks what happened says so there and then.
    const asked = await browser.post(`/referrals/drafts/${id}/offence`, offence);
    if (asked.statusCode !== 302) return { ok: false, text: htmlText(asked.body) };
    await browser.post(`/referrals/drafts/${id}/victim`, { victim_surname: surname! });
    const check = await browser.get(`/referrals/drafts/${id}/check`);
    // What the harm was is never offered to leave out: left out, a conflict would be a crime.
    expect(check.body).toContain('value="victim_surname"');
    expect(check.body).not.toContain('value="harm_setting"');
    const sent = await browser.post(`/referrals/drafts/${id}/submit`);
    return { ok: sent.statusCode === 302, text: htmlText(sent.body) };
  }

  async function byApi(fields: Record<string, string>) {
    const { token } = await issueToken(h.services, police, `Feed ${Math.random()}`);
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/referrals',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({ service: service.slug, received_on: '2026-11-20', ...fields }),
    });
    return { ok: response.statusCode === 201, text: response.body };
  }

  async function byImport(fields: Record<string, string>) {
    const operatorOf: SystemActor = { kind: 'system', orgId: service.id, name: 'test' };
    const all: Record<string, string> = {
      source_org: police.slug,
      received_on: '2026-11-03',
      ...fields,
    };
    const text = `${Object.keys(all).join(',')}\n${Object.values(all).join(',')}\n`;
    const file = {
      name: 'harm.csv',
      size: Buffer.byteLength(text),
      open: () => Readable.from([Buffer.from(text)]),
    };
    const summary = await (await h.services.imports.start(operatorOf, file, {})).run();
    if (summary.imported === 1) return { ok: true, text: '' };
    const { lines } = await h.services.imports.rejects(operatorOf, summary.jobId);
    const rejected = [];
    for await (const line of lines) rejected.push(line);
    return { ok: false, text: rejected.join('\n') };
  }

  for (const [door, send] of [
    ['web form', byWebForm],
    ['API', byApi],
    ['CSV import', byImport],
  ] as const) {
    it(`is accepted without an offence group, and refused as reported, by the ${door}`, async () => {
      // A surname of its own: the same referral through two doors would be a duplicate.
      const accepted = await send({ ...school, victim_surname: `Jones-${door.length}` });
      expect(accepted).toMatchObject({ ok: true });
      const reported = await send({ ...school, cjs_stage: 'pre_sentence' });
      expect(reported.ok).toBe(false);
      expect(reported.text).toContain(NOT_A_CRIME);
      const crime = await send({ ...school, harm_setting: 'crime' });
      expect(crime.ok).toBe(false);
      expect(crime.text).toContain(door === 'CSV import' ? 'offence_group: ' : NO_GROUP);
    });
  }

  it('is kept as harm that is not a crime and counted apart', async () => {
    const rows = await h.database.withOwner((owner) =>
      owner.query<{ harm_setting: string; offence_group_id: string | null }>(
        `select harm_setting, offence_group_id from referrals
          where org_id = $1 and harm_setting = 'school'`,
        [service.id],
      ),
    );
    expect(rows).toHaveLength(3);
    expect(rows.every((r) => r.offence_group_id === null)).toBe(true);
    await h.services.aggregates.refresh();
    const counted = await h.database.withOwner((owner) =>
      owner.query<{ dimension: string; value: string; n: number }>(
        `select dimension, value, sum(n)::int as n from aggregate_figures
          where org_id = $1 and figure = 'referrals_received'
            and dimension in ('harm_setting', 'offence_group')
          group by dimension, value order by dimension, value`,
        [service.id],
      ),
    );
    expect(counted).toEqual(
      expect.arrayContaining([
        { dimension: 'harm_setting', value: 'school', n: 3 },
        { dimension: 'offence_group', value: 'not_a_crime', n: 3 },
      ]),
    );
  });
});
