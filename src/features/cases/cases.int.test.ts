import { describe, expect, it } from 'vitest';
import type { UserActor } from '../../domain/roles.js';
import { caseVersion, makeService, openCase } from '../../../test/support/cases.js';
import { testbed, serviceFor } from '../../../test/support/testbed.js';
import { expectPage } from '../../../test/support/web-client.js';
import { QUEUES } from './queues.js';

const { h, signedIn } = testbed();
const team = serviceFor(h);

describe('the case page', () => {
  it('shows the summary, the people with their safe contact, and what to do next; viewing it is audited', async () => {
    const opened = await openCase(h.services, team.practitioner);
    const browser = await signedIn(team.practitioner);
    const page = await browser.get(`/cases/${opened.caseId}`);
    expectPage(page, 200, [
      opened.caseReference,
      'Hana Victim',
      'Home landline',
      'Allocate a lead facilitator',
    ]);
    const viewed = await h.database.withOwner((o) =>
      o.query<{ n: number }>(
        `select count(*)::int as n from audit_events where action = 'case.viewed' and entity_id = $1`,
        [opened.caseId],
      ),
    );
    expect(viewed[0]!.n).toBeGreaterThanOrEqual(1);
  });

  it('refuses an illegal move with every reason, and allows it once the rule is met', async () => {
    const opened = await openCase(h.services, team.practitioner);
    const browser = await signedIn(team.practitioner);
    await browser.get(`/cases/${opened.caseId}`);
    const refused = await browser.post(`/cases/${opened.caseId}/stage`, {
      action: 'start_contact',
      version: '1',
    });
    expectPage(refused, 409, ['Allocate a lead facilitator before contacting people']);
    const picked = await browser.post(`/cases/${opened.caseId}/pick-up`);
    expect(picked.headers.location).toBe(`/cases/${opened.caseId}?done=pickedUp`);
    await browser.get(`/cases/${opened.caseId}`);
    const moved = await browser.post(`/cases/${opened.caseId}/stage`, {
      action: 'start_contact',
      version: '2',
    });
    expect(moved.statusCode).toBe(302);
    const page = await browser.get(`/cases/${opened.caseId}`);
    expect(page.body).toContain('data-qa="case-stage">Contacting');
    const timeline = await browser.get(`/cases/${opened.caseId}/timeline`);
    expect(timeline.body).toContain('Started contacting people');
    expect(timeline.body).toContain('Picked up by Pat Practitioner');
    const referrer = await h.database.withOwner((o) =>
      o.query<{ progress: string }>('select progress from referrals where id = $1', [
        opened.referralId,
      ]),
    );
    expect(referrer[0]!.progress).toBe('in_progress');
  });

  it('closes with an outcome and reopens with a reason', async () => {
    const opened = await openCase(h.services, team.practitioner);
    const browser = await signedIn(team.practitioner);
    const needsOutcome = await browser.submitForm(`/cases/${opened.caseId}/stage`, {
      action: 'close',
      version: '1',
    });
    expect(needsOutcome.body).toContain('Choose how the case ended');
    const completedTooSoon = await browser.post(`/cases/${opened.caseId}/stage`, {
      action: 'close',
      outcome: 'completed',
      version: '1',
    });
    expect(completedTooSoon.body).toContain(
      'only be closed as completed after an intervention between the person harmed and the person who harmed was held',
    );
    const closed = await browser.post(`/cases/${opened.caseId}/stage`, {
      action: 'close',
      outcome: 'could_not_contact',
      version: '1',
    });
    expect(closed.statusCode).toBe(302);
    const referral = await h.database.withOwner((o) =>
      o.query<{ progress: string; closure_code: string }>(
        'select progress, closure_code from referrals where id = $1',
        [opened.referralId],
      ),
    );
    expect(referral[0]).toEqual({ progress: 'closed', closure_code: 'could_not_contact' });
    const noReason = await browser.submitForm(`/cases/${opened.caseId}/stage`, {
      action: 'reopen',
      version: '2',
    });
    expect(noReason.body).toContain('Say why the case is reopened');
    const reopened = await browser.post(`/cases/${opened.caseId}/stage`, {
      action: 'reopen',
      reason: 'Victim now ready',
      version: '2',
    });
    expect(reopened.statusCode).toBe(302);
    expect((await browser.get(`/cases/${opened.caseId}`)).body).toContain(
      'data-qa="case-stage">New',
    );
  });

  it('refuses a save made from an out-of-date page, naming who changed the case and when', async () => {
    const opened = await openCase(h.services, team.practitioner);
    await h.services.cases.allocate(team.manager, opened.caseId, {
      lead: team.practitioner.userId,
      version: 1,
    });
    const browser = await signedIn(team.practitioner);
    await browser.get(`/cases/${opened.caseId}`);
    const stale = await browser.post(`/cases/${opened.caseId}/stage`, {
      action: 'close',
      outcome: 'moved_away',
      reason: 'kept text',
      version: '1',
    });
    expectPage(stale, 409, ['This case was changed by Morgan Manager', 'kept text']);
  });
});

describe('allocation and who sees a case', () => {
  it('lets a manager allocate a lead and co-workers; a volunteer sees only the cases allocated to them', async () => {
    const mine = await openCase(h.services, team.practitioner);
    const notMine = await openCase(h.services, team.practitioner);
    const manager = await signedIn(team.manager);
    const saved = await manager.submitForm(`/cases/${mine.caseId}/allocate`, {
      lead: team.practitioner.userId,
      others: [team.volunteer.userId],
      version: '1',
    });
    expect(saved.headers.location).toBe(`/cases/${mine.caseId}?done=allocated`);

    const volunteer = await signedIn(team.volunteer);
    expect((await volunteer.get(`/cases/${mine.caseId}`)).statusCode).toBe(200);
    expect((await volunteer.get(`/cases/${notMine.caseId}`)).statusCode).toBe(404);
    const queue = await volunteer.get('/cases?queue=mine');
    expect(queue.body).toContain(mine.caseReference);
    expect(queue.body).not.toContain(notMine.caseReference);
    expect((await volunteer.get(`/cases/${mine.caseId}/allocate`)).statusCode).toBe(403);
    expect((await volunteer.get('/referrals')).statusCode).toBe(403);
  });

  it('hides cases from other services and from referrers and administrators', async () => {
    const opened = await openCase(h.services, team.practitioner);
    const other = await makeService(h.services);
    expect(
      (await (await signedIn(other.practitioner)).get(`/cases/${opened.caseId}`)).statusCode,
    ).toBe(404);
  });
});

describe('queues', () => {
  /** The cases in a queue, as a manager sees them, with the count the queue's tab shows. */
  async function queue(manager: UserActor, name: string) {
    const { rows, counts } = await h.services.caseQueues.list(manager, { queue: name });
    return { ids: rows.map((r) => r.id), count: counts[name as keyof typeof counts] };
  }

  it('first contact overdue shows when contact was due: 5 working days from the referral', async () => {
    // Received Monday 2 November 2026: due Monday 9 November.
    const opened = await openCase(h.services, team.practitioner, { receivedOn: '2026-11-02' });
    const browser = await signedIn(team.practitioner);
    const page = await browser.get('/cases?queue=first_contact_overdue');
    expectPage(page, 200, ['Contact due by']);
    const row = new RegExp(
      `/cases/${opened.caseId}"[\\s\\S]*?data-qa="first-contact-due-on">([^<]*)<`,
    ).exec(page.body);
    expect(row?.[1]).toBe('9 November 2026');
  });

  it('lists unallocated cases and sorts them', async () => {
    const browser = await signedIn(team.practitioner);
    const page = await browser.get('/cases?queue=unallocated&sort=reference&order=desc');
    expectPage(page, 200, ['aria-sort="descending"']);
    const bad = await browser.get('/cases?queue=nonsense&sort=evil&page=-1');
    expect(bad.statusCode).toBe(200);

    await openCase(h.services, team.practitioner, { victim: 'Ffion' });
    const sorted = await h.services.caseQueues.list(team.manager, {
      queue: 'unallocated',
      sort: 'reference',
      order: 'desc',
    });
    const references = sorted.rows.map((r) => r.reference);
    expect(references.length).toBeGreaterThan(1);
    expect(references).toEqual([...references].sort().reverse());
    expect(sorted.rows.every((r) => r.receivedOn && r.people?.includes('Victim'))).toBe(true);
  });

  it("gives each queue's tab the number of cases the queue lists (all counts in one statement)", async () => {
    const service = await makeService(h.services);
    const first = await openCase(h.services, service.practitioner);
    await openCase(h.services, service.practitioner);
    await h.services.cases.pickUp(service.practitioner, first.caseId);
    for (const actor of [service.manager, service.practitioner]) {
      for (const name of QUEUES) {
        const { ids, count } = await queue(actor, name);
        expect({ name, count }).toEqual({ name, count: ids.length });
      }
    }
    expect((await queue(service.practitioner, 'mine')).count).toBe(1);
    expect((await queue(service.manager, 'unallocated')).count).toBe(1);
  });

  it('takes a case out of the unallocated queue once it has a lead, whoever the lead becomes', async () => {
    const service = await makeService(h.services);
    const opened = await openCase(h.services, service.practitioner);
    const unallocated = async () => {
      const { rows, counts } = await h.services.caseQueues.list(service.manager, {
        queue: 'unallocated',
      });
      return { ids: rows.map((r) => r.id), count: counts.unallocated };
    };
    expect(await unallocated()).toEqual({ ids: [opened.caseId], count: 1 });

    await h.services.cases.pickUp(service.practitioner, opened.caseId);
    expect(await unallocated()).toEqual({ ids: [], count: 0 });

    await h.services.cases.allocate(service.manager, opened.caseId, {
      lead: service.manager.userId,
      others: [service.practitioner.userId],
      version: await caseVersion(h.services, service.manager, opened.caseId),
    });
    expect(await unallocated()).toEqual({ ids: [], count: 0 });
    const mine = await h.services.caseQueues.list(service.practitioner, { queue: 'mine' });
    expect(mine.rows.map((r) => [r.id, r.leadName])).toEqual([[opened.caseId, 'Morgan Manager']]);
  });

  it('keeps "my cases" to the open cases allocated to me, through closure and reopening', async () => {
    const service = await makeService(h.services);
    const opened = await openCase(h.services, service.practitioner);
    const mine = () => queue(service.practitioner, 'mine');
    expect(await mine()).toEqual({ ids: [], count: 0 });
    await h.services.cases.pickUp(service.practitioner, opened.caseId);
    expect(await mine()).toEqual({ ids: [opened.caseId], count: 1 });

    const browser = await signedIn(service.practitioner);
    const closed = await browser.submitForm(`/cases/${opened.caseId}/stage`, {
      action: 'close',
      outcome: 'could_not_contact',
      version: '2',
    });
    expect(closed.statusCode).toBe(302);
    expect(await mine()).toEqual({ ids: [], count: 0 });
    const allocation = await h.database.withOwner((o) =>
      o.query<{ case_open: boolean }>('select case_open from case_allocations where case_id = $1', [
        opened.caseId,
      ]),
    );
    expect(allocation).toEqual([{ case_open: false }]);

    const reopened = await browser.submitForm(`/cases/${opened.caseId}/stage`, {
      action: 'reopen',
      reason: 'Victim now ready',
      version: '3',
    });
    expect(reopened.statusCode).toBe(302);
    expect(await mine()).toEqual({ ids: [opened.caseId], count: 1 });
  });

  it('lists a reoffending check from its due date until it is made, closed case or not', async () => {
    const service = await makeService(h.services);
    const opened = await openCase(h.services, service.practitioner);
    const due = () => queue(service.manager, 'reoffending_due');
    const [check] = await h.database.withOwner((owner) =>
      owner.query<{ id: string }>(
        `insert into reoffending_checks (org_id, case_id, participant_id, due_on)
         values ($1, $2, $3, '2026-11-21') returning id`,
        [service.org.id, opened.caseId, opened.harmerId],
      ),
    );
    expect(await due()).toEqual({ ids: [], count: 0 });

    h.clock.set('2026-11-21T10:00:00Z');
    try {
      expect(await due()).toEqual({ ids: [opened.caseId], count: 1 });
      await h.services.reoffending.record(service.manager, opened.caseId, check!.id, {
        checked_on: '2026-11-21',
        further_offence: 'no',
        source: 'police',
      });
      expect(await due()).toEqual({ ids: [], count: 0 });
    } finally {
      h.clock.set('2026-11-20T10:00:00Z');
    }
  });
});
