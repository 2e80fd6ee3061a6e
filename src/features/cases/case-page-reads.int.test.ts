// What the case page, the People tab and the queue pages read: each of the case's people, offers
// and allocations once, shared between what the page shows, the lifecycle rules' facts and the
// Victims' Code duties (they were read four, two and two times a page); a queue page in one
// transaction (it was three: the cases and counts, the staff, the transfers waiting).
import { describe, expect, it } from 'vitest';
import { StatementRecorder } from '../../db/statement-recorder.js';
import { makeService, openCase } from '../../../test/support/cases.js';
import { testbed, serviceFor } from '../../../test/support/testbed.js';
import { expectPage } from '../../../test/support/web-client.js';

const recorder = new StatementRecorder();
const { h, signedIn } = testbed({ recorder });
const team = serviceFor(h);

/** How many statements read each table first named after `from` (the table a read is of). */
function readsByTable(statements: { sql: string }[]): Map<string, number> {
  const reads = new Map<string, number>();
  for (const { sql } of statements) {
    const table = /^\s*select\b[\s\S]*?\bfrom "(\w+)"/.exec(sql)?.[1];
    if (table) reads.set(table, (reads.get(table) ?? 0) + 1);
  }
  return reads;
}

async function recordedGet(path: string, who = team.practitioner) {
  const browser = await signedIn(who);
  await browser.get(path);
  recorder.start();
  const page = await browser.get(path);
  const statements = recorder.stop();
  const transactions = statements.filter((s) => /^\s*begin\b/i.test(s.sql)).length;
  return { page, reads: readsByTable(statements), transactions };
}

describe('what a case page reads', () => {
  it('reads the people, their offers and the allocations once for the summary', async () => {
    const opened = await openCase(h.services, team.practitioner);
    await h.services.cases.pickUp(team.practitioner, opened.caseId);
    await h.services.people.recordOffer(team.practitioner, opened.caseId, opened.harmedId, {
      offered_on: '2026-11-18',
      method: 'phone',
      answer: 'yes',
    });
    const { page, reads } = await recordedGet(`/cases/${opened.caseId}`);
    // The offer meets the Victims' Code duty, and the lead is known: both came from shared reads.
    expectPage(page, 200, [opened.caseReference, 'Hana Victim', 'Owain Offender']);
    expect(page.body).not.toContain('Allocate a lead facilitator');
    expect(reads.get('case_participants')).toBe(1);
    expect(reads.get('case_offers')).toBe(1);
    expect(reads.get('case_allocations')).toBe(1);
  });

  it('reads the people and their offers once for the People tab and a person', async () => {
    const other = await makeService(h.services);
    const opened = await openCase(h.services, other.practitioner);
    const tab = await recordedGet(`/cases/${opened.caseId}/people`, other.practitioner);
    expectPage(tab.page, 200, ['Hana Victim', 'Owain Offender']);
    expect(tab.reads.get('case_participants')).toBe(1);
    expect(tab.reads.get('case_offers')).toBe(1);
    const person = await recordedGet(
      `/cases/${opened.caseId}/people/${opened.harmedId}`,
      other.practitioner,
    );
    expectPage(person.page, 200, ['Hana Victim']);
    expect(person.reads.get('case_offers')).toBe(1);
  });
});

describe('what a queue page reads', () => {
  it('reads the cases, the counts, the staff and the transfers waiting in one transaction', async () => {
    const sender = await makeService(h.services);
    const receiver = await makeService(h.services);
    const opened = await openCase(h.services, sender.practitioner);
    await h.services.transfers.request(sender.manager, opened.caseId, {
      to_org: receiver.org.id,
      kind: 'help_request',
      message: 'Please visit Owain in HMP Bristol',
      items: ['notes'],
    });
    await openCase(h.services, receiver.practitioner, { victim: 'Queued' });

    const manager = await recordedGet('/cases?queue=unallocated', receiver.manager);
    expectPage(manager.page, 200, ['Queued Victim', 'Morgan Manager']);
    expect(manager.page.body).toContain('data-qa="incoming-transfers"');
    expect(manager.page.body).toContain(
      '1 transfer or request for help from another service is waiting for your decision',
    );
    expect(manager.transactions).toBe(1);
    expect(manager.reads.get('case_transfers')).toBe(1);

    // A volunteer does not decide on transfers: no count read, none shown.
    const volunteer = await recordedGet('/cases?queue=mine', receiver.volunteer);
    expectPage(volunteer.page, 200, ['My cases']);
    expect(volunteer.page.body).not.toContain('data-qa="incoming-transfers"');
    expect(volunteer.transactions).toBe(1);
    expect(volunteer.reads.get('case_transfers')).toBeUndefined();
  });
});
