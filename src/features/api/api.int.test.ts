import { beforeAll, describe, expect, it } from 'vitest';
import { withActor } from '../../db/actor-context.js';
import {
  administratorOf,
  issueToken,
  makeOrganisation,
  makeUserWithRole,
  operator,
} from '../../../test/support/harness.js';
import { testbed } from '../../../test/support/testbed.js';

const { h, signedIn } = testbed();
let service: Awaited<ReturnType<typeof makeOrganisation>>;
let police: Awaited<ReturnType<typeof makeOrganisation>>;
let token: string;

const referral = (extra: Record<string, unknown> = {}) => ({
  service: service.slug,
  initiated_by: 'agency',
  received_on: '2026-11-02',
  offence_group: 'theft-offences',
  cjs_stage: 'out_of_court',
  crime_reference: 'CR/1/26',
  victim_surname: 'Evans',
  offender_surname: 'Price',
  ...extra,
});

async function api(
  method: 'GET' | 'POST',
  url: string,
  body?: unknown,
  bearer: string | null = token,
) {
  return h.app.inject({
    method,
    url,
    headers: {
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
    },
    payload:
      body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });
}

beforeAll(async () => {
  service = await makeOrganisation(h.services, { kind: 'rj_service' });
  police = await makeOrganisation(h.services, { kind: 'police' });
  token = (await issueToken(h.services, police, 'Police feed')).token;
});

describe('POST /api/v1/referrals', () => {
  it('creates a referral from the token organisation and answers 201 with id, reference and status', async () => {
    const response = await api('POST', '/api/v1/referrals', referral());
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toEqual({
      id: expect.any(String),
      reference: expect.stringMatching(/^RF-/),
      status: 'received',
    });
    expect(response.headers.location).toBe(`/api/v1/referrals/${body.id}`);
    const stored = await h.database.withOwner((o) =>
      o.query<{ source_org_id: string; channel: string }>(
        'select source_org_id, channel from referrals where id = $1',
        [body.id],
      ),
    );
    expect(stored[0]).toEqual({ source_org_id: police.id, channel: 'api' });
  });

  it('answers 400 with every field error', async () => {
    // An unknown field is refused, never ignored, and named with every other problem.
    const response = await api('POST', '/api/v1/referrals', {
      service: service.slug,
      initiated_by: 'nobody',
      received_on: '2026-02-30',
      offence_group: 'parking',
      victim_email: 'not-an-email',
      colour: 'blue',
    });
    expect(response.statusCode).toBe(400);
    const fields = (response.json().error.fields as { field: string; message: string }[]).map(
      (f) => f.field,
    );
    expect(fields).toEqual([
      'initiated_by',
      'received_on',
      'offence_group',
      'cjs_stage',
      'victim_email',
      'colour',
    ]);
    const second = await api('POST', '/api/v1/referrals', {
      service: service.slug,
      initiated_by: 'nobody',
      received_on: '2026-02-30',
      offence_group: 'parking',
      victim_email: 'not-an-email',
    });
    expect(second.statusCode).toBe(400);
    const error = second.json().error;
    expect(error.code).toBe('validation');
    expect(error.fields).toEqual(
      expect.arrayContaining([
        { field: 'initiated_by', message: 'Choose who asked for restorative justice' },
        { field: 'received_on', message: 'Enter a real date, like 27 3 2026' },
        { field: 'offence_group', message: 'Choose a type of offence from the list' },
        { field: 'cjs_stage', message: 'Choose the stage in the criminal justice system' },
        { field: 'victim_email', message: expect.stringContaining('email address') },
      ]),
    );
  });

  it('refuses an unknown service, a source other than itself, malformed JSON and a non-object body', async () => {
    expect(
      (await api('POST', '/api/v1/referrals', referral({ service: 'no-such-service' }))).json()
        .error.fields,
    ).toEqual([
      { field: 'service', message: 'Choose a restorative justice service from the list' },
    ]);
    expect(
      (await api('POST', '/api/v1/referrals', referral({ service: police.slug }))).statusCode,
    ).toBe(400);
    expect(
      (await api('POST', '/api/v1/referrals', referral({ source_org: service.slug }))).json().error
        .fields,
    ).toEqual([
      { field: 'source_org', message: 'You can only send referrals from your own organisation' },
    ]);
    const malformed = await api('POST', '/api/v1/referrals', '{"service": ');
    expect(malformed.statusCode).toBe(400);
    expect(malformed.json().error).toBeDefined();
    expect((await api('POST', '/api/v1/referrals', '[1,2]')).statusCode).toBe(400);
  });

  it('answers 401 without a token, with an unknown token, and with a revoked one', async () => {
    expect((await api('POST', '/api/v1/referrals', referral(), null)).statusCode).toBe(401);
    expect(
      (await api('POST', '/api/v1/referrals', referral(), 'wmk_not-a-real-token')).statusCode,
    ).toBe(401);
    const spare = await issueToken(h.services, police);
    expect((await api('POST', '/api/v1/referrals', referral(), spare.token)).statusCode).toBe(201);
    // The operator at the command line can stop any organisation's token.
    await h.services.apiTokens.revoke(operator, spare.id);
    const revoked = await api('POST', '/api/v1/referrals', referral(), spare.token);
    expect(revoked.statusCode).toBe(401);
    expect(revoked.headers['www-authenticate']).toContain('Bearer');
  });
});

describe('GET /api/v1/referrals/{id}', () => {
  it("shows the referral's status to its sender, and 404 to another organisation", async () => {
    const created = (await api('POST', '/api/v1/referrals', referral())).json();
    const status = await api('GET', `/api/v1/referrals/${created.id}`);
    expect(status.statusCode).toBe(200);
    expect(status.json()).toMatchObject({
      id: created.id,
      reference: created.reference,
      status: 'received',
      // A partner's referral is received the day it is sent (src/domain/referral-sides.ts).
      receivedOn: '2026-11-20',
    });
    expect(JSON.stringify(status.json())).not.toContain('Evans');

    const probation = await makeOrganisation(h.services, { kind: 'probation' });
    const other = (await issueToken(h.services, probation)).token;
    expect((await api('GET', `/api/v1/referrals/${created.id}`, undefined, other)).statusCode).toBe(
      404,
    );
    expect((await api('GET', '/api/v1/referrals/not-a-uuid')).statusCode).toBe(404);
  });
});

describe('the OpenAPI document', () => {
  it('describes both operations from the request schema', async () => {
    const document = (await h.app.inject('/api/v1/openapi.json')).json();
    expect(document.openapi).toBe('3.1.0');
    expect(Object.keys(document.paths)).toEqual(
      expect.arrayContaining(['/referrals', '/referrals/{id}']),
    );
    const request = document.components.schemas.ReferralRequest;
    expect(request.required).toEqual(['service', 'initiated_by', 'received_on', 'cjs_stage']);
    // Required for a crime only: the request says so, and the domain's rule holds it.
    expect(request.properties.offence_group.description).toContain('Required for a crime');
    expect(request.properties.harm_setting.enum).toContain('school');
    expect(request.properties.cjs_stage.enum).toContain('pre_sentence');
    expect(request.properties.received_on.format).toBe('date');
    expect(request.properties.victim_safe_phone).toBeDefined();
  });
});

describe('API tokens', () => {
  it("are issued once on the organisation administrator's page and revoked there", async () => {
    const admin = await administratorOf(h.services, police);
    const browser = await signedIn(admin);
    // A name too long: the list again, the mistake named beside the field, and nothing issued.
    const tooLong = await browser.submitForm('/admin/api-tokens', { name: 'x'.repeat(101) });
    expect(tooLong.statusCode).toBe(400);
    expect(tooLong.body).toContain('govuk-error-summary');
    expect(tooLong.body).toContain('href="#name"');
    expect(tooLong.body).not.toContain('data-qa="token"');
    const issued = await browser.submitForm('/admin/api-tokens', { name: 'Records system' });
    expect(issued.statusCode).toBe(201);
    const shown = /data-qa="token">(wmk_[A-Za-z0-9_-]+)</.exec(issued.body)?.[1];
    expect(shown).toBeDefined();
    expect((await api('POST', '/api/v1/referrals', referral(), shown!)).statusCode).toBe(201);
    const list = await browser.get('/admin/api-tokens');
    expect(list.body).toContain('Records system');
    expect(list.body).not.toContain(shown!);
    const id = new RegExp(
      `Records system<br><span class="govuk-body-s waymark-code">([0-9a-f-]+)<`,
    ).exec(list.body)?.[1];
    await browser.post(`/admin/api-tokens/${id}/revoke`);
    expect((await api('POST', '/api/v1/referrals', referral(), shown!)).statusCode).toBe(401);
  });

  it("are another organisation's business: its tokens are not found, and none can be issued for it", async () => {
    const probation = await makeOrganisation(h.services, { kind: 'probation' });
    const theirs = await issueToken(h.services, probation, 'Probation case system');
    const admin = await administratorOf(h.services, police);
    const browser = await signedIn(admin);
    const list = await browser.get('/admin/api-tokens');
    expect(list.body).not.toContain('Probation case system');
    expect((await browser.post(`/admin/api-tokens/${theirs.id}/revoke`)).statusCode).toBe(404);
    await expect(
      h.services.apiTokens.issue(admin, { org: probation.slug, name: 'Sneaky' }),
    ).rejects.toMatchObject({ kind: 'not_found' });
    // Nor can the system administrator, who is outside it too.
    const system = await makeUserWithRole(h.services, 'system_admin');
    await expect(h.services.apiTokens.issue(system, { org: probation.slug })).rejects.toMatchObject(
      { kind: 'not_found' },
    );
    await expect(h.services.apiTokens.revoke(system, theirs.id)).rejects.toMatchObject({
      kind: 'not_found',
    });
    // And the database refuses a token written for another organisation.
    await expect(
      withActor(h.database.db, admin, (tx) =>
        tx
          .insertInto('api_tokens')
          .values({ org_id: probation.id, name: 'Forged', token_hash: 'x'.repeat(64) })
          .execute(),
      ),
    ).rejects.toThrow(/row-level security/);
    expect((await api('POST', '/api/v1/referrals', referral(), theirs.token)).statusCode).toBe(201);
  });
});
