// A subject access report holds the person's own records across all their cases and who
// accessed them, and nothing about the other people in those cases; only a service manager of
// the person's service may produce one, and producing it is audited.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { makeService, openCase } from '../../../test/support/cases.js';
import { createHarness, type Harness } from '../../../test/support/harness.js';
import { WebClient, expectPage } from '../../../test/support/web-client.js';
import { subjectAccessHtml } from './document.js';

let h: Harness;
let service: Awaited<ReturnType<typeof makeService>>;
let first: Awaited<ReturnType<typeof openCase>>;
let secondCaseId: string;
let personId: string;
let manager: WebClient;

const owner = <R>(text: string, params: unknown[] = []) =>
  h.database.withOwner((o) => o.query<R>(text, params));

beforeAll(async () => {
  h = await createHarness();
  service = await makeService(h.services);
  first = await openCase(h.services, service.practitioner, {
    victim: 'Henrietta',
    offender: 'Zebedee',
  });
  const [harmed] = await owner<{ person_id: string }>(
    'select person_id from case_participants where id = $1',
    [first.harmedId],
  );
  personId = harmed!.person_id;
  // A second harm to the same person, linked to them at triage.
  const referral = await h.services.referrals.create(
    service.practitioner,
    {
      source_org: 'self',
      initiated_by: 'victim',
      received_on: '2026-11-20',
      offence_group: 'criminal-damage-and-arson',
      cjs_stage: 'pre_sentence',
      victim_forename: 'Henrietta',
      victim_surname: 'Victim',
      offender_forename: 'Quentin',
      offender_surname: 'Other',
    },
    { channel: 'web' },
  );
  secondCaseId = (
    await h.services.triage.accept(service.practitioner, referral.id, {
      version: 1,
      victimPerson: personId,
    })
  ).caseId;
  await owner(
    `insert into case_contacts (org_id, case_id, participant_id, contacted_at, method, outcome, notes)
     values ($1, $2, $3, now(), 'phone', 'spoke', 'Henrietta asked about the letter'),
            ($1, $2, $4, now(), 'phone', 'spoke', 'Zebedee was angry')`,
    [service.org.id, first.caseId, first.harmedId, first.harmerId],
  );
  const practitioner = new WebClient(h.app, '198.51.100.30');
  await practitioner.signIn(service.practitioner.email, service.practitioner.password);
  await practitioner.get(`/cases/${first.caseId}`);
  manager = new WebClient(h.app);
  await manager.signIn(service.manager.email, service.manager.password);
});
afterAll(() => h.close());

describe('a subject access report', () => {
  it('holds the person, both cases, their records and who accessed them, and nobody else', async () => {
    const report = await h.services.subjectAccess.report(service.manager, personId);
    expect(report.person).toMatchObject({ forename: 'Henrietta', surname: 'Victim' });
    expect(report.cases.map((c) => c.case.id).sort()).toEqual([first.caseId, secondCaseId].sort());
    const contacts = report.cases.flatMap((c) => c.records.case_contacts ?? []);
    expect(contacts.map((c) => c.notes)).toEqual(['Henrietta asked about the letter']);
    expect(report.referralParties).toHaveLength(2);
    const json = JSON.stringify(report);
    for (const other of ['Zebedee', 'Quentin', 'Zebedee was angry', 'Offender'])
      expect(json).not.toContain(other);
    const views = report.access.filter((e) => e.action === 'case.viewed');
    expect(views.some((e) => e.address === '198.51.100.30')).toBe(true);
    expect(json).not.toContain('token_hash');
  });

  it('reads as a document, with every value escaped', async () => {
    await owner(`update persons set postcode = '<script>alert(1)</script>' where id = $1`, [
      personId,
    ]);
    const html = subjectAccessHtml(
      await h.services.subjectAccess.report(service.manager, personId),
    );
    expect(html).toContain('Subject access report');
    expect(html).toContain('Henrietta');
    expect(html).toContain('Who has accessed their records');
    expect(html).not.toContain('<script>alert(1)</script>');
    expect(html).toContain('&lt;script&gt;');
  });

  it('is offered to a manager on the person’s page, downloads as HTML and JSON, and is audited', async () => {
    const person = await manager.get(`/cases/${first.caseId}/people/${first.harmedId}`);
    expect(person.body).toContain('data-qa="subject-access-link"');
    const page = await manager.get(
      `/cases/${first.caseId}/people/${first.harmedId}/subject-access`,
    );
    expectPage(page, 200, ['They are in 2 cases in this service.']);
    const before = await owner<{ n: number }>(
      `select count(*)::int as n from audit_events where action = 'subject_access.produced'`,
    );
    const html = await manager.get(
      `/cases/${first.caseId}/people/${first.harmedId}/subject-access/report.html`,
    );
    expect(html.statusCode).toBe(200);
    expect(html.headers['content-disposition']).toMatch(/^attachment; filename="subject-access-/);
    const json = await manager.get(
      `/cases/${first.caseId}/people/${first.harmedId}/subject-access/report.json`,
    );
    expect(JSON.parse(json.body)).toMatchObject({ format: 'waymark-subject-access/1' });
    const after = await owner<{ n: number }>(
      `select count(*)::int as n from audit_events where action = 'subject_access.produced'`,
    );
    expect(after[0]!.n - before[0]!.n).toBe(2);
  });

  it('is refused to a practitioner and not found for another service or the wrong case', async () => {
    const practitioner = new WebClient(h.app);
    await practitioner.signIn(service.practitioner.email, service.practitioner.password);
    const url = `/cases/${first.caseId}/people/${first.harmedId}/subject-access`;
    expect((await practitioner.get(url)).statusCode).toBe(403);
    const other = await makeService(h.services);
    const theirs = new WebClient(h.app);
    await theirs.signIn(other.manager.email, other.manager.password);
    expect((await theirs.get(url)).statusCode).toBe(404);
    expect((await theirs.get(`${url}/report.json`)).statusCode).toBe(404);
    expect(
      (await manager.get(`/cases/${secondCaseId}/people/${first.harmedId}/subject-access`))
        .statusCode,
    ).toBe(404);
    await expect(h.services.subjectAccess.report(other.manager, personId)).rejects.toThrow();
  });
});
