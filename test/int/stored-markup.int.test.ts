// Stored markup: a value someone typed, sent or imported is text on every page, never markup.
// Marker payloads (a <meta> refresh, an <img>, a <form>, an attribute break-out "><svg onload>,
// and a {{ }} template expression) go into every free-text and name field through the web
// forms, the JSON API and the CSV imports; then every page that shows them is opened as every
// role that may see them, and no response may carry a payload unescaped (or worked out).
import { Readable } from 'node:stream';
import { beforeAll, describe, expect, it } from 'vitest';
import { operator as cliOperator } from '../../src/cli/command.js';
import { makeUserWithRole } from '../support/harness.js';
import {
  CheckingClient,
  fillAndPost,
  openEverything,
  Planter,
  summarise,
  type FillOptions,
  type Finding,
} from '../support/markup-payloads.js';
import { signedInBy, WebClient } from '../support/web-client.js';
import { testbed } from '../support/testbed.js';
import { testBackend } from '../support/backend.js';

const CRAWL = 600_000;

const { h, owner } = testbed();
const planter = new Planter();
const findings: Finding[] = [];
const seen = new Set<string>();
const forms = new Map<string, { url: string; fields: string[] }>();
const PASSWORD = 'maple kettle harbour lantern';

interface Person {
  userId: string;
  email: string;
  client: CheckingClient;
}
interface Org {
  id: string;
  slug: string;
}

const people: Record<string, Person> = {};
const orgs: Record<string, Org> = {};
let adminClient: CheckingClient;
let caseId: string;
let caseReference: string;
let harmedId: string;
let harmerId: string;
let rejectedSurname: string;
let rejectsUrl: string;
let documentContent: string;

const client = (who: string) => new CheckingClient(h.app, who, findings, seen, forms);
const fillAs = (who: string, options: Omit<FillOptions, 'label'> & { label?: string }) =>
  fillAndPost(people[who]?.client ?? adminClient, planter, {
    label: `${who}: ${options.label ?? options.page}`,
    ...options,
  });

async function api(path: string, token: string, body: unknown) {
  const response = await h.app.inject({
    method: 'POST',
    url: path,
    headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' },
    payload: JSON.stringify(body),
  });
  expect(response.statusCode, response.body).toBe(201);
  return response.json() as Record<string, string>;
}

/** A CSV cell holding anything: quoted, with its quotes doubled. */
const cell = (value: string) => `"${value.replace(/"/g, '""')}"`;

beforeAll(async () => {
  const admin = await makeUserWithRole(h.services, 'system_admin');
  adminClient = client('admin');
  await adminClient.signIn(admin.email, admin.password);
});

// Escaping is the templates' and the API's work: the database hands back the text it was given
// on both (PGlite is PostgreSQL), so this runs once, on the embedded database, where it is the
// quicker (28 s against 64 s on a PostgreSQL server in a full run).
describe.skipIf(testBackend().kind !== 'pglite')('stored markup', () => {
  it('takes payloads in organisation, user and API token names through the admin forms', async () => {
    for (const [key, kind] of [
      ['service', 'rj_service'],
      ['other', 'rj_service'],
      ['police', 'police'],
      ['pcc', 'pcc_office'],
    ] as const) {
      const added = await fillAs('admin', {
        label: `${key} organisation`,
        page: '/admin/organisations/new',
        values: { kind, area: 'avon-and-somerset' },
      });
      const slug = decodeURIComponent(
        /\/admin\/organisations\/([^?]+)/.exec(added.headers.location as string)![1]!,
      );
      const [row] = await owner<{ id: string }>('select id from organisations where slug = $1', [
        slug,
      ]);
      orgs[key] = { id: row!.id, slug };
    }
    // The system administrator gives each organisation its first administrator, who adds the
    // rest of its people (docs/adr/0014).
    const joinAs = async (who: string, by: string, values: Record<string, string>) => {
      const email = `${who.toLowerCase()}@example.org`;
      const created = await fillAs(by, {
        label: `${who} user`,
        page: '/admin/users/new',
        values: { ...values, email },
        expect: [201],
      });
      const link = /data-qa="password-link">([^<]+)</.exec(created.body)![1]!;
      const newcomer = new WebClient(h.app);
      await newcomer.get(new URL(link).pathname);
      await newcomer.post(new URL(link).pathname, {
        password: PASSWORD,
        confirmPassword: PASSWORD,
      });
      const [row] = await owner<{ id: string }>('select id from users where email = $1', [email]);
      people[who] = { userId: row!.id, email, client: client(who) };
      const signedIn = await people[who]!.client.signIn(email, PASSWORD);
      expect(signedInBy(signedIn), `${who} signs in`).toBe(true);
    };
    for (const org of Object.keys(orgs))
      await joinAs(`${org}Admin`, 'admin', { org: orgs[org]!.slug, role: 'org_admin' });
    const staff: [string, string, string][] = [
      ['practitioner', 'service', 'practitioner'],
      ['manager', 'service', 'service_manager'],
      ['volunteer', 'service', 'volunteer'],
      ['otherManager', 'other', 'service_manager'],
      ['referrer', 'police', 'referrer'],
      ['commissioner', 'pcc', 'commissioner'],
    ];
    for (const [who, org, role] of staff) await joinAs(who, `${org}Admin`, { role });
  });

  it('takes payloads in every text field of a referral sent through the API', async () => {
    const issued = await fillAs('policeAdmin', {
      label: 'police API token',
      page: '/admin/api-tokens',
      action: '/admin/api-tokens',
      expect: [200, 201],
    });
    const token = /data-qa="token">([^<]+)</.exec(issued.body)![1]!;
    const text = (field: string, max: number) => planter.value(`API referral ${field}`, max);
    const sent = await api('/api/v1/referrals', token, {
      service: orgs.service!.slug,
      initiated_by: 'agency',
      received_on: '2026-11-02',
      offence_group: 'criminal-damage-and-arson',
      cjs_stage: 'pre_sentence',
      sv_da: 'no',
      crime_reference: text('crime_reference', 60),
      notes: text('notes', 4000),
      victim_forename: text('victim_forename', 100),
      victim_surname: text('victim_surname', 100),
      victim_preferred_times: text('victim_preferred_times', 200),
      victim_do_not_contact_via: text('victim_do_not_contact_via', 200),
      offender_forename: text('offender_forename', 100),
      offender_surname: text('offender_surname', 100),
      offender_preferred_times: text('offender_preferred_times', 200),
      offender_do_not_contact_via: text('offender_do_not_contact_via', 200),
      offender_establishment: text('offender_establishment', 200),
    });
    // A manager accepts it into a case, as the reported attack went.
    const accepted = await fillAs('manager', {
      label: 'accept the API referral',
      page: `/referrals/${sent.id}`,
      action: `/referrals/${sent.id}/accept`,
    });
    caseId = /case=([0-9a-f-]+)/.exec(accepted.headers.location as string)![1]!;
    const [row] = await owner<{ reference: string }>('select reference from cases where id = $1', [
      caseId,
    ]);
    caseReference = row!.reference;
    const parts = await owner<{ id: string; role: string }>(
      'select id, role from case_participants where case_id = $1',
      [caseId],
    );
    harmedId = parts.find((p) => p.role === 'harmed')!.id;
    harmerId = parts.find((p) => p.role === 'harmer')!.id;
  });

  it('takes payloads in every page of the web referral form, and in the messages about it', async () => {
    const referrer = people.referrer!.client;
    await referrer.get('/referrals/new');
    let location = (await referrer.post('/referrals/new')).headers.location as string;
    const draft = /\/referrals\/drafts\/([0-9a-f-]+)\//.exec(location)![1]!;
    // Every page of the form in turn, each answered, until check your answers.
    while (!location.endsWith('/check')) {
      const saved = await fillAs('referrer', {
        label: `web referral ${location.split('/').pop()}`,
        page: location,
        values: {
          service: orgs.service!.slug,
          initiated_by: 'victim',
          sv_da: 'no',
          // Reported to the police and resolved out of court, so every other field may hold text.
          cjs_stage: 'out_of_court',
          victim_dob: '1980-05-01',
          offender_dob: '1990-06-02',
          offence_group: 'criminal-damage-and-arson',
        },
      });
      location = saved.headers.location as string;
    }
    const submitted = await fillAs('referrer', {
      label: 'web referral submit',
      page: location,
      action: `/referrals/drafts/${draft}/submit`,
    });
    await referrer.get(submitted.headers.location as string);
    const [row] = await owner<{ id: string }>(
      `select id from referrals where source_org_id = $1 and channel = 'web'`,
      [orgs.police!.id],
    );
    const referralId = row!.id;

    // The referrer's statement that the police told the victim about RJ, with its date.
    await fillAs('manager', {
      page: `/referrals/${referralId}`,
      action: `/referrals/${referralId}/clock`,
      values: { date: '2026-11-10' },
    });

    // The service asks for more, the referrer answers; then the service declines it.
    await fillAs('manager', {
      page: `/referrals/${referralId}/request-information`,
      action: `/referrals/${referralId}/request-information`,
    });
    await fillAs('referrer', {
      page: `/referrals/sent/${referralId}`,
      action: `/referrals/sent/${referralId}/reply`,
    });
    await fillAs('manager', {
      page: `/referrals/${referralId}/decline`,
      action: `/referrals/${referralId}/decline`,
      values: { reason: 'other' },
    });
  });

  it('takes payloads in every column of a CSV file of referrals, and in its name', async () => {
    const columns = [
      'crime_reference',
      'notes',
      'offender_establishment',
      ...['victim', 'offender'].flatMap((p) =>
        ['forename', 'surname', 'preferred_times', 'do_not_contact_via'].map((c) => `${p}_${c}`),
      ),
    ];
    const maxima: Record<string, number> = { crime_reference: 60, notes: 4000 };
    rejectedSurname = planter.value('CSV rejected row (a download: kept, not shown)', 100);
    const values = columns.map((c) =>
      planter.value(`CSV referral ${c}`, maxima[c] ?? (/name$/.test(c) ? 100 : 200)),
    );
    const content = [
      ['source_org', 'initiated_by', 'received_on', 'offence_group', 'cjs_stage', ...columns].join(
        ',',
      ),
      [
        orgs.police!.slug,
        'agency',
        '2026-11-03',
        'robbery',
        'pre_charge',
        ...values.map(cell),
      ].join(','),
      // A row rejected (no such date): its values go to the rejects file, a download.
      [orgs.police!.slug, 'agency', '2026-02-31', 'robbery', 'pre_charge', ...columns.map(() => '')]
        .map((v, i) => (i === 5 + columns.indexOf('victim_surname') ? cell(rejectedSurname) : v))
        .join(','),
    ].join('\r\n');
    const manager = people.manager!.client;
    const posted = await fillAs('manager', {
      page: '/referrals/import',
      action: '/referrals/import',
      file: {
        field: 'file',
        name: `${planter.value('CSV referral file name', 100, { fileName: true })}.csv`,
        content: `${content}\r\n`,
        type: 'text/csv',
      },
      expect: [303],
    });
    const job = posted.headers.location as string;
    // The import runs in the background: its page shows progress until it is done.
    const deadline = Date.now() + 90_000;
    while ((await manager.get(job)).body.includes('data-module="waymark-import-progress"')) {
      if (Date.now() > deadline) throw new Error('the import did not finish');
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
    const imported = await owner<{ id: string }>(
      `select id from referrals where channel = 'import' and org_id = $1`,
      [orgs.service!.id],
    );
    expect(imported).toHaveLength(1);
    rejectsUrl = `${job}/rejects.csv`;
  });

  it('takes payloads in every free-text field of the case’s forms', async () => {
    const c = `/cases/${caseId}`;
    const both = [harmedId, harmerId];
    await fillAs('manager', {
      page: `${c}/allocate`,
      values: { lead: people.practitioner!.userId, others: [people.volunteer!.userId] },
    });
    await fillAs('practitioner', { page: c, action: `${c}/notes` });
    // A manager adds a safety flag, with a reason (shown on the timeline).
    await fillAs('manager', {
      page: `${c}/safety-flags`,
      values: { flags: ['_unchecked', 'hateCrime'] },
    });
    await fillAs('practitioner', { page: `${c}/stage`, values: { action: 'start_contact' } });
    await fillAs('practitioner', {
      page: `${c}/people/new`,
      values: { role: 'supporter', may_leave_message: 'yes', preferred_contact: 'phone' },
    });
    for (const pid of both) {
      await fillAs('practitioner', {
        label: 'offer (its notes are kept, not shown)',
        page: `${c}/people/${pid}`,
        action: `${c}/people/${pid}/offers`,
        values: { method: 'phone', answer: 'yes', reoffer_on: '', offered_on: '2026-11-20' },
      });
      await fillAs('practitioner', {
        page: `${c}/people/${pid}`,
        action: `${c}/people/${pid}/consent`,
        values: { how: 'verbal_witnessed', explained: '*', given_on: '2026-11-20' },
      });
      for (const kind of ['needs', 'risk', 'suitability'])
        await fillAs('practitioner', {
          page: `${c}/assessments/new?kind=${kind}`,
          values: { participant_id: pid, decision: 'suitable', risk_level: 'low' },
        });
    }
    await fillAs('practitioner', {
      label: 'contact (a safe-contact reason is kept only against an instruction: kept, not shown)',
      page: `${c}/contacts`,
      values: { participant_id: harmedId, method: 'phone', outcome: 'spoke' },
    });
    await fillAs('practitioner', {
      label: 'update (a safe-contact reason is kept only against an instruction: kept, not shown)',
      page: `${c}/updates`,
      action: `${c}/updates`,
      values: { participant_id: harmedId, method: 'phone' },
    });

    // Interventions: a conference held, shuttle messages carried, a letter of apology received.
    const interventionOf = async (kind: string) =>
      (
        await owner<{ id: string }>(
          'select id from case_interventions where case_id = $1 and kind = $2',
          [caseId, kind],
        )
      )[0]!.id;
    for (const kind of ['conference', 'shuttle', 'letter_of_apology'])
      await fillAs('practitioner', {
        page: `${c}/interventions/new`,
        values: { kind, venue_kind: 'community', attendees: both, scheduled_on: '2026-11-20' },
      });
    const conference = await interventionOf('conference');
    await fillAs('practitioner', {
      page: `${c}/interventions/${conference}/outcome`,
      values: { outcome: 'held', held_on: '2026-11-20' },
    });
    await fillAs('practitioner', {
      page: `${c}/interventions/${await interventionOf('shuttle')}/messages/new`,
      values: { from_participant: harmerId, to_participant: harmedId, carried_on: '2026-11-20' },
    });
    await fillAs('practitioner', {
      label: 'letter of apology received (its notes are kept, not shown)',
      page: `${c}/interventions/${await interventionOf('letter_of_apology')}/letters/new`,
      values: { writer: harmerId, recipient: harmedId, received_on: '2026-11-20' },
    });

    // The outcome agreement: two items and a follow-up.
    for (const kind of ['reparation', 'restitution'])
      await fillAs('practitioner', {
        page: `${c}/agreement/items/new`,
        values: { kind, owed_by: harmerId, owed_to: harmedId, due_on: '2026-12-20' },
      });
    await fillAs('practitioner', {
      page: `${c}/agreement/follow-ups/new`,
      values: { participant: harmedId, due_on: '2026-12-01' },
    });

    // Wellbeing: an entry measure, a goal, an exit review of it.
    for (const step of ['entry', 'goals', 'exit'])
      await fillAs('practitioner', { page: `${c}/wellbeing/${harmedId}/${step}` });

    // Feedback: a response entered by staff, a testimonial and its anonymised text.
    await fillAs('practitioner', {
      page: `${c}/feedback/people/${harmedId}/responses/new`,
      values: { channel: 'paper' },
    });
    await fillAs('practitioner', {
      page: `${c}/feedback/testimonials/new`,
      values: { participant_id: harmedId, consent_scope: 'public' },
    });
    const [testimonial] = await owner<{ id: string }>(
      'select id from testimonials where case_id = $1',
      [caseId],
    );
    await fillAs('practitioner', {
      page: `${c}/feedback/testimonials/${testimonial!.id}`,
      action: `${c}/feedback/testimonials/${testimonial!.id}`,
    });

    // Time, by the practitioner and the volunteer allocated to the case.
    for (const who of ['practitioner', 'volunteer'])
      await fillAs(who, { page: `${c}/time/new`, values: { kind: 'preparation' } });

    // A document uploaded under a name carrying payloads, and a letter made for the person harmed.
    const documentName = planter.make(60, { fileName: true });
    planter.record(documentName.token, 'practitioner: document name');
    await fillAs('practitioner', {
      page: `${c}/documents`,
      action: `${c}/documents`,
      file: {
        field: 'file',
        name: `${documentName.value}.txt`,
        content: (documentContent = planter.value(
          'document content (a download: kept, not shown)',
        )),
        type: 'text/plain',
      },
      expect: [302, 303],
    });
    await fillAs('practitioner', {
      label: 'postal address (for the letter)',
      page: `${c}/people/${harmedId}/address`,
      values: { address_postcode: 'PO1 2AB' },
    });
    await fillAs('practitioner', {
      label: 'letter (a safe-contact reason is kept only against an instruction: kept, not shown)',
      page: `${c}/documents`,
      action: `${c}/documents/letters`,
      values: { participant: harmedId },
    });

    // Suspended (with a reason) and resumed.
    await fillAs('practitioner', { page: `${c}/stage`, values: { action: 'suspend' } });
    await fillAs('practitioner', { page: `${c}/stage`, values: { action: 'resume' } });
  });

  it('takes payloads in the service’s settings, categories of need, questionnaires and awareness work', async () => {
    await fillAs('manager', {
      page: '/settings',
      values: {
        offender_initiated_sv_da: 'refuse',
        contact_email: 'rj@example.org',
        contact_phone: '0117 496 0000',
      },
    });
    await fillAs('manager', { page: '/settings/wellbeing', action: '/settings/wellbeing' });
    const [category] = await owner<{ id: string }>(
      `select id from wellbeing_categories where org_id = $1 order by sort_order limit 1`,
      [orgs.service!.id],
    );
    await fillAs('manager', {
      page: `/settings/wellbeing/${category!.id}`,
      action: `/settings/wellbeing/${category!.id}`,
    });
    for (const audience of ['harmed', 'harmer'])
      await fillAs('manager', {
        page: `/feedback/questionnaires/${audience}`,
        values: { new_type: 'text' },
      });
    await fillAs('practitioner', {
      page: '/awareness/new',
      values: { audience_org: orgs.police!.slug },
    });
  });

  it('takes payloads through a one-time questionnaire link, the measures API and both measure imports', async () => {
    const c = `/cases/${caseId}`;
    await fillAs('practitioner', {
      page: `${c}/feedback/people/${harmedId}/online-contact`,
      values: { agreed: 'yes', email: 'hana@example.org' },
    });
    const created = await fillAs('practitioner', {
      page: `${c}/feedback/people/${harmedId}/link`,
      values: { delivery: 'handed_over' },
      expect: [200],
    });
    const link = new URL(/data-qa="questionnaire-link">([^<]+)</.exec(created.body)![1]!).pathname;
    const stranger = client('someone with a one-time link');
    await fillAndPost(stranger, planter, {
      label: 'one-time link',
      page: link,
      expect: [302, 303],
    });

    // The measures API, with a token issued to the service itself.
    const issued = await fillAs('serviceAdmin', {
      label: 'service API token',
      page: '/admin/api-tokens',
      action: '/admin/api-tokens',
      expect: [200, 201],
    });
    const token = /data-qa="token">([^<]+)</.exec(issued.body)![1]!;
    const categories = await owner<{ key: string }>(
      `select key from wellbeing_categories where org_id = $1 and retired_at is null`,
      [orgs.service!.id],
    );
    const scores = Object.fromEntries(categories.map((k) => [k.key, 3]));
    await api('/api/v1/wellbeing-measures', token, {
      case_reference: caseReference,
      participant_id: harmerId,
      kind: 'entry',
      taken_on: '2026-11-19',
      scores,
      notes: planter.value('API wellbeing measure notes'),
    });
    // The questions answered in words, in the service's questionnaire for each audience now.
    const versions = await owner<{ audience: string; items: { id: string; type: string }[] }>(
      `select audience, items from questionnaires where org_id = $1 or org_id is null
        order by org_id nulls last, version desc`,
      [orgs.service!.id],
    );
    const textQuestions = ['harmed', 'harmer'].flatMap((audience) =>
      versions
        .find((v) => v.audience === audience)!
        .items.filter((item) => item.type === 'text')
        .map((item) => ({ id: item.id, audience })),
    );
    await api('/api/v1/questionnaire-responses', token, {
      case_reference: caseReference,
      participant_id: harmerId,
      responded_on: '2026-11-19',
      answers: Object.fromEntries(
        textQuestions
          .filter((q) => q.audience === 'harmer')
          .map((q) => [q.id, planter.value(`API questionnaire answer ${q.id}`, 1000)]),
      ),
    });

    // Both measure imports, through the functions `waymark import` runs.
    const actor = cliOperator('command line', orgs.service!.id);
    const wellbeing = await h.services.wellbeing.importCsv(
      actor,
      () =>
        Readable.from([
          [
            `case_reference,participant,kind,taken_on,notes,${categories.map((k) => k.key).join(',')}`,
            [
              caseReference,
              'harmer',
              'exit',
              '2026-11-20',
              cell(planter.value('CSV wellbeing notes', 1000)),
              ...categories.map(() => '4'),
            ].join(','),
          ].join('\r\n') + '\r\n',
        ]),
      { dryRun: false, reject: () => {} },
    );
    expect(wellbeing.imported).toBe(1);
    const harmerText = textQuestions.filter((q) => q.audience === 'harmer');
    const satisfaction = await h.services.feedback.import.run(
      actor,
      {
        open: () =>
          Readable.from([
            [
              `case_reference,participant_id,responded_on,${harmerText.map((q) => q.id).join(',')}`,
              [
                caseReference,
                harmerId,
                '2026-11-20',
                ...harmerText.map((q) =>
                  cell(planter.value(`CSV questionnaire answer ${q.id}`, 1000)),
                ),
              ].join(','),
            ].join('\r\n') + '\r\n',
          ]),
      },
      { dryRun: false },
    );
    expect(satisfaction.imported).toBe(1);
  });

  it('shows the case’s pages, and the forms that change what was planted, with every payload escaped', async () => {
    const c = `/cases/${caseId}`;
    const tabs = [
      '',
      '/people',
      '/contacts',
      '/updates',
      '/assessments',
      '/interventions',
      '/agreement',
      '/wellbeing',
      '/feedback',
      '/time',
      '/documents',
      '/timeline',
    ];
    const opened = await openEverything(
      people.practitioner!.client,
      tabs.map((tab) => `${c}${tab}`),
      { limit: 300 },
    );
    expect(opened.length).toBeGreaterThan(40);
    expect(summarise(findings)).toEqual([]);
  });

  it('takes payloads again through the forms that change what was recorded', async () => {
    const c = `/cases/${caseId}`;
    const idOf = async (sql: string) => (await owner<{ id: string }>(sql, [caseId]))[0]!.id;
    const shuttle = await idOf(
      `select id from case_interventions where case_id = $1 and kind = 'shuttle'`,
    );
    await fillAs('practitioner', {
      page: `${c}/interventions/${shuttle}/edit`,
      values: { venue_kind: 'community', scheduled_on: '2026-11-21' },
    });
    const item = await idOf(
      `select id from case_agreement_items where case_id = $1 and kind = 'reparation'`,
    );
    await fillAs('practitioner', {
      page: `${c}/agreement/items/${item}/edit`,
      values: { owed_by: harmerId, owed_to: harmedId, due_on: '2026-12-21' },
    });
    const restitution = await idOf(
      `select id from case_agreement_items where case_id = $1 and kind = 'restitution'`,
    );
    await fillAs('practitioner', {
      label: 'instalment plan (an amount, a choice and a date: no free text to plant)',
      page: `${c}/agreement/items/${restitution}/plan`,
      values: { instalment: '5.00', frequency: 'weekly', first_due_on: '2030-01-07' },
    });
    const followUp = await idOf('select id from case_follow_ups where case_id = $1');
    await fillAs('practitioner', { page: `${c}/agreement/follow-ups/${followUp}/done` });
    await fillAs('practitioner', { page: `${c}/wellbeing/${harmedId}/follow-up` });
    await fillAs('practitioner', { page: `${c}/wellbeing/${harmedId}/goals/review` });
    const entry = await idOf('select id from case_time_entries where case_id = $1 limit 1');
    await fillAs('practitioner', { page: `${c}/time/${entry}`, action: `${c}/time/${entry}` });
    const [session] = await owner<{ id: string }>(
      'select id from awareness_sessions where org_id = $1',
      [orgs.service!.id],
    );
    await fillAs('practitioner', {
      page: `/awareness/${session!.id}`,
      action: `/awareness/${session!.id}`,
      values: { audience_org: orgs.police!.slug },
    });
    const supporter = await idOf(
      `select id from case_participants where case_id = $1 and role = 'supporter'`,
    );
    await fillAs('practitioner', {
      page: `${c}/people/${supporter}/edit`,
      values: { role: 'supporter', may_leave_message: 'yes', preferred_contact: 'phone' },
    });
  });

  it('takes payloads in a transfer to another service, and in the closing of the case', async () => {
    const c = `/cases/${caseId}`;
    await fillAs('practitioner', {
      page: `${c}/transfer`,
      values: { to_org: orgs.other!.id, items: '*', participants: [harmedId, harmerId] },
    });
    const [transfer] = await owner<{ id: string }>(
      'select id from case_transfers where case_id = $1',
      [caseId],
    );
    await fillAs('otherManager', {
      page: `/transfers/${transfer!.id}`,
      action: `/transfers/${transfer!.id}/accept`,
    });
    await fillAs('practitioner', {
      label: 'consent withdrawn (its note is kept, not shown)',
      page: `${c}/people/${harmerId}`,
      action: `${c}/people/${harmerId}/withdraw`,
    });
    await fillAs('practitioner', {
      label: 'closed as completed (which takes no reason: kept, not shown)',
      page: `${c}/stage`,
      values: { action: 'close', outcome: 'completed' },
    });

    // The imported referral, accepted, sent to the other service and declined there.
    const [imported] = await owner<{ id: string }>(
      `select id from referrals where channel = 'import' and org_id = $1`,
      [orgs.service!.id],
    );
    const accepted = await fillAs('manager', {
      page: `/referrals/${imported!.id}`,
      action: `/referrals/${imported!.id}/accept`,
    });
    const second = /case=([0-9a-f-]+)/.exec(accepted.headers.location as string)![1]!;
    await fillAs('manager', {
      page: `/cases/${second}/transfer`,
      values: { to_org: orgs.other!.id, items: '*', participants: '*' },
    });
    const [declined] = await owner<{ id: string }>(
      'select id from case_transfers where case_id = $1',
      [second],
    );
    await fillAs('otherManager', {
      page: `/transfers/${declined!.id}`,
      action: `/transfers/${declined!.id}/decline`,
    });
    const [check] = await owner<{ id: string }>(
      'select id from reoffending_checks where case_id = $1',
      [caseId],
    );
    await fillAs('practitioner', {
      label: 'reoffending check (its notes are kept, not shown)',
      page: `${c}/reoffending/${check!.id}`,
    });
  });

  it('serves files and letters as downloads, with what was written as it was written', async () => {
    const manager = people.manager!.client;
    const rejects = await manager.get(rejectsUrl);
    expect(rejects.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(rejects.headers['content-disposition']).toMatch(/^attachment;/);
    expect(rejects.body).toContain(cell(rejectedSurname));

    const documents = await owner<{ id: string; content_type: string }>(
      `select id, content_type from case_documents where case_id = $1 order by content_type`,
      [caseId],
    );
    expect(documents.map((d) => d.content_type)).toEqual([
      'application/pdf',
      'text/plain; charset=utf-8',
    ]);
    for (const document of documents) {
      const file = await people.practitioner!.client.get(
        `/cases/${caseId}/documents/${document.id}`,
      );
      expect(file.statusCode).toBe(200);
      expect(file.headers['content-type']).not.toMatch(/html/);
      expect(file.headers['content-disposition']).toMatch(/^attachment;/);
      if (document.content_type === 'application/pdf') expect(file.body.slice(0, 5)).toBe('%PDF-');
      else expect(file.body).toBe(documentContent);
    }
  });

  // Every role opens every page it can reach, the commissioner's and analyst's reports among
  // them: minutes on a busy machine.
  it(
    'shows no payload unescaped on any page, to anyone who may see it',
    async () => {
      const analyst = await makeUserWithRole(h.services, 'national_analyst');
      const analystClient = client('national analyst');
      await analystClient.signIn(analyst.email, analyst.password);
      const c = `/cases/${caseId}`;
      const caseTabs = [
        '',
        '/people',
        '/contacts',
        '/updates',
        '/assessments',
        '/interventions',
        '/agreement',
        '/wellbeing',
        '/feedback',
        '/time',
        '/documents',
        '/timeline',
      ].map((tab) => `${c}${tab}`);
      const common = ['/', '/cases', '/referrals', '/transfers', '/awareness', '/account'];
      const crawls: [CheckingClient, string[]][] = [
        [people.practitioner!.client, [...common, ...caseTabs]],
        [
          people.manager!.client,
          [
            ...common,
            ...caseTabs,
            '/outcomes',
            '/time',
            '/settings',
            '/settings/wellbeing',
            '/feedback/questionnaires',
            '/referrals/import',
          ],
        ],
        [people.volunteer!.client, ['/', '/cases', ...caseTabs]],
        [people.otherManager!.client, common],
        [people.referrer!.client, ['/', '/referrals/sent']],
        [people.commissioner!.client, ['/']],
        [analystClient, ['/']],
        [adminClient, ['/', '/admin/organisations', '/admin/users', '/admin/audit']],
        [people.serviceAdmin!.client, ['/', '/admin/users', '/admin/api-tokens', '/admin/audit']],
        [people.policeAdmin!.client, ['/', '/admin/users', '/admin/api-tokens']],
        [client('someone signed out'), ['/sign-in', '/accessibility', '/cookies']],
      ];
      const opened: Record<string, number> = {};
      for (const [who, seeds] of crawls)
        opened[who.who] = (await openEverything(who, seeds)).length;
      // Every role opened pages beyond the one it started on.
      for (const [who, count] of Object.entries(opened)) expect(count, who).toBeGreaterThan(3);
      expect(opened.practitioner).toBeGreaterThan(60);
      expect(opened.manager).toBeGreaterThan(60);
      expect(opened.volunteer).toBeGreaterThan(30);

      expect(summarise(findings)).toEqual([]);

      // The test covers what it says: every value planted was shown on some page (except the
      // few kept only for the record), and every form with a free-text field was planted through.
      expect(
        planter.unseen(seen).filter((p) => !/kept, not shown/.test(p.where)),
        'planted values no page showed',
      ).toEqual([]);
      expect(
        [...forms].filter(([pattern]) => !planter.posted.has(pattern)),
        'forms with free text that nothing was planted through',
      ).toEqual([]);
      expect(planter.planted.length).toBeGreaterThan(150);
    },
    CRAWL,
  );
});
