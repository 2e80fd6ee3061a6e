// How a case ends: every closure outcome is offered with its definition, the four an
// attrition analysis needs are kept, and the partner who referred is emailed when the case
// closes (and when it reopens), with no detail about the people.
import { describe, expect, it } from 'vitest';
import { CLOSURE_OUTCOMES } from '../../domain/case-lifecycle.js';
import { makeOrganisation, makeUser } from '../../../test/support/harness.js';
import { signedInTo } from '../../../test/support/web-client.js';
import { caseReferredByPolice } from '../../../test/support/cases.js';
import { testbed } from '../../../test/support/testbed.js';

const { h } = testbed();

describe('closing a case', () => {
  it('offers each outcome with its definition, keeps the new ones, and emails the referrer', async () => {
    const service = await makeOrganisation(h.services, { kind: 'rj_service' });
    const manager = await makeUser(h.services, { role: 'service_manager', org: service });
    const { referrer, referral, caseId } = await caseReferredByPolice(h.services, {
      service,
      accepter: manager,
      people: {
        victim_forename: 'Nia',
        victim_surname: 'Secret',
        offender_forename: 'Olly',
        offender_surname: 'Hidden',
      },
    });
    expect(CLOSURE_OUTCOMES).toEqual(
      expect.arrayContaining([
        'harmer_denies',
        'no_identifiable_victim',
        'referrer_withdrew',
        'died',
      ]),
    );
    const browser = await signedInTo(h.app, manager);
    const page = await browser.get(`/cases/${caseId}/stage`);
    for (const words of [
      'The person who harmed denies responsibility',
      'No identifiable victim',
      'The referrer withdrew the referral',
      'A participant died',
      'does not accept responsibility for the harm',
    ])
      expect(page.body).toContain(words);

    const mailBefore = h.mail.length;
    const closed = await browser.post(`/cases/${caseId}/stage`, {
      action: 'close',
      outcome: 'harmer_denies',
      version: '1',
    });
    expect(closed.statusCode).toBe(302);
    await expect.poll(() => h.mail.length).toBe(mailBefore + 1);
    const email = h.mail.at(-1)!;
    expect(email.to).toBe(referrer.email);
    expect(email.body).toContain('Closed');
    expect(email.body).toContain(referral.reference);
    expect(email.body).not.toMatch(/Nia|Secret|Olly|Hidden/);

    const partner = await signedInTo(h.app, referrer);
    const sent = await partner.get(`/referrals/sent/${referral.id}`);
    expect(sent.body).toContain('The person who harmed denied responsibility');

    await browser.submitForm(`/cases/${caseId}/stage`, {
      action: 'reopen',
      reason: 'New information',
      version: '2',
    });
    await expect.poll(() => h.mail.length).toBe(mailBefore + 2);
    expect(h.mail.at(-1)!.body).toContain('In progress');
  });
});
