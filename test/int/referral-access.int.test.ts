// Who can see what of a referral: a referrer sees only the referrals their organisation sent,
// and never a party's details, whether through the pages, the API or the database itself.
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { withActor } from '../../src/db/actor-context.js';
import type { UserActor } from '../../src/domain/roles.js';
import { makeOrganisation, makeUser, issueToken } from '../support/harness.js';
import { WebClient } from '../support/web-client.js';
import { testbed } from '../support/testbed.js';

const { h } = testbed();
let service: Awaited<ReturnType<typeof makeOrganisation>>;
let ours: UserActor & { email: string; password: string };
let theirs: UserActor & { email: string; password: string };
let practitioner: UserActor & { email: string; password: string };
let ourReferral: { id: string; reference: string };
let theirReferral: { id: string; reference: string };

const fields = {
  initiated_by: 'victim',
  received_on: '2026-11-02',
  offence_group: 'robbery',
  cjs_stage: 'pre_charge',
  victim_forename: 'Delyth',
  victim_surname: 'Morgan',
  victim_phone: '07700 900111',
  victim_safe_phone: '07700 900222',
  offender_surname: 'Harris',
  offender_establishment: 'HMP Cardiff',
  notes: 'Sensitive background',
};

beforeAll(async () => {
  service = await makeOrganisation(h.services, { kind: 'rj_service' });
  const police = await makeOrganisation(h.services, { kind: 'police' });
  const prison = await makeOrganisation(h.services, { kind: 'prison' });
  ours = await makeUser(h.services, { role: 'referrer', org: police });
  theirs = await makeUser(h.services, { role: 'referrer', org: prison });
  practitioner = await makeUser(h.services, { role: 'practitioner', org: service });
  ourReferral = await h.services.referrals.create(ours, fields, {
    channel: 'web',
    service: service.slug,
  });
  theirReferral = await h.services.referrals.create(
    theirs,
    { ...fields, victim_surname: 'Pugh' },
    { channel: 'web', service: service.slug },
  );
  await h.services.triage.requestInformation(practitioner, theirReferral.id, {
    version: 1,
    message: 'Question for the prison only',
  });
});

describe('a referrer', () => {
  it("never sees another organisation's referrals on the pages", async () => {
    const browser = new WebClient(h.app);
    await browser.signIn(ours.email, ours.password);
    const list = await browser.get('/referrals/sent');
    expect(list.body).toContain(ourReferral.reference);
    expect(list.body).not.toContain(theirReferral.reference);
    expect((await browser.get(`/referrals/sent/${theirReferral.id}`)).statusCode).toBe(404);
    expect(
      (await browser.post(`/referrals/sent/${theirReferral.id}/reply`, { message: 'hello' }))
        .statusCode,
    ).toBe(404);
    expect((await browser.get(`/referrals/${ourReferral.id}`)).statusCode).toBe(403);
    expect((await browser.get('/referrals')).statusCode).toBe(403);
  });

  it('never sees party details, contact details or notes, even of a referral they sent', async () => {
    const browser = new WebClient(h.app);
    await browser.signIn(ours.email, ours.password);
    const page = await browser.get(`/referrals/sent/${ourReferral.id}`);
    expect(page.statusCode).toBe(200);
    for (const secret of [
      'Delyth',
      'Morgan',
      '07700 900111',
      '07700 900222',
      'Harris',
      'HMP Cardiff',
      'Sensitive background',
    ]) {
      expect(page.body).not.toContain(secret);
    }
  });

  it('cannot read parties or other referrals from the database either', async () => {
    await withActor(h.database.db, ours, async (tx) => {
      expect(await tx.selectFrom('referral_parties').selectAll().execute()).toEqual([]);
      const visible = await tx.selectFrom('referrals').select('id').execute();
      expect(visible.map((r) => r.id)).toEqual([ourReferral.id]);
      expect(
        await tx
          .selectFrom('referral_messages')
          .selectAll()
          .where('referral_id', '=', theirReferral.id)
          .execute(),
      ).toEqual([]);
      expect(await tx.selectFrom('persons').selectAll().execute()).toEqual([]);
      expect(await tx.selectFrom('cases').selectAll().execute()).toEqual([]);
    });
  });

  // users_read (migration 0044): an account of another organisation is readable only when it
  // is named on a referral the reader can see (here: who asked the prison for information).
  it("reads the names of the service's staff on the referrals it sent, and no one else's", async () => {
    const bystander = await makeUser(h.services, { role: 'practitioner', org: service });
    const people = [ours, theirs, practitioner, bystander];
    const namesSeenBy = (reader: UserActor) =>
      withActor(h.database.db, reader, (tx) =>
        tx
          .selectFrom('users')
          .select('id')
          .where(
            'id',
            'in',
            people.map((p) => p.userId),
          )
          .execute(),
      ).then((rows) => rows.map((r) => r.id).sort());
    expect(await namesSeenBy(theirs)).toEqual([theirs.userId, practitioner.userId].sort());
    expect(await namesSeenBy(ours)).toEqual([ours.userId]);
  });

  it('cannot change a referral, even one they sent', async () => {
    const updated = await withActor(h.database.db, ours, (tx) =>
      tx
        .updateTable('referrals')
        .set({ status: 'accepted' })
        .where('id', '=', ourReferral.id)
        .executeTakeFirst(),
    );
    expect(updated.numUpdatedRows).toBe(0n);
  });

  it("through the API, sees only its own organisation's referrals", async () => {
    const theirsOrg = await h.database.db
      .selectFrom('organisations')
      .select(['id', 'slug'])
      .where('id', '=', theirs.orgId)
      .executeTakeFirstOrThrow();
    const theirsToken = (await issueToken(h.services, theirsOrg)).token;
    const response = await h.app.inject({
      url: `/api/v1/referrals/${ourReferral.id}`,
      headers: { authorization: `Bearer ${theirsToken}` },
    });
    expect(response.statusCode).toBe(404);
  });
});

describe('the three doors', () => {
  it('make the same referral from the same data (CSV import, web form and API)', async () => {
    const police = await h.database.db
      .selectFrom('organisations')
      .select(['id', 'slug'])
      .where('id', '=', ours.orgId)
      .executeTakeFirstOrThrow();

    // The import goes first: it would count a later copy of the same referral as a duplicate.
    const csv = [
      'source_org,initiated_by,victim_consent,enhanced_rights,received_on,offence_group,offence_date,crime_reference,cjs_stage,sv_da,victim_forename,victim_surname,victim_dob,victim_email,victim_postcode,victim_may_leave_message,victim_preferred_contact,offender_surname,notes',
      `${police.slug},victim,yes,no,20/11/2026,robbery,2026-11-01,SAME/1,pre_charge,no,Ifan,Lloyd,03/04/1990,ifan@example.org,cf10 1aa,yes,email,Bevan,Prefers Welsh`,
    ].join('\r\n');
    const started = await h.services.imports.start(
      { kind: 'system', orgId: service.id, name: 'test' },
      { name: 'feed.csv', size: csv.length, open: () => Readable.from([Buffer.from(csv)]) },
    );
    const summary = await started.run();
    expect(summary).toMatchObject({ imported: 1, rejected: 0, duplicates: 0 });
    const imported = await h.database.withOwner(async (owner) => {
      const rows = await owner.query<{ id: string }>(
        'select id from referrals where import_job_id = $1',
        [summary.jobId],
      );
      return rows[0]!.id;
    });

    const token = (await issueToken(h.services, police)).token;
    const browser = new WebClient(h.app);
    await browser.signIn(ours.email, ours.password);
    await browser.get('/referrals/new');
    const draft = /drafts\/([0-9a-f-]+)\//.exec(
      (await browser.post('/referrals/new')).headers.location as string,
    )![1];
    const answers: [string, Record<string, string>][] = [
      ['service', { service: service.slug }],
      ['about', { initiated_by: 'victim', victim_consent: 'yes', enhanced_rights: 'no' }],
      [
        'offence',
        {
          offence_group: 'robbery',
          'offence_date-day': '1',
          'offence_date-month': '11',
          'offence_date-year': '2026',
          'reported_on-day': '',
          'reported_on-month': '',
          'reported_on-year': '',
          crime_reference: 'SAME/1',
          cjs_stage: 'pre_charge',
          sv_da: 'no',
        },
      ],
      [
        'victim',
        {
          victim_forename: 'Ifan',
          victim_surname: 'Lloyd',
          'victim_dob-day': '3',
          'victim_dob-month': '4',
          'victim_dob-year': '1990',
          victim_phone: '',
          victim_email: 'ifan@example.org',
          victim_postcode: 'cf10 1aa',
        },
      ],
      [
        'victim-contact',
        {
          victim_safe_phone: '',
          victim_may_leave_message: 'yes',
          victim_preferred_contact: 'email',
          victim_preferred_times: '',
          victim_do_not_contact_via: '',
        },
      ],
      [
        'offender',
        {
          offender_forename: '',
          offender_surname: 'Bevan',
          'offender_dob-day': '',
          'offender_dob-month': '',
          'offender_dob-year': '',
          offender_establishment: '',
          offender_phone: '',
          offender_email: '',
          offender_postcode: '',
        },
      ],
      ['offender-contact', {}],
      ['notes', { notes: 'Prefers Welsh' }],
    ];
    for (const [step, values] of answers) {
      await browser.get(`/referrals/drafts/${draft}/${step}`);
      expect((await browser.post(`/referrals/drafts/${draft}/${step}`, values)).statusCode).toBe(
        302,
      );
    }
    await browser.get(`/referrals/drafts/${draft}/check`);
    const web = /confirmation\/([0-9a-f-]+)/.exec(
      (await browser.post(`/referrals/drafts/${draft}/submit`)).headers.location as string,
    )![1]!;

    const apiResponse = await h.app.inject({
      method: 'POST',
      url: '/api/v1/referrals',
      headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
      payload: {
        service: service.slug,
        initiated_by: 'victim',
        victim_consent: true,
        enhanced_rights: false,
        received_on: '2026-11-20',
        offence_group: 'robbery',
        offence_date: '2026-11-01',
        crime_reference: 'SAME/1',
        cjs_stage: 'pre_charge',
        sv_da: false,
        victim_forename: 'Ifan',
        victim_surname: 'Lloyd',
        victim_dob: '1990-04-03',
        victim_email: 'ifan@example.org',
        victim_postcode: 'CF10 1AA',
        victim_may_leave_message: 'yes',
        victim_preferred_contact: 'email',
        offender_surname: 'Bevan',
        notes: 'Prefers Welsh',
      },
    });
    expect(apiResponse.statusCode).toBe(201);
    const api = apiResponse.json().id as string;
    const [fromCsv, fromWeb, fromApi] = await Promise.all([imported, web, api].map(comparable));
    expect(fromWeb).toEqual(fromCsv);
    expect(fromApi).toEqual(fromCsv);
  });
});

/** A referral and its parties without what differs by door: ids, reference, channel, times, sender. */
async function comparable(id: string) {
  return h.database.withOwner(async (owner) => {
    const [referral] = await owner.query<Record<string, unknown>>(
      'select * from referrals where id = $1',
      [id],
    );
    const parties = await owner.query<Record<string, unknown>>(
      'select * from referral_parties where referral_id = $1 order by role',
      [id],
    );
    const strip = (row: Record<string, unknown>, keys: string[]) =>
      Object.fromEntries(Object.entries(row).filter(([key]) => !keys.includes(key)));
    return {
      referral: strip(referral!, [
        'id',
        'reference',
        'channel',
        'created_at',
        'updated_at',
        'submitted_by',
        'import_job_id',
      ]),
      parties: parties.map((party) => strip(party, ['id', 'referral_id'])),
    };
  });
}
