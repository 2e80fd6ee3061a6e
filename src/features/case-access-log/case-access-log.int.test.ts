// A service manager sees who has opened or changed a case, from the audit trail, page by page;
// nobody else does, and another service's manager cannot tell the case exists.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createHarness, type Harness } from '../../../test/support/harness.js';
import { makeService, openCase } from '../../../test/support/cases.js';
import { WebClient, expectPage } from '../../../test/support/web-client.js';

let h: Harness;
let service: Awaited<ReturnType<typeof makeService>>;
let theCase: Awaited<ReturnType<typeof openCase>>;
let manager: WebClient;

const rows = (body: string, qa: string) => {
  const table = body.split(`data-qa="${qa}"`)[1]?.split('</table>')[0] ?? '';
  return table.split('<tbody')[1]?.split('<tr class="govuk-table__row">').slice(1) ?? [];
};

beforeAll(async () => {
  h = await createHarness();
  service = await makeService(h.services);
  theCase = await openCase(h.services, service.practitioner);
  const practitioner = new WebClient(h.app, '198.51.100.20');
  await practitioner.signIn(service.practitioner.email, service.practitioner.password);
  for (let i = 0; i < 3; i++)
    expect((await practitioner.get(`/cases/${theCase.caseId}`)).statusCode).toBe(200);
  manager = new WebClient(h.app, '198.51.100.21');
  await manager.signIn(service.manager.email, service.manager.password);
});
afterAll(() => h.close());

describe('who has seen this case', () => {
  it('is offered on the case page to a manager only', async () => {
    expect((await manager.get(`/cases/${theCase.caseId}`)).body).toContain(
      'data-qa="seen-by-link"',
    );
    const practitioner = new WebClient(h.app);
    await practitioner.signIn(service.practitioner.email, service.practitioner.password);
    expect((await practitioner.get(`/cases/${theCase.caseId}`)).body).not.toContain('seen-by-link');
  });

  it('lists each person with their views, and every event with where it came from', async () => {
    const page = await manager.get(`/cases/${theCase.caseId}/seen-by`);
    expectPage(page, 200, [`Who has seen case ${theCase.caseReference}`]);
    const people = rows(page.body, 'access-log-people');
    const pat = people.find((row) => row.includes('Pat Practitioner'))!;
    expect(pat).toContain('Practitioner');
    // Three views of the case page before, one when the factory opened the case, one above.
    const [views, events] = [...pat.matchAll(/numeric">(\d+)</g)].map((m) => Number(m[1]));
    expect(views).toBe(5);
    expect(events).toBeGreaterThan(views!);
    expect(people.some((row) => row.includes('Morgan Manager'))).toBe(true);
    const all = rows(page.body, 'access-log-events');
    expect(all.filter((row) => row.includes('Viewed the case')).length).toBeGreaterThanOrEqual(4);
    expect(page.body).toContain('198.51.100.20');
  });

  it('records that the log itself was looked at', async () => {
    await manager.get(`/cases/${theCase.caseId}/seen-by`);
    const [event] = await h.database.withOwner((owner) =>
      owner.query<{ user_id: string; entity_id: string }>(
        `select user_id, entity_id from audit_events where action = 'case.access_log_viewed' order by id desc limit 1`,
      ),
    );
    expect(event).toEqual({ user_id: service.manager.userId, entity_id: theCase.caseId });
  });

  it('pages through a long history, newest first', async () => {
    for (let i = 0; i < 60; i++) await h.services.cases.get(service.practitioner, theCase.caseId);
    const first = await manager.get(`/cases/${theCase.caseId}/seen-by`);
    expect(rows(first.body, 'access-log-events')).toHaveLength(50);
    expect(first.body).toContain(`/cases/${theCase.caseId}/seen-by?page=2`);
    const second = await manager.get(`/cases/${theCase.caseId}/seen-by?page=2`);
    expect(second.statusCode).toBe(200);
    expect(rows(second.body, 'access-log-events').length).toBeGreaterThan(10);
    expect(second.body).not.toContain('data-qa="access-log-people"');
    const nonsense = await manager.get(`/cases/${theCase.caseId}/seen-by?page=abc`);
    expect(nonsense.statusCode).toBe(200);
  });

  it('is refused to a practitioner, and not found for another service', async () => {
    const practitioner = new WebClient(h.app);
    await practitioner.signIn(service.practitioner.email, service.practitioner.password);
    expect((await practitioner.get(`/cases/${theCase.caseId}/seen-by`)).statusCode).toBe(403);
    const other = await makeService(h.services);
    const theirs = new WebClient(h.app);
    await theirs.signIn(other.manager.email, other.manager.password);
    expect((await theirs.get(`/cases/${theCase.caseId}/seen-by`)).statusCode).toBe(404);
    expect((await theirs.get(`/cases/not-a-case/seen-by`)).statusCode).toBe(404);
  });
});
