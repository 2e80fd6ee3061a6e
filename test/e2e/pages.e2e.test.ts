// Every page a journey does not reach, opened once by the person who uses it and checked with
// axe-core: the case tabs and forms the journeys pass by, the queues, the manager's settings,
// reports and imports, and the administrator's pages. A page that fails to load (any answer but
// 200) or breaks WCAG 2.2 AA fails the test.
import type { Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { QUEUES } from '../../src/features/cases/queues.js';
import { caseVersion, giveAddress, makeService, openCase } from '../support/cases.js';
import { administratorOf, makeUserWithRole } from '../support/harness.js';
import { expectPage, startE2E, type E2E } from './support/browser.js';
import { signIn } from './support/pages.js';

const PAGE_TIMEOUT = 240_000;

let e2e: E2E;
beforeAll(async () => {
  e2e = await startE2E();
  e2e.harness.clock.set('2026-11-20T09:00:00Z');
});
afterAll(() => e2e?.close());

async function signedIn(person: { email: string; password: string }): Promise<Page> {
  const page = await (await e2e.newContext()).newPage();
  await signIn(page, person.email, person.password);
  await expectPage(page, 'Home');
  return page;
}

/** Opens each path, expecting it to load with the heading given, accessible. */
async function visitAll(page: Page, pages: [path: string, heading: string | RegExp][]) {
  for (const [path, heading] of pages) {
    const response = await page.goto(path);
    expect(response?.status(), path).toBe(200);
    await expectPage(page, heading);
  }
}

describe('pages no journey reaches', () => {
  it(
    'are accessible to the service manager who uses them',
    async () => {
      const team = await makeService(e2e.harness.services);
      const opened = await openCase(e2e.harness.services, team.practitioner);
      // A restitution item paid by instalments, for the plan's pages and the tab showing it.
      const services = e2e.harness.services;
      const version = async () => caseVersion(services, team.practitioner, opened.caseId);
      await services.agreements.addItem(team.practitioner, opened.caseId, {
        kind: 'restitution',
        description: 'Pay for the broken window',
        owed_by: opened.harmerId,
        owed_to: opened.harmedId,
        due_on: '2030-03-31',
        amount: '60',
        version: await version(),
      });
      const item = `/cases/${opened.caseId}/agreement/items/${(await services.agreements.tab(team.practitioner, opened.caseId)).items[0]!.id}`;
      await services.agreements.setPlan(team.practitioner, opened.caseId, item.split('/').at(-1)!, {
        instalment: '20',
        frequency: 'monthly',
        first_due_on: '2030-01-31',
        version: await version(),
      });
      await giveAddress(services, team.practitioner, {
        caseId: opened.caseId,
        participantId: opened.harmerId,
      });
      // A request for help from another service, so the queue pages and the transfers page
      // show one waiting for the manager's decision.
      const sender = await makeService(services);
      const sent = await openCase(services, sender.practitioner);
      await services.transfers.request(sender.manager, sent.caseId, {
        to_org: team.org.id,
        kind: 'help_request',
        message: 'Please visit Owain in HMP Bristol',
        items: ['notes'],
      });
      const page = await signedIn(team.manager);
      const theCase = `Case ${opened.caseReference}`;
      await visitAll(page, [
        [`/cases/${opened.caseId}/agreement`, theCase],
        [`${item}/plan`, theCase],
        [`${item}/plan/end`, theCase],
        [`/cases/${opened.caseId}/people/${opened.harmedId}/address`, theCase],
        [`/cases/${opened.caseId}/people/${opened.harmerId}`, theCase],
        ...QUEUES.map((queue): [string, string] => [`/cases?queue=${queue}`, 'Cases']),
        [`/cases/${opened.caseId}/time`, theCase],
        [`/cases/${opened.caseId}/time/new`, theCase],
        [`/cases/${opened.caseId}/documents`, theCase],
        [`/cases/${opened.caseId}/timeline`, theCase],
        [`/cases/${opened.caseId}/transfer`, 'Transfer this case or ask for help'],
        [`/cases/${opened.caseId}/people/${opened.harmedId}/edit`, theCase],
        [`/cases/${opened.caseId}/feedback/testimonials/new`, theCase],
        ['/time', /Practitioner time/],
        ['/transfers', /Transfers/],
        ['/awareness', 'Awareness and training work'],
        ['/awareness/new', /Record a session/],
        ['/settings', /settings/i],
        ['/settings/wellbeing', /categories of need/i],
        ['/staff-changes', 'Staff changes'],
        ['/feedback/questionnaires', /questionnaire/i],
        ['/feedback/questionnaires/harmed', /questionnaire/i],
        ['/referrals/import', 'Import referrals'],
        ['/outcomes?period=FY2026-27', 'Service outcomes'],
        [`/cases/${opened.caseId}/people/${opened.harmedId}/equality`, theCase],
        ['/definitions', 'Definitions of figures'],
        ['/definitions/funnel', 'How far referrals got'],
        ['/account', /account/i],
      ]);
      await page.goto('/cases?queue=mine');
      expect(await page.locator('[data-qa="incoming-transfers"]').textContent()).toContain(
        '1 transfer or request for help from another service is waiting for your decision',
      );
    },
    PAGE_TIMEOUT,
  );

  it(
    'are accessible to the organisation administrator who uses them',
    async () => {
      const team = await makeService(e2e.harness.services);
      const admin = await administratorOf(e2e.harness.services, team.org);
      const page = await signedIn(admin);
      await visitAll(page, [
        ['/admin/users', 'Users'],
        ['/admin/users/new', /user/i],
        [`/admin/users/${team.manager.userId}`, 'Morgan Manager'],
        [`/admin/organisations/${team.org.slug}`, /.+/],
        ['/admin/api-tokens', 'API tokens'],
        ['/admin/audit', 'Audit trail'],
        ['/staff-changes', 'Staff changes'],
        ['/staff-changes?outside=yes', 'Staff changes'],
      ]);
    },
    PAGE_TIMEOUT,
  );

  it(
    'are accessible to the system administrator who uses them',
    async () => {
      const team = await makeService(e2e.harness.services);
      const admin = await makeUserWithRole(e2e.harness.services, 'system_admin');
      const serviceAdmin = await administratorOf(e2e.harness.services, team.org);
      const page = await signedIn(admin);
      await visitAll(page, [
        ['/admin/organisations', 'Organisations'],
        ['/admin/organisations/new', /organisation/i],
        [`/admin/organisations/${team.org.slug}`, /.+/],
        ['/admin/users', 'Users'],
        [`/admin/users/new?org=${team.org.slug}`, /user/i],
        [`/admin/users/${serviceAdmin.userId}`, serviceAdmin.name],
        ['/admin/api-tokens', 'API tokens'],
        ['/admin/audit', 'Audit trail'],
      ]);
    },
    PAGE_TIMEOUT,
  );
});
