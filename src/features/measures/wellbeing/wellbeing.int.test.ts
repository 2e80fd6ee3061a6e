// Wellbeing on a case, through the web pages: the service's categories copied on first use and
// edited by a manager (versioned labels, an added and a retired category), entry and exit
// measures with their errors, the distance travelled computed by hand below, goals checked at
// the exit review, follow-ups, and who may see and record what.
import { beforeAll, describe, expect, it } from 'vitest';
import { makeService, openCase } from '../../../../test/support/cases.js';
import type { WebClient } from '../../../../test/support/web-client.js';
import { testbed, serviceFor, caseFor } from '../../../../test/support/testbed.js';

const { h, signedIn, owner } = testbed();
const team = serviceFor(h);
const opened = caseFor(h, team);
let practitioner: WebClient;
let manager: WebClient;

const KEYS = {
  health: 'mental-and-physical-health',
  shelter: 'shelter-and-accommodation',
  family: 'family-friends-and-children',
  education: 'education-skills-and-employment',
  drugs: 'drugs-and-alcohol',
  finance: 'finance-and-benefits',
  outlook: 'outlook-and-attitudes',
  social: 'social-interaction',
};

/** A measure form as a browser posts it: the date's three boxes and a radio per category. */
function measure(date: string, scores: Record<string, number>, extra: Record<string, string> = {}) {
  const [year, month, day] = date.split('-');
  return {
    'taken_on-day': day!,
    'taken_on-month': month!,
    'taken_on-year': year!,
    ...Object.fromEntries(
      Object.entries(scores).map(([key, score]) => [`scores.${key}`, String(score)]),
    ),
    ...extra,
  };
}

/** The rows of a table marked data-qa, each as its cells' text. */
function tableRows(html: string, qa: string, index = 0): string[][] {
  const tables = [
    ...html.matchAll(new RegExp(`<table[^>]*data-qa="${qa}"[^>]*>([\\s\\S]*?)</table>`, 'g')),
  ];
  const body = /<tbody[^>]*>([\s\S]*?)<\/tbody>/.exec(tables[index]?.[1] ?? '')?.[1] ?? '';
  return [...body.matchAll(/<tr[^>]*>([\s\S]*?)<\/tr>/g)].map((row) =>
    [...row[1]!.matchAll(/<t[dh][^>]*>([\s\S]*?)<\/t[dh]>/g)].map((cell) =>
      cell[1]!
        .replace(/<[^>]+>/g, ' ')
        .replace(/\s+/g, ' ')
        .trim(),
    ),
  );
}

beforeAll(async () => {
  practitioner = await signedIn(team.practitioner);
  manager = await signedIn(team.manager);
});

describe('categories of need', () => {
  it('shows the shipped set as an editable default until the service first uses it', async () => {
    const page = await manager.get('/settings/wellbeing');
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('data-qa="editable-default"');
    expect(tableRows(page.body, 'wellbeing-categories').map((r) => r[0])).toContain(
      'Mental and physical health Default',
    );
    expect((await manager.get('/settings')).body).toContain('href="/settings/wellbeing"');
    expect((await practitioner.get('/settings/wellbeing')).statusCode).toBe(403);
    const own = await owner<{ n: number }>(
      'select count(*)::int as n from wellbeing_categories where org_id = $1',
      [team.org.id],
    );
    expect(own[0]!.n).toBe(0);
  });
});

describe('measures, goals and the distance travelled', () => {
  const base = () => `/cases/${opened.caseId}/wellbeing/${opened.harmedId}`;

  it('explains every error on the entry form, then saves it and copies the categories', async () => {
    await practitioner.get(`${base()}/entry`);
    const empty = await practitioner.post(`${base()}/entry`, {
      'taken_on-day': '',
      'taken_on-month': '',
      'taken_on-year': '',
    });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Enter the date');
    expect(empty.body).toContain('href="#taken_on-day"');
    expect(empty.body).toContain('Choose a score for Mental and physical health');
    expect(empty.body).toContain('href="#scores-social-interaction"');
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

  it('lets a manager relabel (versioned), add and retire categories', async () => {
    const list = await manager.get('/settings/wellbeing');
    expect(list.body).not.toContain('data-qa="editable-default"');
    const [shelter] = await owner<{ id: string }>(
      'select id from wellbeing_categories where org_id = $1 and key = $2',
      [team.org.id, KEYS.shelter],
    );
    const [drugs] = await owner<{ id: string }>(
      'select id from wellbeing_categories where org_id = $1 and key = $2',
      [team.org.id, KEYS.drugs],
    );
    await manager.get(`/settings/wellbeing/${shelter!.id}`);
    const taken = await manager.post(`/settings/wellbeing/${shelter!.id}`, {
      label: 'Social interaction',
    });
    expect(taken.statusCode).toBe(400);
    expect(taken.body).toContain('Another category in use already has this name');
    expect(
      (await manager.post(`/settings/wellbeing/${shelter!.id}`, { label: 'Housing and safety' }))
        .statusCode,
    ).toBe(303);
    expect(
      (await manager.post('/settings/wellbeing', { label: 'Faith and belief' })).statusCode,
    ).toBe(303);
    expect((await manager.post(`/settings/wellbeing/${drugs!.id}/retire`)).statusCode).toBe(303);

    const history = await owner<{ label: string }>(
      'select label from wellbeing_category_labels where category_id = $1 order by changed_at',
      [shelter!.id],
    );
    expect(history.map((r) => r.label)).toEqual([
      'Shelter and accommodation',
      'Housing and safety',
    ]);
    const page = await manager.get('/settings/wellbeing');
    const rows = tableRows(page.body, 'wellbeing-categories');
    expect(rows.find((r) => r[1] === KEYS.shelter)![0]).toContain(
      'Earlier names: Shelter and accommodation',
    );
    expect(rows.find((r) => r[1] === KEYS.drugs)![2]).toBe('Retired');
    expect(rows.at(-1)!.slice(0, 3)).toEqual(['Faith and belief', 'faith-and-belief', 'In use']);
    const audited = await owner<{ action: string }>(
      `select action from audit_events where org_id = $1 and action like 'wellbeing_category.%' and outcome = 'success' order by id`,
      [team.org.id],
    );
    expect(audited.map((a) => a.action)).toEqual(
      expect.arrayContaining([
        'wellbeing_category.relabelled',
        'wellbeing_category.added',
        'wellbeing_category.retired',
      ]),
    );
  });

  it('checks the cope-and-recover goals at the exit review, offering no retired category', async () => {
    await practitioner.get(`${base()}/goals`);
    const noGoal = await practitioner.post(`${base()}/goals`, {
      category: '',
      goal: '',
      'set_on-day': '3',
      'set_on-month': '2',
      'set_on-year': '2026',
    });
    expect(noGoal.statusCode).toBe(400);
    expect(noGoal.body).toContain('Choose a category of need in use');
    expect(noGoal.body).toContain('Enter the goal');
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
    expect(form.body).toContain('name="scores.faith-and-belief"');
    expect(form.body).toContain('Housing and safety');
    expect(form.body).toContain('Outlook and attitudes: Feel able to go into town alone');

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
    expect(unreviewed.statusCode).toBe(400);
    expect(unreviewed.body).toContain('Choose whether the goal was met, partly met or not met');
    expect(unreviewed.body).toContain(`href="#review-${goalRow!.id}"`);
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
    const events = await owner<{ kind: string }>(
      `select kind from case_events where case_id = $1 and kind like 'wellbeing%' order by id`,
      [opened.caseId],
    );
    expect(events.map((e) => e.kind)).toEqual([
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
    await practitioner.get(`${base()}/follow-up`);
    const early = await practitioner.post(`${base()}/follow-up`, follow('2026-05-01'));
    expect(early.body).toContain('The date must be on or after the exit review (1 June 2026)');
    expect((await practitioner.post(`${base()}/follow-up`, follow('2026-09-01'))).statusCode).toBe(
      303,
    );

    await practitioner.get(`/cases/${opened.caseId}/wellbeing/${opened.harmerId}/entry`);
    const harmerEntry = await practitioner.post(
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

  it('refuses to measure someone who withdrew consent', async () => {
    const other = await openCase(h.services, team.practitioner);
    await owner(`update case_participants set consent_status = 'withdrawn' where id = $1`, [
      other.harmedId,
    ]);
    const tab = await practitioner.get(`/cases/${other.caseId}/wellbeing`);
    expect(tab.body).toContain(
      'Hana Victim has withdrawn consent: no more measures or goals can be recorded for them.',
    );
    expect(tab.body).not.toContain(`/wellbeing/${other.harmedId}/entry`);
    await practitioner.get(`/cases/${other.caseId}/wellbeing/${other.harmerId}/entry`);
    const refused = await practitioner.post(
      `/cases/${other.caseId}/wellbeing/${other.harmedId}/entry`,
      measure('2026-03-01', { [KEYS.health]: 3 }),
    );
    expect(refused.statusCode).toBe(409);
    expect(refused.body).toContain('Hana Victim has withdrawn consent');
    await expect(
      h.services.wellbeing.record(team.practitioner, other.caseId, other.harmedId, 'entry', {}),
    ).rejects.toMatchObject({ kind: 'conflict' });
  });

  it('takes an exit review on a case closed without an intervention', async () => {
    const closing = await openCase(h.services, team.practitioner);
    await h.services.cases.transition(team.practitioner, closing.caseId, {
      action: 'close',
      outcome: 'could_not_contact',
      version: '1',
    });
    const scores = {
      [KEYS.health]: 1,
      [KEYS.shelter]: 2,
      [KEYS.family]: 3,
      [KEYS.education]: 4,
      [KEYS.finance]: 5,
      [KEYS.outlook]: 1,
      [KEYS.social]: 2,
      'faith-and-belief': 3,
    };
    await h.services.wellbeing.record(team.practitioner, closing.caseId, closing.harmedId, 'exit', {
      taken_on: '2026-11-19',
      scores,
    });
    const tab = await practitioner.get(`/cases/${closing.caseId}/wellbeing`);
    expect(tab.body).toContain('data-qa="wellbeing-only-exit"');
  });
});

describe('who may see and record wellbeing', () => {
  it('hides the case from another service and from a volunteer not allocated to it', async () => {
    const other = await makeService(h.services);
    const stranger = await signedIn(other.practitioner);
    expect((await stranger.get(`/cases/${opened.caseId}/wellbeing`)).statusCode).toBe(404);
    await expect(
      h.services.wellbeing.record(
        other.practitioner,
        opened.caseId,
        opened.harmedId,
        'follow_up',
        {},
      ),
    ).rejects.toMatchObject({ kind: 'not_found' });
    const volunteer = await signedIn(team.volunteer);
    expect((await volunteer.get(`/cases/${opened.caseId}/wellbeing`)).statusCode).toBe(404);
    expect(
      (await volunteer.get(`/cases/${opened.caseId}/wellbeing/${opened.harmedId}/follow-up`))
        .statusCode,
    ).toBe(404);
  });

  it('lets an allocated volunteer record, copying the categories if they are first', async () => {
    const fresh = await makeService(h.services);
    const assigned = await openCase(h.services, fresh.practitioner);
    await h.services.cases.allocate(fresh.manager, assigned.caseId, {
      lead: fresh.practitioner.userId,
      others: [fresh.volunteer.userId],
    });
    const volunteer = await signedIn(fresh.volunteer);
    expect((await volunteer.get(`/cases/${assigned.caseId}/wellbeing`)).statusCode).toBe(200);
    await volunteer.get(`/cases/${assigned.caseId}/wellbeing/${assigned.harmedId}/entry`);
    const saved = await volunteer.post(
      `/cases/${assigned.caseId}/wellbeing/${assigned.harmedId}/entry`,
      measure('2026-11-02', Object.fromEntries(Object.values(KEYS).map((key) => [key, 3]))),
    );
    expect(saved.statusCode).toBe(303);
    const [row] = await owner<{ source: string; recorded_by: string }>(
      'select source, recorded_by from wellbeing_measures where participant_id = $1',
      [assigned.harmedId],
    );
    expect(row).toEqual({ source: 'practitioner', recorded_by: fresh.volunteer.userId });
  });
});
