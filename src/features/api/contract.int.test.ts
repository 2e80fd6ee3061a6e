// The API keeps the promises its OpenAPI document makes. For every operation the generated
// document lists, real requests drive the success answer and every documented error status,
// and each answer's body is checked against the documented schema, in which every object
// allows no property it does not declare. Every route under /api is in the document, and no
// kind of bad input gets anything but a documented 400.
import Fastify, { type LightMyRequestResponse } from 'fastify';
import { serializerCompiler, type ZodTypeProvider } from 'fastify-type-provider-zod';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import {
  answerChecker,
  looseObjects,
  operationsOf,
  routesUnder,
  type OpenApiDocument,
} from '../../../test/support/api-contract.js';
import { makeOrganisation, issueToken, type Harness } from '../../../test/support/harness.js';
import { setUpApiErrors } from './errors.js';
import { referralCreatedSchema } from './referrals.js';
import { testbed, serviceFor, caseFor } from '../../../test/support/testbed.js';
import { CATEGORY_KEYS } from '../../../test/support/wellbeing.js';

const { h } = testbed();
const team = serviceFor(h);
const opened = caseFor(h, team);
let document: OpenApiDocument;
let check: ReturnType<typeof answerChecker>;
let policeToken: string;
let serviceToken: string;
/** The same app with a limit of two requests a minute per route and token. */
let limited: Harness['app'];
let limitedToken: string;

type Bearer = string | null;
const call = (
  app: Harness['app'],
  method: string,
  url: string,
  bearer: Bearer,
  body?: unknown,
  headers: Record<string, string> = {},
) =>
  app.inject({
    method: method as 'GET' | 'POST',
    url: `/api/v1${url}`,
    headers: {
      ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...headers,
    },
    payload:
      body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
  });

const referral = (extra: Record<string, unknown> = {}) => ({
  service: team.org.slug,
  initiated_by: 'agency',
  received_on: '2026-11-02',
  offence_group: 'theft-offences',
  cjs_stage: 'out_of_court',
  victim_surname: 'Evans',
  ...extra,
});
const measure = (extra: Record<string, unknown> = {}) => ({
  case_reference: opened.caseReference,
  participant_id: opened.harmedId,
  kind: 'entry',
  taken_on: '2026-11-03',
  scores: Object.fromEntries(CATEGORY_KEYS.map((key) => [key, 3])),
  ...extra,
});
const questionnaire = (extra: Record<string, unknown> = {}) => ({
  case_reference: opened.caseReference,
  participant_id: opened.harmedId,
  answers: { prepared: 4, recommend: 'yes' },
  responded_on: '2026-11-19',
  ...extra,
});
/** A body over the 1 MB limit. */
const huge = () => JSON.stringify({ notes: 'x'.repeat(1024 * 1024) });

/** Sends the same request until the route's limit answers 429. */
async function untilLimited(method: string, url: string, body?: unknown) {
  for (let i = 0; i < 5; i++) {
    const response = await call(limited, method, url, limitedToken, body);
    if (response.statusCode === 429) return response;
  }
  throw new Error(`${method} ${url} was never limited`);
}

type Scenario = () => Promise<LightMyRequestResponse[]>;
const all = (...requests: Promise<LightMyRequestResponse>[]) => Promise.all(requests);
const post = (url: string, body: unknown, bearer: Bearer = serviceToken) =>
  call(h.app, 'POST', url, bearer, body);
const get = (url: string, bearer: Bearer = policeToken) => call(h.app, 'GET', url, bearer);
const refer = (body: unknown, bearer: Bearer = policeToken) => post('/referrals', body, bearer);
const measureBy = (body: unknown, bearer?: Bearer) => post('/wellbeing-measures', body, bearer);
const respond = (body: unknown, bearer?: Bearer) => post('/questionnaire-responses', body, bearer);

/**
 * The requests that drive each documented answer, by "operationId status". A status with
 * several requests is every kind of input that earns it.
 */
const SCENARIOS: Record<string, Scenario> = {
  'createReferral 201': () => all(refer(referral())),
  'createReferral 400': () =>
    all(
      refer(referral({ colour: 'blue' })),
      refer(referral({ received_on: 20261102 })),
      refer(referral({ sv_da: 'perhaps' })),
      refer(referral({ notes: 'x'.repeat(4001) })),
      refer(referral({ notes: 'a\u0000b' })),
      refer(referral({ service: 'no-such-service' })),
      refer(referral({ victim_surname: undefined })),
      refer('{"service": '),
      refer('[1, 2]'),
      refer('null'),
      call(h.app, 'POST', '/referrals', policeToken, 'service=x', {
        'content-type': 'application/x-www-form-urlencoded',
      }),
    ),
  'createReferral 401': () => all(refer(referral(), null), refer(referral(), 'wmk_not-a-token')),
  'createReferral 413': () => all(refer(huge())),
  'createReferral 429': () => all(untilLimited('POST', '/referrals', referral())),

  'getReferral 200': async () => {
    const created = (await refer(referral())).json();
    return all(get(`/referrals/${created.id}`));
  },
  'getReferral 401': () => all(get(`/referrals/${opened.referralId}`, null)),
  'getReferral 404': () =>
    all(
      get(`/referrals/${opened.referralId}`),
      get('/referrals/not-a-uuid'),
      get('/referrals/%00'),
    ),
  'getReferral 429': () => all(untilLimited('GET', `/referrals/${opened.referralId}`)),

  'createWellbeingMeasure 201': () => all(measureBy(measure())),
  'createWellbeingMeasure 400': () =>
    all(
      measureBy(measure({ colour: 'blue' })),
      measureBy(measure({ scores: [3, 4] })),
      measureBy(measure({ kind: 7 })),
      measureBy(measure({ notes: 'n\u0000' })),
      measureBy(measure({ scores: { x: 3 } })),
      measureBy('"a string"'),
    ),
  'createWellbeingMeasure 401': () => all(measureBy(measure(), null)),
  'createWellbeingMeasure 404': () =>
    all(measureBy(measure(), policeToken), measureBy(measure({ case_reference: 'RJ-0' }))),
  'createWellbeingMeasure 409': () => all(measureBy(measure({ participant_id: opened.harmerId }))),
  'createWellbeingMeasure 413': () => all(measureBy(huge())),
  'createWellbeingMeasure 429': () => all(untilLimited('POST', '/wellbeing-measures', measure())),

  'createQuestionnaireResponse 201': () => all(respond(questionnaire())),
  'createQuestionnaireResponse 400': () =>
    all(
      respond(questionnaire({ x: 1 })),
      respond(questionnaire({ answers: { prepared: 9, comments: { text: 'nested' } } })),
      respond(questionnaire({ answers: { ['pre\u0000pared']: 4 } })),
      respond(questionnaire({ answers: { comments: 'y'.repeat(2001) } })),
      respond(questionnaire({ answers: { recommend: 'perhaps' } })),
    ),
  'createQuestionnaireResponse 401': () => all(respond(questionnaire(), null)),
  'createQuestionnaireResponse 404': () => all(respond(questionnaire(), policeToken)),
  'createQuestionnaireResponse 413': () => all(respond(huge())),
  'createQuestionnaireResponse 429': () =>
    all(untilLimited('POST', '/questionnaire-responses', questionnaire())),
};

beforeAll(async () => {
  const police = await makeOrganisation(h.services, { kind: 'police' });
  policeToken = (await issueToken(h.services, police)).token;
  serviceToken = (await issueToken(h.services, team.org)).token;
  limitedToken = (await issueToken(h.services, team.org)).token;
  await h.database.withOwner((o) =>
    o.query(`update case_participants set consent_status = 'withdrawn' where id = $1`, [
      opened.harmerId,
    ]),
  );
  limited = await buildApp({
    services: h.services,
    db: h.database.db,
    cookieSecret: 'test-cookie-secret-0123456789abcdef0123',
    baseUrl: 'http://waymark.test',
    logLevel: 'silent',
    apiRequestsPerMinute: 2,
  });
  document = (await h.app.inject('/api/v1/openapi.json')).json();
  check = answerChecker(document);
});
afterAll(async () => {
  await limited?.close();
  await h.close();
});

describe('the OpenAPI document', () => {
  it('is generated with every operation, each with its answers', () => {
    expect(operationsOf(document).map((op) => `${op.method} ${op.path} ${op.operationId}`)).toEqual(
      [
        'POST /referrals createReferral',
        'GET /referrals/{id} getReferral',
        'POST /wellbeing-measures createWellbeingMeasure',
        'POST /questionnaire-responses createQuestionnaireResponse',
      ],
    );
  });

  it('documents every route under /api', () => {
    const documented = operationsOf(document).map(
      (op) => `${op.method} /api/v1${op.path.replace(/\{(\w+)\}/g, ':$1')}`,
    );
    expect(routesUnder(h.app, '/api/')).toEqual(['GET /api/v1/openapi.json', ...documented].sort());
  });

  it('describes every object in every answer as closed: a field it does not declare fails', () => {
    expect(looseObjects(document)).toEqual([]);
  });

  it('has a request for every documented answer, and documents every answer a request drives', () => {
    const documented = operationsOf(document).flatMap((op) =>
      op.statuses.map((status) => `${op.operationId} ${status}`),
    );
    expect(Object.keys(SCENARIOS).sort()).toEqual(documented.sort());
  });
});

describe('every documented answer, from real requests', () => {
  for (const [name, scenario] of Object.entries(SCENARIOS)) {
    it(name, async () => {
      const [operationId, status] = name.split(' ') as [string, string];
      for (const response of await scenario()) {
        expect(response.statusCode, response.body).toBe(Number(status));
        expect(response.headers['content-type']).toMatch(/^application\/json/);
        expect(check(operationId, response.statusCode, response.json())).toEqual([]);
        // Plain words for every problem: never a translation key or the parser's own wording.
        const { message, fields = [] } = response.json().error ?? {};
        for (const text of [message, ...fields.map((f: { message: string }) => f.message)])
          expect(text ?? '').not.toMatch(/^\w+(\.\w+)+$|Invalid input|expected \w+, received/);
      }
    });
  }
});

describe('the check of an answer against its schema', () => {
  it('fails an answer with a field its schema does not declare, or without one it requires', async () => {
    const created = (await call(h.app, 'POST', '/referrals', policeToken, referral())).json();
    expect(check('createReferral', 201, created)).toEqual([]);
    expect(check('createReferral', 201, { ...created, victim: 'Evans' })).toEqual([
      expect.stringContaining('must NOT have additional properties'),
    ]);
    const { status: _status, ...partial } = created;
    expect(check('createReferral', 201, partial)).toEqual([
      expect.stringContaining("must have required property 'status'"),
    ]);
    expect(check('createReferral', 404, {})).toEqual([
      'createReferral answered 404, which is not documented',
    ]);
  });

  it('is backed by the serialiser: a route answering an undeclared field is a 500, never a leak', async () => {
    const app = Fastify({ logger: false }).withTypeProvider<ZodTypeProvider>();
    app.decorateRequest('t', (key: string) => key);
    app.setSerializerCompiler(serializerCompiler);
    setUpApiErrors(app);
    app.get('/leaky', { schema: { response: { 200: referralCreatedSchema } } }, async () => ({
      id: '3f2b6c1e-8a4d-4f0e-9b7a-2c5d8e1f4a6b',
      reference: 'RF-1',
      status: 'received' as const,
      victimSurname: 'Evans',
    }));
    const response = await app.inject('/leaky');
    expect(response.statusCode).toBe(500);
    expect(response.body).not.toContain('Evans');
    await app.close();
  });
});
