// Every export of personal or case data, and every change to one's own security settings, is
// behind the step-up guard (ADR 0019): this lists every route that answers a file, requires each
// to be either guarded or an aggregate download named here with its reason, and proves the guard
// stands in front of each guarded route by asking it 16 minutes after signing in.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeService } from '../support/cases.js';
import { createHarness, type Harness } from '../support/harness.js';
import { signedInTo } from '../support/web-client.js';

let h: Harness;
let team: Awaited<ReturnType<typeof makeService>>;

beforeAll(async () => {
  h = await createHarness();
  team = await makeService(h.services);
});
afterAll(() => h.close());

/** Routes that ask for the password and a code again (method and path as registered). */
const STEP_UP = [
  'GET /cases/:id/documents/:documentId',
  'GET /cases/:id/people/:pid/subject-access/report.:format',
  'GET /referrals/import/:jobId/rejects.csv',
  'GET /outcomes/report.csv',
  'GET /outcomes/report.xlsx',
  'POST /account/password',
  'GET /account/authenticator',
  'POST /account/authenticator',
];

/** Downloads that hold no personal or case data, and why they need no step-up. */
const NOT_PERSONAL: Record<string, string> = {
  'GET /areas/:areaId/return.csv': "an area's aggregates, small numbers suppressed",
  'GET /areas/:areaId/return.xlsx': "an area's aggregates, small numbers suppressed",
  'GET /national/survey/:year/results.:format': "areas' provision survey answers, no cases",
  'GET /definitions.json': 'how each published figure is defined: public',
};

/** A route that answers a file rather than a page. */
const isFileRoute = (url: string) =>
  /\.(csv|xlsx|json|pdf|:format)$/.test(url) || /\/documents\/:documentId$/.test(url);

describe('the step-up guard', () => {
  it('stands in front of every export of personal or case data, and nothing else needs it', () => {
    const web = h.app.registeredRoutes.filter((r) => !r.url.startsWith('/api/'));
    const key = (r: { method: string; url: string }) => `${r.method} ${r.url}`;
    const files = web.filter((r) => isFileRoute(r.url)).map(key);
    expect(files.length).toBeGreaterThanOrEqual(9);
    const undecided = files.filter((f) => !STEP_UP.includes(f) && !(f in NOT_PERSONAL));
    expect(undecided, 'file routes neither guarded nor named as aggregates').toEqual([]);
    const guarded = web.filter((r) => r.stepUp).map(key);
    expect(guarded.sort()).toEqual([...STEP_UP].sort());
  });

  it('sends each guarded page to re-authenticate 15 minutes after sign-in', async () => {
    const browser = await signedInTo(h.app, team.manager);
    h.clock.advanceMinutes(10);
    expect((await browser.get('/')).statusCode).toBe(200);
    h.clock.advanceMinutes(6);
    // Any id will do: the guard answers before the route looks anything up.
    const anId = team.manager.userId;
    const asked: string[] = [];
    for (const route of STEP_UP.filter((r) => r.startsWith('GET '))) {
      const url = route
        .slice(4)
        .replace(/:(id|documentId|pid|jobId)\b/g, anId)
        .replace(':format', 'json');
      const response = await browser.get(url);
      expect(response.statusCode, url).toBe(302);
      expect(response.headers.location, url).toBe(
        `/reauthenticate?returnTo=${encodeURIComponent(url)}`,
      );
      asked.push(url);
    }
    expect(asked).toHaveLength(6);
    // The forms post too: a change sent without a recent step-up is refused the same way.
    await browser.get('/account');
    const sent = await browser.post('/account/password', {
      currentPassword: team.manager.password,
      newPassword: 'another long passphrase',
      confirmPassword: 'another long passphrase',
    });
    expect(sent.headers.location).toMatch(/^\/reauthenticate\?returnTo=/);
  });
});
