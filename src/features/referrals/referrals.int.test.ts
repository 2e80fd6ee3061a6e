import { beforeAll, describe, expect, it } from 'vitest';
import { makeOrganisation, makeUser } from '../../../test/support/harness.js';
import { expectPage } from '../../../test/support/web-client.js';
import { testbed } from '../../../test/support/testbed.js';

const { h, signedIn } = testbed();
let service: Awaited<ReturnType<typeof makeOrganisation>>;
let police: Awaited<ReturnType<typeof makeOrganisation>>;
let referrer: Awaited<ReturnType<typeof makeUser>>;
let practitioner: Awaited<ReturnType<typeof makeUser>>;

beforeAll(async () => {
  service = await makeOrganisation(h.services, { kind: 'rj_service', name: 'Severn RJ' });
  police = await makeOrganisation(h.services, { kind: 'police', name: 'Severn Police' });
  referrer = await makeUser(h.services, { role: 'referrer', org: police });
  practitioner = await makeUser(h.services, { role: 'practitioner', org: service });
});

function drafted(location: string | undefined) {
  const match = /\/referrals\/drafts\/([0-9a-f-]+)\//.exec(location ?? '');
  expect(match, `draft address in ${location}`).not.toBeNull();
  return match![1]!;
}

describe('the web referral form', () => {
  it('takes a referrer through every page to a confirmation with a reference', async () => {
    const browser = await signedIn(referrer);
    expect((await browser.get('/referrals/new')).statusCode).toBe(200);
    const started = await browser.post('/referrals/new');
    const id = drafted(started.headers.location as string);
    expect(started.headers.location).toBe(`/referrals/drafts/${id}/service`);

    const steps: [string, Record<string, string>][] = [
      ['service', { service: service.slug }],
      ['about', { initiated_by: 'victim', victim_consent: 'yes', enhanced_rights: 'no' }],
      [
        'offence',
        {
          offence_group: 'robbery',
          'offence_date-day': '1',
          'offence_date-month': '11',
          'offence_date-year': '2026',
          'reported_on-day': '2',
          'reported_on-month': '11',
          'reported_on-year': '2026',
          crime_reference: 'AS/123/26',
          cjs_stage: 'pre_sentence',
          sv_da: 'no',
        },
      ],
      [
        'victim',
        {
          victim_forename: 'Ann',
          victim_surname: 'Jones',
          'victim_dob-day': '',
          'victim_dob-month': '',
          'victim_dob-year': '',
          victim_phone: '07700 900982',
          victim_email: '',
          victim_postcode: 'bs1 4st',
        },
      ],
      [
        'victim-contact',
        {
          victim_safe_phone: '07700 900982',
          victim_may_leave_message: 'no',
          victim_preferred_contact: 'phone',
          victim_preferred_times: 'Mornings',
          victim_do_not_contact_via: 'Letters to home',
        },
      ],
      [
        'offender',
        {
          offender_forename: 'Bob',
          offender_surname: 'Smith',
          offender_establishment: 'HMP Bristol',
        },
      ],
      ['offender-contact', {}],
      ['notes', { notes: 'Victim would like a letter of apology.' }],
    ];
    for (const [step, fields] of steps) {
      const page = await browser.get(`/referrals/drafts/${id}/${step}`);
      expect({ step, status: page.statusCode }).toEqual({ step, status: 200 });
      const saved = await browser.post(`/referrals/drafts/${id}/${step}`, fields);
      expect({
        step,
        status: saved.statusCode,
        body: saved.statusCode === 302 ? '' : saved.body.slice(0, 0),
      }).toEqual({ step, status: 302, body: '' });
    }
    const check = await browser.get(`/referrals/drafts/${id}/check`);
    expectPage(check, ['Ann', 'BS1 4ST', 'Letters to home']);

    const leftOut = await browser.post(`/referrals/drafts/${id}/leave-out`, {
      leaveOut: ['notes', 'victim_phone'],
    });
    expect(leftOut.headers.location).toBe(`/referrals/drafts/${id}/check`);
    const after = await browser.get(`/referrals/drafts/${id}/check`);
    expect(after.body).not.toContain('letter of apology');
    expect(after.body).not.toContain('07700 900982</dd>');

    const sent = await browser.post(`/referrals/drafts/${id}/submit`);
    expect(
      sent.statusCode,
      /govuk-error-summary__list">([\s\S]*?)<\/ul>/.exec(sent.body)?.[1],
    ).toBe(302);
    const confirmation = await browser.get(sent.headers.location as string);
    expect(confirmation.body).toMatch(/data-qa="reference">RF-[0-9A-Z]{4}-[0-9A-Z]{4}</);
    expect((await browser.get(`/referrals/drafts/${id}/check`)).statusCode).toBe(404);

    const mine = await browser.get('/referrals/sent');
    expect(mine.body).toContain('Received');
    expect(mine.body).toContain('Severn RJ');
  });

  it('explains mistakes on a page and keeps what was typed', async () => {
    const browser = await signedIn(referrer);
    await browser.get('/referrals/new');
    const id = drafted((await browser.post('/referrals/new')).headers.location as string);
    const response = await browser.submitForm(`/referrals/drafts/${id}/offence`, {
      offence_group: '',
      'offence_date-day': '31',
      'offence_date-month': '2',
      'offence_date-year': '2026',
      crime_reference: 'KEEP-ME',
      cjs_stage: '',
    });
    expectPage(response, 400, [
      'Choose the type of offence',
      'Enter a real date, like 27 3 2026',
      'Choose the stage in the criminal justice system',
      'value="KEEP-ME"',
      'href="#offence_date-day"',
    ]);
  });

  it('refuses to send a referral without anyone named, pointing to the page to fix', async () => {
    const browser = await signedIn(referrer);
    await browser.get('/referrals/new');
    const id = drafted((await browser.post('/referrals/new')).headers.location as string);
    await browser.submitForm(`/referrals/drafts/${id}/service`, { service: service.slug });
    await browser.post(`/referrals/drafts/${id}/about`, { initiated_by: 'agency' });
    await browser.post(`/referrals/drafts/${id}/offence`, {
      offence_group: 'robbery',
      cjs_stage: 'pre_charge',
    });
    await browser.get(`/referrals/drafts/${id}/check`);
    const response = await browser.post(`/referrals/drafts/${id}/submit`, {});
    expectPage(response, 400, [
      'Enter a last name for at least one person',
      `/referrals/drafts/${id}/victim?return=check`,
    ]);
  });

  it('keeps a draft private to its writer', async () => {
    const browser = await signedIn(referrer);
    await browser.get('/referrals/new');
    const id = drafted((await browser.post('/referrals/new')).headers.location as string);
    const colleague = await makeUser(h.services, { role: 'referrer', org: police });
    const other = await signedIn(colleague);
    expect((await other.get(`/referrals/drafts/${id}/service`)).statusCode).toBe(404);
  });
});

describe('triage', () => {
  it('shows staff the referral with safe contact, and accepts it into a case; the referrer sees it and is emailed', async () => {
    const created = await h.services.referrals.create(
      { kind: 'user', userId: referrer.userId, orgId: police.id, role: 'referrer', name: 'R' },
      {
        initiated_by: 'victim',
        received_on: '2026-11-19',
        offence_group: 'robbery',
        cjs_stage: 'pre_charge',
        victim_surname: 'Khan',
        victim_safe_phone: '01632 960001',
        victim_do_not_contact_via: 'Email',
      },
      { channel: 'web', service: service.slug },
    );
    const staff = await signedIn(practitioner);
    const queue = await staff.get('/referrals');
    expect(queue.body).toContain(created.reference);
    const page = await staff.get(`/referrals/${created.id}`);
    expectPage(page, 200, ['Khan', 'Do not contact: Email', '01632 960001']);
    const mailBefore = h.mail.length;
    const accepted = await staff.post(`/referrals/${created.id}/accept`, { version: '1' });
    expect(accepted.statusCode).toBe(302);
    expect((await staff.get(accepted.headers.location as string)).body).toContain(
      'Referral accepted and a case opened',
    );

    const email = h.mail.at(-1);
    expect(h.mail.length).toBe(mailBefore + 1);
    expect(email?.to).toBe(referrer.email);
    expect(email?.body).toContain(created.reference);
    expect(email?.body).toContain('Accepted');
    expect(email?.body).not.toContain('Khan');

    const partner = await signedIn(referrer);
    const sent = await partner.get(`/referrals/sent/${created.id}`);
    expect(sent.body).toContain('Accepted');
    expect(sent.body).not.toContain('Khan');
    expect(sent.body).not.toContain('01632 960001');
    // The referrer knows who at the service decided, though it cannot see the service's people.
    expect(sent.body).toContain(practitioner.name);
  });
});
