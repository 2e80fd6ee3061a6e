// The aggregate store under change: refreshed change by change it always equals a recomputation
// from scratch, a drifted store is found, and a new bank holiday recounts working days.
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withActor } from '../../db/actor-context.js';
import { makeService, openCase } from '../../../test/support/cases.js';
import { applyChange, changeArbitrary, type World } from '../../../test/support/case-changes.js';
import { createHarness, operator, type Harness } from '../../../test/support/harness.js';

let h: Harness;

beforeAll(async () => {
  h = await createHarness();
  h.clock.set('2026-06-01T10:00:00Z');
});
afterAll(() => h.close());

describe('the aggregate store under change', () => {
  it('equals a recomputation from scratch after any sequence of changes (property)', async () => {
    const team = await makeService(h.services);
    const world: World = {
      h,
      staff: team.manager,
      referrals: [],
      cases: [],
      closed: [],
      timeEntries: [],
      sessions: [],
      testimonials: [],
      applied: {},
      refused: {},
    };
    let runs = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.array(changeArbitrary, { minLength: 5, maxLength: 30 }),
        async (changes) => {
          runs++;
          for (const change of changes) await applyChange(world, change);
          await h.services.aggregates.refresh();
          expect(await h.services.aggregates.differences()).toEqual([]);
        },
      ),
      // A fixed seed: every run explores the same twelve sequences, which between them reach every
      // kind of change (checked below), so the suite cannot pass or fail by luck.
      { numRuns: 12, seed: 1 },
    );
    expect(runs).toBe(12);
    // Every kind of change happened, not only the refusals.
    for (const op of [
      'referral',
      'accept',
      'decline',
      'victimsCode',
      'contact',
      'offer',
      'consent',
      'intervention',
      'close',
      'reopen',
      'time',
      'moveTime',
      'removeTime',
      'wellbeing',
      'questionnaire',
      'testimonial',
      'unapprove',
      'awareness',
      'moveAwareness',
    ])
      expect(world.applied[op] ?? 0, op).toBeGreaterThan(0);
    const figures = await withActor(
      h.database.db,
      operator,
      (tx) =>
        tx
          .selectFrom('aggregate_figures')
          .select('figure')
          .distinct()
          .where('org_id', '=', team.org.id)
          .execute(),
      { figuresOnly: true },
    );
    expect(figures.map((f) => f.figure)).toEqual(
      expect.arrayContaining(['referrals_received', 'funnel', 'cases_opened']),
    );
  });

  it('finds a store that has drifted from the case records', async () => {
    const team = await makeService(h.services);
    await openCase(h.services, team.practitioner, { receivedOn: '2026-03-03' });
    await h.services.aggregates.refresh();
    expect(await h.services.aggregates.differences()).toEqual([]);
    await h.database.withOwner((owner) =>
      owner.query(`update aggregate_figures set n = n + 1 where org_id = $1`, [team.org.id]),
    );
    expect((await h.services.aggregates.differences()).length).toBeGreaterThan(0);
    await h.services.aggregates.rebuild();
    expect(await h.services.aggregates.differences()).toEqual([]);
  });

  it('recounts working days everywhere when a bank holiday is added', async () => {
    const team = await makeService(h.services);
    // Received on Monday 1 June 2026, first spoken to on Friday 5 June: 4 working days.
    const opened = await openCase(h.services, team.practitioner, { receivedOn: '2026-06-01' });
    h.clock.set('2026-06-05T10:00:00Z');
    await h.services.contacts.add(team.practitioner, opened.caseId, {
      participant_id: opened.harmedId,
      contacted_on: '2026-06-05',
      method: 'phone',
      outcome: 'spoke',
    });
    await h.services.aggregates.refresh();
    const days = () =>
      withActor(
        h.database.db,
        team.manager,
        (tx) =>
          tx
            .selectFrom('aggregate_figures')
            .select('value')
            .where('figure', '=', 'first_contact')
            .where('dimension', '=', 'working_days')
            .where('org_id', '=', team.org.id)
            .execute(),
        { figuresOnly: true },
      );
    expect(await days()).toEqual([{ value: '4' }]);
    await h.services.bankHolidays.add(operator, { date: '2026-06-03', name: 'A new holiday' });
    expect(await h.services.aggregates.refresh()).toMatchObject({ rebuilt: true });
    expect(await days()).toEqual([{ value: '3' }]);
    expect(await h.services.aggregates.differences()).toEqual([]);
  });

  it('says when the figures were last brought up to date', async () => {
    h.clock.set('2026-06-02T10:00:00Z');
    await h.services.aggregates.refresh();
    const asAt = await h.services.aggregates.figuresAsAt();
    expect(asAt).toBeInstanceOf(Date);
    expect(Date.now() - asAt!.getTime()).toBeLessThan(10 * 60_000);
  });
});
