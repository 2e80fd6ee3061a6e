// The organisations a referral may come from (and an awareness session be given to): never
// the national analysis unit or the organisation that administers Waymark.
import { describe, expect, it } from 'vitest';
import { makeOrganisation, makeUser } from '../../../test/support/harness.js';
import { testbed } from '../../../test/support/testbed.js';

const { h } = testbed({ realClock: true });

describe('referral sources', () => {
  it('offer partner agencies, not the national unit nor the administration', async () => {
    const police = await makeOrganisation(h.services, { kind: 'police', name: 'Source Police' });
    const charity = await makeOrganisation(h.services, { kind: 'other', name: 'Source Charity' });
    const national = await makeOrganisation(h.services, { kind: 'other', name: 'Nat Unit' });
    await makeUser(h.services, { role: 'national_analyst', org: national });
    const admin = await makeOrganisation(h.services, { kind: 'other', name: 'Admin Org' });
    await makeUser(h.services, { role: 'system_admin', org: admin });
    const names = (await h.services.referrals.options()).organisations.map((o) => o.name);
    expect(names).toEqual(expect.arrayContaining([police.name, charity.name]));
    expect(names).not.toContain('Nat Unit');
    expect(names).not.toContain('Admin Org');
  });
});
