import { beforeAll, describe, expect, it } from 'vitest';
import type { UserActor } from '../../domain/roles.js';
import { makeOrganisation, makeUser } from '../../../test/support/harness.js';
import { WebClient, expectPage } from '../../../test/support/web-client.js';
import { testbed } from '../../../test/support/testbed.js';

const { h, signedIn } = testbed();
let service: Awaited<ReturnType<typeof makeOrganisation>>;
let police: Awaited<ReturnType<typeof makeOrganisation>>;
let referrer: Awaited<ReturnType<typeof makeUser>>;
let practitioner: Awaited<ReturnType<typeof makeUser>>;
let manager: Awaited<ReturnType<typeof makeUser>>;
let staff: WebClient;

const base = {
  initiated_by: 'victim',
  received_on: '2026-11-16',
  offence_group: 'violence-against-the-person',
  cjs_stage: 'pre_sentence',
};

async function refer(fields: Record<string, unknown>, as: UserActor = referrer) {
  return h.services.referrals.create(
    as,
    { ...base, ...fields },
    { channel: 'web', service: service.slug },
  );
}

beforeAll(async () => {
  service = await makeOrganisation(h.services, { kind: 'rj_service' });
  police = await makeOrganisation(h.services, { kind: 'police' });
  referrer = await makeUser(h.services, { role: 'referrer', org: police });
  practitioner = await makeUser(h.services, { role: 'practitioner', org: service });
  manager = await makeUser(h.services, { role: 'service_manager', org: service });
  staff = new WebClient(h.app);
  await staff.signIn(practitioner.email, practitioner.password);
});

describe('declining and asking for more', () => {
  it('declines with a coded reason the referrer sees, keeping the note internal', async () => {
    const created = await refer({ victim_surname: 'Moss' });
    const missing = await staff.submitForm(`/referrals/${created.id}/decline`, { version: '1' });
    expectPage(missing, 400, ['Choose why the service is declining the referral']);
    const done = await staff.post(`/referrals/${created.id}/decline`, {
      version: '1',
      reason: 'out_of_area',
      note: 'Lives in Gwent; passed to Gwent RJ',
    });
    expect(done.headers.location).toBe(`/referrals/${created.id}?declined`);

    const partner = await signedIn(referrer);
    const view = await partner.get(`/referrals/sent/${created.id}`);
    expect(view.body).toContain('Declined');
    const summary = /data-qa="sent-summary"[\s\S]*?<\/dl>/.exec(view.body)?.[0] ?? '';
    expect(summary, summary).toContain('Out of the service');
    expect(view.body).not.toContain('passed to Gwent RJ');
    expect(h.mail.at(-1)?.subject).toBe(`Update on referral ${created.reference}`);

    const again = await staff.post(`/referrals/${created.id}/accept`, { version: '2' });
    expectPage(again, 409, ['This referral has already been declined']);
  });

  it('asks the referrer for more information, and shows their reply', async () => {
    const created = await refer({ victim_surname: 'Nash' });
    await staff.submitForm(`/referrals/${created.id}/request-information`, {
      version: '1',
      message: 'Is there a safe number for the victim?',
    });
    const partner = await signedIn(referrer);
    const view = await partner.get(`/referrals/sent/${created.id}`);
    expect(view.body).toContain('More information requested');
    expect(view.body).toContain('Is there a safe number for the victim?');
    const empty = await partner.post(`/referrals/sent/${created.id}/reply`, { message: ' ' });
    expect(empty.body).toContain('Enter your reply');
    await partner.post(`/referrals/sent/${created.id}/reply`, {
      message: 'Yes: 01632 960123 after 6pm',
    });
    const queue = await staff.get('/referrals?status=information_requested');
    expect(queue.body).toContain(created.reference);
    expect(queue.body).toContain('Reply received');
    expect((await staff.get(`/referrals/${created.id}`)).body).toContain(
      'Yes: 01632 960123 after 6pm',
    );
  });

  it('refuses a decision made on an out-of-date page', async () => {
    const created = await refer({ victim_surname: 'Owen' });
    await h.services.triage.requestInformation(practitioner, created.id, {
      version: 1,
      message: 'Anything else?',
    });
    const stale = await staff.post(`/referrals/${created.id}/accept`, { version: '1' });
    expectPage(stale, 409, ['changed by someone else']);
  });
});

describe('sexual violence and domestic abuse', () => {
  it("follows the service's policy on offender-initiated referrals", async () => {
    const created = await refer({
      initiated_by: 'offender',
      sv_da: 'yes',
      offender_surname: 'Quinn',
    });
    const browser = await signedIn(manager);
    const saved = await browser.submitForm('/settings', {
      offender_initiated_sv_da: 'refuse',
      reoffer_interval_days: '60',
    });
    expect(saved.headers.location).toBe('/settings?saved');
    const page = await staff.get(`/referrals/${created.id}`);
    expect(page.body).toContain('Your service does not accept offender-initiated referrals');
    const refused = await staff.post(`/referrals/${created.id}/accept`, { version: '1' });
    expect(refused.statusCode).toBe(409);

    await browser.submitForm('/settings', {
      offender_initiated_sv_da: 'specialist_assessment',
      reoffer_interval_days: '60',
    });
    const accepted = await staff.post(`/referrals/${created.id}/accept`, { version: '1' });
    expect(accepted.statusCode).toBe(302);
    const caseRow = await h.database.withOwner((o) =>
      o.query<{ needs_specialist_assessment: boolean }>(
        'select needs_specialist_assessment from cases where referral_id = $1',
        [created.id],
      ),
    );
    expect(caseRow[0]?.needs_specialist_assessment).toBe(true);
  });

  it('lets only a manager change the settings, and explains bad values', async () => {
    expect((await staff.get('/settings')).statusCode).toBe(403);
    const browser = await signedIn(manager);
    const bad = await browser.submitForm('/settings', {
      offender_initiated_sv_da: 'maybe',
      reoffer_interval_days: 'soon',
      contact_email: 'nope',
    });
    expectPage(bad, 400, [
      'Choose whether your service accepts these referrals',
      'Enter a number of days between 1 and 730',
    ]);
  });
});

describe('possible duplicates and known people', () => {
  it('shows referrals with the same crime reference or person, and links an existing person', async () => {
    const first = await refer({
      crime_reference: 'DUP/9',
      victim_surname: 'Rees',
      victim_dob: '1980-05-06',
    });
    await h.services.triage.accept(practitioner, first.id, { version: 1 });
    const second = await refer({
      crime_reference: 'dup/9',
      victim_surname: 'rees',
      victim_dob: '1980-05-06',
    });
    const page = await staff.get(`/referrals/${second.id}`);
    expectPage(page, ['Possible duplicates', first.reference, 'already known to the service']);
    const known = /name="victimPerson"[^>]*value="([0-9a-f-]{36})"/.exec(page.body)?.[1];
    expect(known).toBeDefined();
    await staff.post(`/referrals/${second.id}/accept`, { version: '1', victimPerson: known! });
    const persons = await h.database.withOwner((o) =>
      o.query<{ person_id: string }>(
        `select distinct person_id from referral_parties where referral_id in ($1, $2) and role = 'victim'`,
        [first.id, second.id],
      ),
    );
    expect(persons).toHaveLength(1);
  });
});

describe('who may triage', () => {
  it('refuses volunteers, referrers and other services', async () => {
    const created = await refer({ victim_surname: 'Tate' });
    const volunteer = await makeUser(h.services, { role: 'volunteer', org: service });
    const otherService = await makeOrganisation(h.services, { kind: 'rj_service' });
    const outsider = await makeUser(h.services, { role: 'practitioner', org: otherService });
    for (const user of [volunteer, referrer]) {
      const browser = await signedIn(user);
      expect((await browser.get(`/referrals/${created.id}`)).statusCode).toBe(403);
    }
    const browser = await signedIn(outsider);
    expect((await browser.get(`/referrals/${created.id}`)).statusCode).toBe(404);
    expect((await browser.get('/referrals')).body).not.toContain(created.reference);
  });
});
