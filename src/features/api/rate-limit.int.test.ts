// The API's limits cannot be sidestepped: the allowance is the token's however the header is
// written, and guessing tokens from one address is limited as well.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../../app.js';
import { issueToken, makeOrganisation, type Harness } from '../../../test/support/harness.js';
import { testbed } from '../../../test/support/testbed.js';

// The harness's own app is left alone: these tests talk to apps with small allowances.
const { h } = testbed({ realClock: true });
let app: Harness['app'];
let token: string;

/** A process of the app, on the test database, allowing 3 requests a minute and 4 failures. */
const limitedApp = () =>
  buildApp({
    services: h.services,
    db: h.database.db,
    cookieSecret: 'test-cookie-secret-0123456789abcdef0123',
    baseUrl: 'http://waymark.test',
    logLevel: 'silent',
    apiRequestsPerMinute: 3,
    apiFailuresPerMinute: 4,
  });

beforeAll(async () => {
  const police = await makeOrganisation(h.services, { kind: 'police' });
  token = (await issueToken(h.services, police)).token;
  app = await limitedApp();
  await app.ready();
});
// Hooks after the tests run last-declared first: this app closes before the harness.
afterAll(() => app.close());

const get = (authorization: string, address = '203.0.113.80') =>
  app.inject({
    method: 'GET',
    url: '/api/v1/referrals/00000000-0000-4000-8000-000000000000',
    headers: { authorization },
    remoteAddress: address,
  });

describe('the API rate limit', () => {
  it('counts a token once however the scheme is cased or spaced', async () => {
    const spellings = [
      `Bearer ${token}`,
      `bearer ${token}`,
      `BEARER   ${token}`,
      ` Bearer ${token} `,
      `bEaReR\t${token}`,
    ];
    const statuses = [];
    for (const header of spellings) statuses.push((await get(header)).statusCode);
    expect(statuses).toEqual([404, 404, 404, 429, 429]);
  });

  it('limits an address that guesses tokens, each guess different', async () => {
    const statuses = [];
    for (let n = 0; n < 6; n++) {
      statuses.push((await get(`Bearer guess-${n}-${'x'.repeat(20)}`, '203.0.113.81')).statusCode);
    }
    expect(statuses).toEqual([401, 401, 401, 401, 429, 429]);
    const answer = (await get(`Bearer ${token}x`, '203.0.113.81')).json() as {
      error: { code: string };
    };
    expect(answer.error.code).toBe('too_many_requests');
    // Another address is not held back by it.
    expect((await get('Bearer another-guess', '203.0.113.82')).statusCode).toBe(401);
  });

  it('is one allowance across every process on the database, kept without the token', async () => {
    // A second process on the same database: the requests it answers count toward the same limit.
    const other = await limitedApp();
    try {
      const { token: shared } = await issueToken(
        h.services,
        await makeOrganisation(h.services, { kind: 'police' }),
      );
      const statuses = [];
      for (const server of [app, other, app, other]) {
        const response = await server.inject({
          method: 'GET',
          url: '/api/v1/referrals/00000000-0000-4000-8000-000000000000',
          headers: { authorization: `Bearer ${shared}` },
          remoteAddress: '203.0.113.90',
        });
        statuses.push(response.statusCode);
      }
      expect(statuses).toEqual([404, 404, 404, 429]);
      const keys = await h.database.withOwner((owner) =>
        owner.query<{ key: string }>('select key from rate_limit_windows'),
      );
      expect(keys.length).toBeGreaterThan(0);
      for (const { key } of keys) {
        expect(key).not.toContain(shared);
        expect(key).not.toContain('203.0.113');
      }
    } finally {
      await other.close();
    }
  });
});
