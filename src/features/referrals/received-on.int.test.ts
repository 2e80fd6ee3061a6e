// One rule for when a referral was received (src/domain/referral-sides.ts), asked by every door:
// a partner's referral is received the day it is sent, whether it comes through the web journey
// or the API; staff say when a referral they took reached them.
import { describe, expect, it } from 'vitest';
import { issueToken, makeUser } from '../../../test/support/harness.js';
import { organisationFor, testbed } from '../../../test/support/testbed.js';

const { h, signedIn } = testbed();
const service = organisationFor(h, { kind: 'rj_service' });
const police = organisationFor(h, { kind: 'police' });

const receivedOnOf = async (id: string) =>
  (
    await h.database.withOwner((o) =>
      o.query<{ received_on: string }>('select received_on from referrals where id = $1', [id]),
    )
  )[0]!.received_on;

describe('when a referral was received', () => {
  it('is the day a partner system sends it through the API, whatever date it gives', async () => {
    const { token } = await issueToken(h.services, police, 'Feed');
    const response = await h.app.inject({
      method: 'POST',
      url: '/api/v1/referrals',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: JSON.stringify({
        service: service.slug,
        initiated_by: 'agency',
        received_on: '2026-11-02',
        offence_group: 'theft-offences',
        cjs_stage: 'out_of_court',
        victim_surname: 'Evans',
      }),
    });
    expect(response.statusCode).toBe(201);
    expect(await receivedOnOf(response.json().id)).toBe('2026-11-20');
  });

  it('is the day a referrer sends it through the web journey', async () => {
    const referrer = await makeUser(h.services, { role: 'referrer', org: police });
    const browser = await signedIn(referrer);
    const started = await browser.submitForm('/referrals/new', {});
    const id = /\/referrals\/drafts\/([0-9a-f-]+)\//.exec(started.headers.location as string)![1]!;
    await browser.submitForm(`/referrals/drafts/${id}/service`, { service: service.slug });
    await browser.post(`/referrals/drafts/${id}/about`, { initiated_by: 'agency' });
    await browser.post(`/referrals/drafts/${id}/offence`, {
      offence_group: 'robbery',
      cjs_stage: 'pre_charge',
    });
    await browser.post(`/referrals/drafts/${id}/victim`, { victim_surname: 'Hale' });
    await browser.get(`/referrals/drafts/${id}/check`);
    const sent = await browser.post(`/referrals/drafts/${id}/submit`, {});
    expect(sent.statusCode).toBe(302);
    const referralId = /\/referrals\/confirmation\/([0-9a-f-]+)/.exec(
      sent.headers.location as string,
    )![1]!;
    expect(await receivedOnOf(referralId)).toBe('2026-11-20');
  });

  it('is the date staff give for a referral they took', async () => {
    const practitioner = await makeUser(h.services, { role: 'practitioner', org: service });
    const created = await h.services.referrals.create(
      practitioner,
      {
        source_org: 'self',
        initiated_by: 'victim',
        received_on: '2026-11-16',
        offence_group: 'robbery',
        cjs_stage: 'not_reported',
        victim_surname: 'Hale',
      },
      { channel: 'web' },
    );
    expect(await receivedOnOf(created.id)).toBe('2026-11-16');
  });
});
