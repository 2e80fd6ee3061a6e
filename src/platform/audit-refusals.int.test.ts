// Asking for a record by id and being told "not found" leaves a trace in the asker's own audit
// trail, whether the record belongs to another organisation or never existed, and the answer is
// the same either way.
import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, issueToken, type Harness } from '../../test/support/harness.js';
import { makeService, openCase } from '../../test/support/cases.js';
import { WebClient } from '../../test/support/web-client.js';

let h: Harness;
let theirCase: Awaited<ReturnType<typeof openCase>>;
let ours: Awaited<ReturnType<typeof makeService>>;
let browser: WebClient;

beforeAll(async () => {
  h = await createHarness();
  const theirs = await makeService(h.services);
  theirCase = await openCase(h.services, theirs.practitioner);
  ours = await makeService(h.services);
  browser = new WebClient(h.app, '203.0.113.77');
  await browser.signIn(ours.practitioner.email, ours.practitioner.password);
});
afterAll(() => h.close());

async function refusals() {
  return h.database.withOwner((owner) =>
    owner.query<{
      org_id: string;
      user_id: string;
      action: string;
      entity_type: string;
      entity_id: string;
      outcome: string;
      request_id: string;
      address: string;
      details: { route: string; case?: string };
    }>(`select * from audit_events where action = 'access.not_found' order by id`),
  );
}

/** The page without what differs on every response (nonces, form tokens, request ids). */
const stable = (body: string) =>
  body
    .replace(/nonce="[^"]*"/g, '')
    .replace(/value="[^"]{20,}"/g, '')
    .replace(/[0-9a-f-]{36}/g, '');

describe('refused attempts on ids', () => {
  it('records another organisation’s case and a guessed id alike, answering the same 404', async () => {
    const before = (await refusals()).length;
    const guessed = randomUUID();
    const other = await browser.get(`/cases/${theirCase.caseId}`);
    const made = await browser.get(`/cases/${guessed}`);
    expect(other.statusCode).toBe(404);
    expect(made.statusCode).toBe(404);
    expect(stable(other.body)).toBe(stable(made.body));

    const events = (await refusals()).slice(before);
    expect(events).toHaveLength(2);
    expect(events.map((e) => e.entity_id)).toEqual([theirCase.caseId, guessed]);
    for (const [index, event] of events.entries()) {
      expect(event).toMatchObject({
        org_id: ours.org.id,
        user_id: ours.practitioner.userId,
        entity_type: 'case',
        outcome: 'denied',
        address: '203.0.113.77',
        request_id: [other, made][index]!.headers['x-request-id'],
      });
      expect(event.details).toMatchObject({ route: '/cases/:id', case: event.entity_id });
    }
  });

  it('names the innermost record of a nested route', async () => {
    const response = await browser.get(`/cases/${theirCase.caseId}/people/${theirCase.harmedId}`);
    expect(response.statusCode).toBe(404);
    const [event] = (await refusals()).slice(-1);
    expect(event).toMatchObject({ entity_type: 'participant', entity_id: theirCase.harmedId });
    expect(event!.details.case).toBe(theirCase.caseId);
  });

  it('records a form posted to someone else’s case, after its body was read', async () => {
    await browser.get('/');
    const response = await browser.post(`/cases/${theirCase.caseId}/notes`, { body: 'hello' });
    expect(response.statusCode).toBe(404);
    const [event] = (await refusals()).slice(-1);
    expect(event).toMatchObject({ entity_id: theirCase.caseId, address: '203.0.113.77' });
  });

  it('records an API request for another organisation’s referral', async () => {
    const { token } = await issueToken(h.services, ours.org);
    const response = await h.app.inject({
      method: 'GET',
      url: `/api/v1/referrals/${theirCase.referralId}`,
      headers: { authorization: `Bearer ${token}` },
      remoteAddress: '192.0.2.44',
    });
    expect(response.statusCode).toBe(404);
    const [event] = (await refusals()).slice(-1);
    expect(event).toMatchObject({
      org_id: ours.org.id,
      entity_type: 'referral',
      entity_id: theirCase.referralId,
      address: '192.0.2.44',
    });
  });

  it('leaves no trace for a page that takes no id, or for someone not signed in', async () => {
    const before = (await refusals()).length;
    expect((await browser.get('/no-such-page')).statusCode).toBe(404);
    const anonymous = await h.app.inject({ method: 'GET', url: `/cases/${theirCase.caseId}` });
    expect(anonymous.statusCode).toBe(302);
    expect(await refusals()).toHaveLength(before);
  });
});
