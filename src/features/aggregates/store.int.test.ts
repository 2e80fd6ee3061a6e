// The aggregate store under change: refreshed change by change, in steps as small as they come,
// it always equals a recomputation from scratch; a large change is taken in short steps, each
// month recomputed once; a drifted store is found, and a new bank holiday recounts working days.
import fc from 'fast-check';
import { sql } from 'kysely';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { withActor } from '../../db/actor-context.js';
import { figureReads } from '../../db/figure-reads.js';
import { aggregateService, type AggregateService } from './service.js';
import { makeService, openCase } from '../../../test/support/cases.js';
import { applyChange, changeArbitrary, type World } from '../../../test/support/case-changes.js';
import { createHarness, operator, type Harness } from '../../../test/support/harness.js';

let h: Harness;
/** The refresh in the smallest steps there are: three marks claimed, or one month, a step. */
let inSmallSteps: AggregateService;

beforeAll(async () => {
  h = await createHarness();
  h.clock.set('2026-06-01T10:00:00Z');
  const db = h.database.db;
  inSmallSteps = aggregateService({
    db,
    reads: figureReads({ primary: db }),
    steps: { subjects: 3, ms: 0 },
  });
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
          await inSmallSteps.refresh();
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

  it('takes a large change in short steps, each month once, and is up to date only at the end', async () => {
    const here = await makeService(h.services);
    const elsewhere = await makeService(h.services);
    await openCase(h.services, elsewhere.practitioner, { receivedOn: '2026-02-10' });
    await h.services.aggregates.refresh();
    const asAtBefore = await h.services.aggregates.figuresAsAt();
    // Ten referrals in each of three months: thirty records marked, three service months.
    for (const month of ['2026-01', '2026-02', '2026-03'])
      for (let day = 10; day < 20; day++)
        await h.services.referrals.create(
          here.practitioner,
          {
            source_org: 'self',
            initiated_by: 'victim',
            received_on: `${month}-${day}`,
            offence_group: 'criminal-damage-and-arson',
            cjs_stage: 'pre_charge',
            sv_da: 'no',
            victim_forename: 'Hana',
            victim_surname: 'Victim',
          },
          { channel: 'web' },
        );
    h.clock.set('2026-06-01T11:00:00Z');
    const result = await inSmallSteps.refresh();
    // Ten steps claim three referrals each (one mark each), the tenth then recomputing a month,
    // and two more steps a month each; the other service's month is not recomputed, and
    // nothing is rebuilt.
    expect(result).toMatchObject({ subjects: 30, buckets: 3, rebuilt: false, steps: 12 });
    expect(await h.services.aggregates.differences()).toEqual([]);
    expect((await h.services.aggregates.figuresAsAt())!.getTime()).toBeGreaterThan(
      asAtBefore!.getTime(),
    );
  });

  it('says the figures are up to date only once the last step is done, by this refresh or the next', async () => {
    const team = await makeService(h.services);
    await h.services.aggregates.refresh();
    const asAt = async () => (await h.services.aggregates.figuresAsAt())!.getTime();
    const before = await asAt();
    await openCase(h.services, team.practitioner, { receivedOn: '2026-04-03' });
    await openCase(h.services, team.practitioner, { receivedOn: '2026-05-04' });
    const step = (through: string | null) =>
      sql<{ subjects: number; buckets: number; through: string; done: boolean }>`
        select subjects, buckets, through::text as through, done
        from refresh_aggregates(3, 0, ${through}::bigint)
      `.execute(h.database.db);
    // Each case opened marks its referral and itself again and again (eleven marks in all). A
    // step claims the records of the oldest three marks, with every mark of theirs: the first
    // case's referral and case, then the second's, and then (every mark claimed) one month:
    // the referrals' April and May, and June, when both cases were opened.
    const first = (await step(null)).rows[0]!;
    expect(first).toMatchObject({ subjects: 2, buckets: 0, done: false });
    const then = [
      { subjects: 2, buckets: 1, done: false },
      { subjects: 0, buckets: 1, done: false },
    ];
    for (const expected of then) {
      expect(await asAt()).toBe(before);
      expect((await step(first.through)).rows[0]).toMatchObject(expected);
    }
    expect(await asAt()).toBe(before);
    expect(await h.services.aggregates.differences()).not.toEqual([]);
    // A refresh cut short here (the server stopped, say) is finished by the next one.
    expect(await h.services.aggregates.refresh()).toMatchObject({ subjects: 0, buckets: 1 });
    expect(await asAt()).toBeGreaterThan(before);
    expect(await h.services.aggregates.differences()).toEqual([]);
  });

  it('stops between two steps when told to, leaving the rest to the next refresh', async () => {
    const team = await makeService(h.services);
    await h.services.aggregates.refresh();
    await openCase(h.services, team.practitioner, { receivedOn: '2026-04-03' });
    const stop = new AbortController();
    stop.abort();
    expect(await inSmallSteps.refresh({ stop: stop.signal })).toMatchObject({ steps: 1 });
    expect(await h.services.aggregates.differences()).not.toEqual([]);
    await h.services.aggregates.refresh();
    expect(await h.services.aggregates.differences()).toEqual([]);
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
