// The outcomes page's figures against values worked out by hand from a fixed data set.
import { beforeAll, describe, expect, it } from 'vitest';
import { type Harness } from '../../../../test/support/harness.js';
import { makeService, openCase } from '../../../../test/support/cases.js';
import { WebClient, expectPage } from '../../../../test/support/web-client.js';
import { testbed, serviceFor } from '../../../../test/support/testbed.js';

const { h } = testbed();
const team = serviceFor(h);
const period = { from: '2026-01-01', to: '2026-06-30' };

type Owner = Parameters<Parameters<Harness['database']['withOwner']>[0]>[0];

async function insert(owner: Owner, sql: string, params: unknown[]) {
  const rows = await owner.query<{ id: string }>(sql, params);
  return rows[0]?.id as string;
}

beforeAll(async () => {
  const people: Awaited<ReturnType<typeof openCase>>[] = [];
  for (let i = 0; i < 5; i++)
    people.push(await openCase(h.services, team.practitioner, { receivedOn: '2026-01-05' }));
  const x = await openCase(h.services, team.practitioner, { receivedOn: '2026-02-02' });
  const y = await openCase(h.services, team.practitioner, { receivedOn: '2026-02-06' });
  const org = team.org.id;

  await h.database.withOwner(async (owner) => {
    const category = (key: string, order: number, retired = false) =>
      insert(
        owner,
        `insert into wellbeing_categories (org_id, key, label, sort_order, retired_at) values ($1, $2, $3, $4, $5) returning id`,
        [org, key, `Category ${key}`, order, retired ? new Date() : null],
      );
    const [a, b, c] = [await category('a', 1), await category('b', 2), await category('c', 3)];
    const measure = async (
      p: { caseId: string; harmedId: string },
      kind: string,
      on: string,
      scores: [string, number][],
    ) => {
      const id = await insert(
        owner,
        `insert into wellbeing_measures (org_id, case_id, participant_id, kind, taken_on) values ($1, $2, $3, $4, $5) returning id`,
        [org, p.caseId, p.harmedId, kind, on],
      );
      for (const [categoryId, score] of scores) {
        await owner.query(
          `insert into wellbeing_scores (measure_id, org_id, case_id, category_id, score) values ($1, $2, $3, $4, $5)`,
          [id, org, p.caseId, categoryId, score],
        );
      }
    };
    const [p1, p2, p3, p4, p5] = people as [typeof x, typeof x, typeof x, typeof x, typeof x];
    await measure(p1, 'entry', '2026-01-10', [
      [a, 2],
      [b, 3],
    ]);
    await measure(p1, 'exit', '2026-03-01', [
      [a, 4],
      [b, 3],
      [c, 5],
    ]);
    await measure(p2, 'entry', '2026-01-10', [
      [a, 1],
      [b, 1],
    ]);
    await measure(p2, 'exit', '2026-04-01', [
      [a, 2],
      [b, 4],
    ]);
    await measure(p3, 'entry', '2026-01-10', [[a, 1]]);
    await measure(p4, 'exit', '2026-05-01', [[a, 3]]);
    await measure(p5, 'entry', '2026-01-10', [[a, 1]]);
    await measure(p5, 'exit', '2026-08-01', [[a, 5]]);

    const [questionnaire] = await owner.query<{ id: string }>(
      `select id from questionnaires where org_id is null and audience = 'harmed'`,
    );
    const respond = (p: typeof x, on: string, answers: Record<string, unknown>) =>
      owner.query(
        `insert into questionnaire_responses (org_id, case_id, participant_id, questionnaire_id, answers, channel, responded_on) values ($1, $2, $3, $4, $5, 'paper', $6)`,
        [org, p.caseId, p.harmedId, questionnaire!.id, JSON.stringify(answers), on],
      );
    await respond(p1, '2026-03-02', { satisfied: 5, recommend: 'yes' });
    await respond(p2, '2026-04-02', { satisfied: 4, recommend: 'yes' });
    await respond(p4, '2026-05-02', { satisfied: 2, recommend: 'no' });
    await respond(p5, '2026-08-02', { satisfied: 1, recommend: 'no' });

    const check = (p: typeof x, on: string | null, result: string | null) =>
      owner.query(
        `insert into reoffending_checks (org_id, case_id, participant_id, due_on, checked_on, further_offence, source) values ($1, $2, $3, '2026-01-01', $4, $5, 'police')`,
        [org, p.caseId, p.harmerId, on, result],
      );
    await check(p1, '2026-02-01', 'yes');
    await check(p2, '2026-02-01', 'no');
    await check(p3, '2026-02-01', 'no');
    await check(p4, '2026-02-01', 'unknown');
    await check(p5, null, null);

    await owner.query(
      `update cases set stage = 'closed', closure_outcome = 'completed', closed_on = '2026-03-10' where id in ($1, $2)`,
      [p1.caseId, p2.caseId],
    );
    await owner.query(
      `update cases set stage = 'closed', closure_outcome = 'could_not_contact', closed_on = '2026-06-30' where id = $1`,
      [p3.caseId],
    );
    await owner.query(
      `update cases set stage = 'closed', closure_outcome = 'moved_away', closed_on = '2026-07-01' where id = $1`,
      [p4.caseId],
    );
    await owner.query(`update cases set first_contact_on = '2026-02-05' where id = $1`, [x.caseId]);
    await owner.query(`update cases set first_contact_on = '2026-02-09' where id = $1`, [y.caseId]);

    const time = (p: typeof x, minutes: number, miles: number, on = '2026-02-10') =>
      owner.query(
        `insert into case_time_entries (org_id, case_id, user_id, worked_on, kind, minutes, miles) values ($1, $2, $3, $4, 'meeting', $5, $6)`,
        [org, p.caseId, team.practitioner.userId, on, minutes, miles],
      );
    await time(x, 90, 10);
    await time(x, 30, 0);
    await time(y, 60, 0);
    await time(y, 600, 99, '2026-09-01');

    const session = (on: string, attendees: number, hours: number) =>
      owner.query(
        `insert into awareness_sessions (org_id, held_on, kind, audience_kind, attendees, topic, hours) values ($1, $2, 'training', 'police', $3, 'RJ for officers', $4)`,
        [org, on, attendees, hours],
      );
    await session('2026-02-01', 10, 1.5);
    await session('2026-03-01', 5, 2);
    await session('2027-01-01', 100, 9);
  });
});

describe('the service outcomes for a period', () => {
  it('match the hand-computed figures', async () => {
    const outcomes = await h.services.outcomes.forPeriod(team.manager, period);
    // Wellbeing: P1 (A +2, B 0: overall 1), P2 (A +1, B +3: overall 2); P4 exit only; P3 entry
    // only and P5 outside the period are not counted. Category C was added after the entries.
    expect(outcomes.wellbeing).toMatchObject({
      people: 3,
      compared: 2,
      onlyExit: 1,
      overallMedian: 1.5,
    });
    const byLabel = Object.fromEntries(
      outcomes.wellbeing.perCategory.map((c) => [c.label, { median: c.median, people: c.people }]),
    );
    expect(byLabel).toEqual({
      'Category a': { median: 1.5, people: 2 },
      'Category b': { median: 1.5, people: 2 },
      'Category c': { median: null, people: 0 },
    });
    expect(outcomes.wellbeing.overallDistribution.filter((d) => d.people > 0)).toEqual([
      { change: 1, people: 1 },
      { change: 2, people: 1 },
    ]);
    // Satisfaction: 5, 4, 2 in the period (the 1 in August is not): 2 of 3 agree.
    const harmed = outcomes.satisfaction.find((s) => s.audience === 'harmed')!;
    expect(harmed.responses).toBe(3);
    expect(harmed.items.find((i) => i.itemId === 'satisfied')?.rate).toEqual({
      percent: 66.7,
      numerator: 2,
      n: 3,
    });
    expect(harmed.items.find((i) => i.itemId === 'recommend')?.rate).toEqual({
      percent: 66.7,
      numerator: 2,
      n: 3,
    });
    // Reoffending: yes, no, no (unknown and unchecked left out): 1 of 3.
    expect(outcomes.reoffending).toEqual({ percent: 33.3, numerator: 1, n: 3 });
    // Closures in the period: two completed, one could not contact (moved away was on 1 July).
    expect(outcomes.closures.cases).toBe(3);
    expect(outcomes.closures.byOutcome.filter((o) => o.count > 0)).toEqual([
      { key: 'completed', count: 2 },
      { key: 'could_not_contact', count: 1 },
    ]);
    // First contact: Monday 2 Feb to Thursday 5 Feb is 3 working days; Friday 6 to Monday 9 is 1.
    expect(outcomes.firstContact).toEqual({ cases: 2, medianWorkingDays: 2 });
    // Time in the period: case X 2 hours and 10 miles, case Y 1 hour.
    expect(outcomes.time).toEqual({
      cases: 2,
      totalHours: 3,
      totalMiles: 10,
      medianHoursPerCase: 1.5,
      meanHoursPerCase: 1.5,
    });
    expect(outcomes.awareness).toEqual({ sessions: 2, attendees: 15, hours: 3.5 });
  });

  it('shows the figures on the page with the numbers they rest on, and charts as tables', async () => {
    const browser = new WebClient(h.app);
    await browser.signIn(team.manager.email, team.manager.password);
    const page = await browser.get(`/outcomes?from=${period.from}&to=${period.to}`);
    expectPage(page, 200, [
      '66.7% (based on 3)',
      '33.3% (based on 3)',
      '1.5 (based on 2)',
      '2 working days (based on 2)',
      'data-qa="chart-table-wellbeing-categories"',
      'data-qa="chart-table-closures"',
    ]);
  });

  it('has no figures, only "no data", for a service with nothing recorded', async () => {
    const empty = await makeService(h.services);
    const outcomes = await h.services.outcomes.forPeriod(empty.manager, period);
    expect(outcomes.wellbeing).toMatchObject({
      people: 0,
      compared: 0,
      overallMedian: null,
      perCategory: [],
    });
    expect(outcomes.reoffending).toEqual({ percent: null, numerator: 0, n: 0 });
    expect(outcomes.firstContact).toEqual({ cases: 0, medianWorkingDays: null });
    expect(outcomes.time.medianHoursPerCase).toBeNull();
    const browser = new WebClient(h.app);
    await browser.signIn(empty.manager.email, empty.manager.password);
    const page = await browser.get('/outcomes');
    expect(page.body).toContain('No data in this period');
  });

  it('is for managers only', async () => {
    const browser = new WebClient(h.app);
    await browser.signIn(team.practitioner.email, team.practitioner.password);
    expect((await browser.get('/outcomes')).statusCode).toBe(403);
  });
});
