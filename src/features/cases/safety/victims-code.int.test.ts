// The Victims' Code duties through the service: who holds each, from when, what meets the
// service's own, and the queue kept by the database agreeing with the rule in src/domain.
import { describe, expect, it } from 'vitest';
import { serviceDutyPending } from '../../../domain/victims-code.js';
import { signedInTo } from '../../../../test/support/web-client.js';
import { organisationFor, teamTestbed } from '../../../../test/support/testbed.js';

const { h, team } = teamTestbed();
const police = organisationFor(h, { kind: 'police' });

const referral = (fields: Record<string, unknown>) =>
  h.services.referrals.create(
    team.practitioner,
    {
      source_org: police.slug,
      initiated_by: 'agency',
      received_on: '2026-11-16',
      offence_group: 'robbery',
      cjs_stage: 'pre_charge',
      reported_on: '2026-11-05',
      crime_reference: 'AB/1/26',
      victim_forename: 'Vera',
      victim_surname: 'Victim',
      offender_forename: 'Otto',
      offender_surname: 'Offender',
      ...fields,
    },
    { channel: 'web' },
  );

async function openCase(fields: Record<string, unknown> = {}) {
  const created = await referral(fields);
  const { caseId } = await h.services.triage.accept(team.practitioner, created.id, { version: 1 });
  const view = await h.services.cases.get(team.practitioner, caseId);
  return { caseId, referralId: created.id, view };
}

const inQueue = async (caseId: string) => {
  const { rows } = await h.services.caseQueues.list(team.manager, { queue: 'victims_code' });
  return rows.some((row) => row.id === caseId);
};

describe("the Victims' Code on a referral", () => {
  it("shows the police's duties from the reporting date, read-only, and the referrer's statement meets one", async () => {
    const created = await referral({});
    const browser = await signedInTo(h.app, team.practitioner);
    let page = await browser.get(`/referrals/${created.id}`);
    // Reported Thursday 5 November: 5 working days is Thursday 12th, 2 is Monday 9th.
    expect(page.body).toContain('12 November 2026');
    expect(page.body).toContain('9 November 2026');
    expect(page.body).toContain('Police');
    expect(page.body).not.toContain('overdue');
    // The referral from the police is itself the support referral: met, but late.
    expect(page.body).toContain('met 16 November 2026');
    await browser.post(`/referrals/${created.id}/clock`, {
      clock: 'rj_information',
      date: '2026-11-06',
    });
    page = await browser.get(`/referrals/${created.id}`);
    expect(page.body).toContain('met 6 November 2026');
    expect(page.body).toContain('the referrer&#39;s statement');
    const future = await browser.post(`/referrals/${created.id}/clock`, {
      clock: 'support_referral',
      date: '2027-01-01',
    });
    expect(future.statusCode).toBe(400);
  });

  it('the youth offending team holds the duty for an offender under 18 at the offence', async () => {
    const created = await referral({ offender_dob: '2010-06-01', offence_date: '2026-11-01' });
    const page = await (await signedInTo(h.app, team.practitioner)).get(`/referrals/${created.id}`);
    expect(page.body).toContain('Youth offending team');
  });

  it('runs no partner clock for crime not reported to the police, and no duty without a victim', async () => {
    const unreported = await referral({
      cjs_stage: 'not_reported',
      reported_on: '',
      crime_reference: '',
    });
    const browser = await signedInTo(h.app, team.practitioner);
    const page = await browser.get(`/referrals/${unreported.id}`);
    expect(page.body).not.toContain('Police');
    expect(page.body).toContain('No time limit in the Code');
    const noVictim = await referral({ victim_forename: '', victim_surname: '' });
    expect((await browser.get(`/referrals/${noVictim.id}`)).body).toContain(
      'No Victims&#39; Code duty runs',
    );
  });

  it('an accepted referral of unreported crime says its duty is on the case, not that no victim is named', async () => {
    const unreported = await referral({
      cjs_stage: 'not_reported',
      reported_on: '',
      crime_reference: '',
    });
    await h.services.triage.accept(team.practitioner, unreported.id, { version: 1 });
    const browser = await signedInTo(h.app, team.practitioner);
    const page = await browser.get(`/referrals/${unreported.id}`);
    expect(page.body).not.toContain('No Victims&#39; Code duty runs');
    expect(page.body).toContain('is followed on the case this referral opened');
  });
});

describe("the service's own duty and its queue", () => {
  it('an offer, a contact in which RJ was explained, or consent takes a case out of the queue', async () => {
    const offered = await openCase();
    expect(await inQueue(offered.caseId)).toBe(true);
    const harmed = (c: typeof offered) => c.view.participants.find((p) => p.role === 'harmed')!.id;
    await h.services.people.recordOffer(team.practitioner, offered.caseId, harmed(offered), {
      offered_on: '2026-11-18',
      method: 'phone',
      answer: 'yes',
    });
    expect(await inQueue(offered.caseId)).toBe(false);

    const explained = await openCase();
    const spokeOn = (day: string, extra: Record<string, string> = {}) =>
      h.services.contacts.add(team.practitioner, explained.caseId, {
        participant_id: harmed(explained),
        contacted_on: day,
        method: 'phone',
        outcome: 'spoke',
        ...extra,
      });
    await spokeOn('2026-11-18');
    expect(await inQueue(explained.caseId)).toBe(true);
    await spokeOn('2026-11-19', { rj_explained: 'yes' });
    expect(await inQueue(explained.caseId)).toBe(false);

    // The referrer's statement is the police's duty, not the service's.
    const stated = await openCase();
    await h.services.triage.recordClockDate(team.manager, stated.referralId, {
      clock: 'rj_information',
      date: '2026-11-06',
    });
    expect(await inQueue(stated.caseId)).toBe(true);

    const noVictim = await openCase({ victim_forename: '', victim_surname: '' });
    expect(await inQueue(noVictim.caseId)).toBe(false);
    // Naming a person harmed later starts the duty.
    await h.services.people.add(team.practitioner, noVictim.caseId, {
      display_name: 'Vic Later',
      role: 'harmed',
    });
    expect(await inQueue(noVictim.caseId)).toBe(true);
  });

  it('the flag the queue reads agrees with the rule in src/domain for every case', async () => {
    const cases = await h.database.withOwner((o) =>
      o.query<{ id: string; victims_code_pending: boolean }>(
        'select id, victims_code_pending from cases where org_id = $1',
        [team.org.id],
      ),
    );
    expect(cases.length).toBeGreaterThan(3);
    for (const row of cases) {
      const view = await h.services.cases.get(team.manager, row.id);
      expect([row.id, serviceDutyPending(view.duties)]).toEqual([row.id, row.victims_code_pending]);
    }
  });

  it('the case page shows the partner duties read-only and its own as to do', async () => {
    const opened = await openCase();
    const page = await (await signedInTo(h.app, team.practitioner)).get(`/cases/${opened.caseId}`);
    expect(page.body).toContain('Information about RJ given by this service');
    expect(page.body).toContain('to do');
    expect(page.body).not.toContain(`/referrals/${opened.referralId}/clock`);
  });

  it('a victim under 18 at the offence is flagged from the date of birth', async () => {
    const opened = await openCase({ victim_dob: '2012-03-01', offence_date: '2026-11-01' });
    const page = await (await signedInTo(h.app, team.practitioner)).get(`/cases/${opened.caseId}`);
    expect(page.body).toContain('Under 18 at the offence');
  });
});
