// The service's categories of need: the shipped set shown as an editable default until first
// used, then relabelled (versioned), added to and retired by a manager, each change audited.
import { beforeAll, describe, expect, it } from 'vitest';
import { browserFor, caseFor, teamTestbed } from '../../../../test/support/testbed.js';
import { tableRows, expectPage } from '../../../../test/support/web-client.js';
import { KEYS, measure } from '../../../../test/support/wellbeing.js';

const { h, owner, team } = teamTestbed();
const opened = caseFor(h, team);
const practitioner = browserFor(h, () => team.practitioner);
const manager = browserFor(h, () => team.manager);

describe('categories of need', () => {
  it('shows the shipped set as an editable default until the service first uses it', async () => {
    const page = await manager.get('/settings/wellbeing');
    expectPage(page, 200, ['data-qa="editable-default"']);
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

describe('a manager changing the categories', () => {
  beforeAll(async () => {
    const saved = await practitioner.post(
      `/cases/${opened.caseId}/wellbeing/${opened.harmedId}/entry`,
      measure('2026-02-02', Object.fromEntries(Object.values(KEYS).map((key) => [key, 3]))),
    );
    expect(saved.statusCode).toBe(303);
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
    const taken = await manager.submitForm(`/settings/wellbeing/${shelter!.id}`, {
      label: 'Social interaction',
    });
    expectPage(taken, 400, ['Another category in use already has this name']);
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
});
