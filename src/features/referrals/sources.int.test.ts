// The organisations a referral may come from (and an awareness session be given to): never
// the national analysis unit or the organisation that administers Waymark.
import { describe, expect, it } from 'vitest';
import { makeOrganisation, makeUser } from '../../../test/support/harness.js';
import { makeService } from '../../../test/support/cases.js';
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

  it('are asked again at every door: a referral from, or a session for, the national unit is refused', async () => {
    const team = await makeService(h.services);
    const national = await makeOrganisation(h.services, { kind: 'other', name: 'Nat Unit Two' });
    await makeUser(h.services, { role: 'national_analyst', org: national });
    const pcc = await makeOrganisation(h.services, { kind: 'pcc_office', name: 'A PCC office' });
    for (const source of [national, pcc, team.org]) {
      await expect(
        h.services.referrals.create(
          team.manager,
          {
            source_org: source.slug,
            initiated_by: 'victim',
            received_on: '2026-11-02',
            offence_group: 'theft-offences',
            cjs_stage: 'not_reported',
            victim_forename: 'Vera',
            victim_surname: 'Sources',
          },
          { channel: 'api' },
        ),
      ).rejects.toMatchObject({
        fieldErrors: [{ field: 'source_org', key: 'referrals.errors.sourceNotAReferrer' }],
      });
    }
    const session = (audience: string) =>
      h.services.awareness.save(team.manager, null, {
        held_on: '2026-11-02',
        kind: 'awareness',
        audience_org: audience,
        attendees: '12',
        hours: '1',
        topic: 'What restorative justice is',
      });
    const police = await makeOrganisation(h.services, { kind: 'police', name: 'Session Police' });
    expect(await session(police.id)).toBeTruthy();
    await expect(session(national.id)).rejects.toMatchObject({
      fieldErrors: [{ field: 'audience_org', key: 'measures.awareness.errors.audienceOrg' }],
    });
  });
});
