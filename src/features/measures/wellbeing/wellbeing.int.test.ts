// Wellbeing measures on a case, through the web pages: entry and exit measures with their
// errors, the categories copied on first use, goals checked at the exit review, the distance
// travelled computed by hand below, and follow-ups. The categories' own settings are in
// categories.int.test.ts; who may measure whom in access.int.test.ts.
import { describe, expect, it } from 'vitest';
import { browserFor, caseFor, teamTestbed } from '../../../../test/support/testbed.js';
import { expectPage, tableRows } from '../../../../test/support/web-client.js';
import { KEYS, measure } from '../../../../test/support/wellbeing.js';

const { h, owner, timelineKinds, team } = teamTestbed();
const opened = caseFor(h, team);
const practitioner = browserFor(h, () => team.practitioner);
const manager = browserFor(h, () => team.manager);

describe('measures, goals and the distance travelled', () => {
  const base = () => `/cases/${opened.caseId}/wellbeing/${opened.harmedId}`;

  it('explains every error on the entry form, then saves it and copies the categories', async () => {
    const empty = await practitioner.submitForm(`${base()}/entry`, {
      'taken_on-day': '',
      'taken_on-month': '',
      'taken_on-year': '',
    });
    expectPage(empty, 400, [
      'Enter the date',
      'href="#taken_on-day"',
      'Choose a score for Mental and physical health',
      'href="#scores-social-interaction"',
    ]);
    const future = await practitioner.post(
      `${base()}/entry`,
      measure('2026-11-21', { [KEYS.health]: 2 }),
    );
    expect(future.body).toContain('The date must be today or in the past');
    expect(future.body).toContain('Choose a score for Social interaction');
    expect(future.body).toMatch(/value="2" checked/);

    const saved = await practitioner.post(
      `${base()}/entry`,
      measure('2026-02-02', {
        [KEYS.health]: 2,
        [KEYS.shelter]: 1,
        [KEYS.family]: 3,
        [KEYS.education]: 4,
        [KEYS.drugs]: 2,
        [KEYS.finance]: 1,
        [KEYS.outlook]: 2,
        [KEYS.social]: 3,
      }),
    );
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe(`/cases/${opened.caseId}/wellbeing?done=entry`);

    const copies = await owner<{ key: string; shipped: boolean }>(
      'select key, shipped from wellbeing_categories where org_id = $1 order by sort_order',
      [team.org.id],
    );
    expect(copies.map((c) => c.key)).toEqual(Object.values(KEYS));
    expect(copies.every((c) => c.shipped)).toBe(true);
    const labels = await owner<{ n: number }>(
      'select count(*)::int as n from wellbeing_category_labels where org_id = $1',
      [team.org.id],
    );
    expect(labels[0]!.n).toBe(8);
    const again = await practitioner.post(
      `${base()}/entry`,
      measure('2026-03-01', { [KEYS.health]: 2 }),
    );
    expect(again.body).toContain('There is already an entry measure (taken on 2 February 2026)');
  });

  it('takes the categories as a manager relabels, adds and retires them (see categories.int.test.ts)', async () => {
    const idOf = async (key: string) =>
      (
        await owner<{ id: string }>(
          'select id from wellbeing_categories where org_id = $1 and key = $2',
          [team.org.id, key],
        )
      )[0]!.id;
    const shelter = await idOf(KEYS.shelter);
    await manager.get('/settings/wellbeing');
    const changes = [
      await manager.post(`/settings/wellbeing/${shelter}`, { label: 'Housing and safety' }),
      await manager.post('/settings/wellbeing', { label: 'Faith and belief' }),
      await manager.post(`/settings/wellbeing/${await idOf(KEYS.drugs)}/retire`),
    ];
    expect(changes.map((c) => c.statusCode)).toEqual([303, 303, 303]);
  });

  it('checks the cope-and-recover goals at the exit review, offering no retired category', async () => {
    const noGoal = await practitioner.submitForm(`${base()}/goals`, {
      category: '',
      goal: '',
      'set_on-day': '3',
      'set_on-month': '2',
      'set_on-year': '2026',
    });
    expectPage(noGoal, 400, ['Choose a category of need in use', 'Enter the goal']);
    const goal = await practitioner.post(`${base()}/goals`, {
      category: KEYS.outlook,
      goal: 'Feel able to go into town alone',
      'set_on-day': '3',
      'set_on-month': '2',
      'set_on-year': '2026',
    });
    expect(goal.headers.location).toBe(`/cases/${opened.caseId}/wellbeing?done=goal`);
    const [goalRow] = await owner<{ id: string }>(
      'select id from coping_goals where participant_id = $1',
      [opened.harmedId],
    );

    const form = await practitioner.get(`${base()}/exit`);
    expect(form.body).not.toContain(`name="scores.${KEYS.drugs}"`);
    expectPage(form, [
      'name="scores.faith-and-belief"',
      'Housing and safety',
      'Outlook and attitudes: Feel able to go into town alone',
    ]);

    const exitScores = {
      [KEYS.health]: 4,
      [KEYS.shelter]: 3,
      [KEYS.family]: 3,
      [KEYS.education]: 3,
      [KEYS.finance]: 2,
      [KEYS.outlook]: 4,
      [KEYS.social]: 5,
      'faith-and-belief': 4,
    };
    const unreviewed = await practitioner.post(`${base()}/exit`, measure('2026-06-01', exitScores));
    expectPage(unreviewed, 400, [
      'Choose whether the goal was met, partly met or not met',
      `href="#review-${goalRow!.id}"`,
    ]);
    const retired = await practitioner.post(
      `${base()}/exit`,
      measure(
        '2026-06-01',
        { ...exitScores, [KEYS.drugs]: 3 },
        { [`review.${goalRow!.id}`]: 'partly_met' },
      ),
    );
    expect(retired.body).toContain('Drugs and alcohol is retired: it can no longer be scored');
    const saved = await practitioner.post(
      `${base()}/exit`,
      measure('2026-06-01', exitScores, {
        [`review.${goalRow!.id}`]: 'partly_met',
        [`review_note.${goalRow!.id}`]: 'Goes out with a friend',
      }),
    );
    expect(saved.statusCode).toBe(303);
    const [reviewed] = await owner<{ review_outcome: string; reviewed_on: string }>(
      'select review_outcome, reviewed_on from coping_goals where id = $1',
      [goalRow!.id],
    );
    expect(reviewed).toEqual({ review_outcome: 'partly_met', reviewed_on: '2026-06-01' });
  });

  it('shows the distance travelled per category and overall, as computed by hand', async () => {
    const tab = await practitioner.get(`/cases/${opened.caseId}/wellbeing`);
    expect(tab.statusCode).toBe(200);
    // Entry → exit: health 2→4 (+2), housing 1→3 (+2), family 3→3 (0), education 4→3 (−1),
    // drugs 2→retired (none), finance 1→2 (+1), outlook 2→4 (+2), social 3→5 (+2), faith
    // added later (none). Overall: (2 + 2 + 0 − 1 + 1 + 2 + 2) / 7 = 8 / 7 = 1.14.
    expect(tableRows(tab.body, `chart-table-distance-${opened.harmedId}`)).toEqual([
      ['Mental and physical health', '+2'],
      ['Housing and safety', '+2'],
      ['Family, friends and children', '0'],
      ['Education, skills and employment', '\u22121'],
      ['Drugs and alcohol', '–'],
      ['Finance and benefits', '+1'],
      ['Outlook and attitudes', '+2'],
      ['Social interaction', '+2'],
      ['Faith and belief', '–'],
      ['Overall (mean of 7 categories)', '+1.14'],
    ]);
    expect(tab.body).toContain(
      'Overall change: +1.14, the mean over 7 categories scored at both entry and exit.',
    );
    expect(tab.body).toContain(
      'No change is shown for Faith and belief: it was not scored at entry (added later).',
    );
    expect(tab.body).toContain(
      'No change is shown for Drugs and alcohol: it was not scored at the exit review (retired).',
    );
    const scores = tableRows(tab.body, 'wellbeing-scores');
    expect(scores.find((r) => r[0]!.startsWith('Housing and safety'))).toEqual([
      'Housing and safety Called “Shelter and accommodation” at the entry measure',
      '1',
      '3',
    ]);
    expect(scores.find((r) => r[0]!.startsWith('Drugs and alcohol'))).toEqual([
      'Drugs and alcohol Retired',
      '2',
      '–',
    ]);
    expect(scores.find((r) => r[0] === 'Faith and belief')).toEqual(['Faith and belief', '–', '4']);
    expect(tableRows(tab.body, 'wellbeing-goals')[0]).toEqual([
      'Outlook and attitudes',
      'Feel able to go into town alone',
      '3 February 2026',
      'Partly met (1 June 2026) Goes out with a friend',
    ]);
    expect(tab.body).toContain('<script src="/assets/chart.umd.min.js"></script>');
    // The person who harmed has nothing yet.
    expect(tab.body).toContain('No wellbeing measures have been recorded for Owain Offender yet.');

    const viewed = await owner<{ n: number }>(
      `select count(*)::int as n from audit_events where action = 'case.viewed' and entity_id = $1 and details->>'part' = 'wellbeing'`,
      [opened.caseId],
    );
    expect(viewed[0]!.n).toBeGreaterThan(0);
    expect(await timelineKinds(opened.caseId, 'wellbeing%')).toEqual([
      'wellbeing_entry_recorded',
      'wellbeing_goal_set',
      'wellbeing_exit_recorded',
      'wellbeing_goals_reviewed',
    ]);
    const timeline = await practitioner.get(`/cases/${opened.caseId}/timeline`);
    expect(timeline.body).toContain('Wellbeing exit review recorded for Hana Victim');
  });

  it('takes follow-ups after the exit review, and an entry alone shows no distance yet', async () => {
    const follow = (date: string) =>
      measure(date, {
        [KEYS.health]: 5,
        [KEYS.shelter]: 4,
        [KEYS.family]: 3,
        [KEYS.education]: 3,
        [KEYS.finance]: 3,
        [KEYS.outlook]: 4,
        [KEYS.social]: 4,
        'faith-and-belief': 5,
      });
    const early = await practitioner.submitForm(`${base()}/follow-up`, follow('2026-05-01'));
    expect(early.body).toContain('The date must be on or after the exit review (1 June 2026)');
    expect((await practitioner.post(`${base()}/follow-up`, follow('2026-09-01'))).statusCode).toBe(
      303,
    );

    const harmerEntry = await practitioner.submitForm(
      `/cases/${opened.caseId}/wellbeing/${opened.harmerId}/entry`,
      measure('2026-03-01', {
        [KEYS.health]: 3,
        [KEYS.shelter]: 3,
        [KEYS.family]: 3,
        [KEYS.education]: 3,
        [KEYS.finance]: 3,
        [KEYS.outlook]: 3,
        [KEYS.social]: 3,
        'faith-and-belief': 3,
      }),
    );
    expect(harmerEntry.statusCode).toBe(303);
    const tab = await practitioner.get(`/cases/${opened.caseId}/wellbeing`);
    expect(tab.body).toContain('data-qa="wellbeing-only-entry"');
    expect(tableRows(tab.body, 'wellbeing-scores')[0]).toEqual([
      'Mental and physical health',
      '2',
      '4',
      '5',
    ]);
  });
});
