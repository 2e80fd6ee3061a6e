// Practitioner time: recording with clear errors, totals per case and per practitioner
// (computed by hand below), who may record for whom, and optimistic locking.
import { describe, expect, it } from 'vitest';
import { caseVersion, makeService, openCase } from '../../../../test/support/cases.js';
import { testbed } from '../../../../test/support/testbed.js';
import { expectPage, tableRows } from '../../../../test/support/web-client.js';

const { h, signedIn, viewsOf } = testbed();

const entry = (
  date: string,
  kind: string,
  hours: string,
  minutes: string,
  miles = '',
  extra: Record<string, string> = {},
) => {
  const [year, month, day] = date.split('-');
  return {
    'worked_on-day': day!,
    'worked_on-month': month!,
    'worked_on-year': year!,
    kind,
    hours,
    minutes,
    miles,
    ...extra,
  };
};

describe('time on a case', () => {
  it('records time with clear errors that keep what was typed, and totals the case by kind', async () => {
    const team = await makeService(h.services);
    const opened = await openCase(h.services, team.practitioner);
    const browser = await signedIn(team.practitioner);
    const base = `/cases/${opened.caseId}/time`;
    await browser.get(`${base}/new`);

    const wrong = await browser.post(
      base,
      entry('2026-02-31', 'travel', '1.5', '', '12.25', { notes: 'Prison visit' }),
    );
    expectPage(wrong, 400, [
      'must be a real date',
      'Enter hours as a whole number and put the rest in minutes',
      'Enter miles as a number with up to one decimal place',
      'href="#worked_on-day"',
      'value="12.25"',
      'Prison visit',
    ]);
    const future = await browser.post(base, entry('2026-11-21', 'travel', '1', '0'));
    expect(future.body).toContain('must be today or in the past');
    const empty = await browser.post(base, entry('2026-11-19', '', '', ''));
    expect(empty.body).toContain('Choose what the time was spent on');
    expect(empty.body).toContain('Enter how long the work took');
    const tooMany = await browser.post(base, entry('2026-11-19', 'admin', '1', '75'));
    expect(tooMany.body).toContain('Minutes must be 59 or fewer');

    // Preparation 90 min; travel 45 + 30 = 75 min and 12.5 + 0.1 = 12.6 miles; meeting 120 min
    // and 3.2 miles. In all 285 min = 4.75 hours = 4 hours 45 minutes, and 15.8 miles.
    for (const body of [
      entry('2026-11-18', 'preparation', '1', '30'),
      entry('2026-11-19', 'travel', '', '45', '12.5'),
      entry('2026-11-19', 'meeting', '2', '0', '3.2'),
      entry('2026-11-20', 'travel', '0', '30', '0.1'),
    ]) {
      const saved = await browser.post(base, body);
      expect(saved.statusCode).toBe(303);
      expect(saved.headers.location).toBe(`${base}?done=recorded`);
    }
    const tab = await browser.get(base);
    expectPage(tab, 200, ['4 hours 45 minutes and 15.8 miles in all.']);
    expect(tableRows(tab.body, 'time-totals')).toEqual([
      ['Preparation', '1.50', '0.0'],
      ['Travel', '1.25', '12.6'],
      ['Meetings and visits', '2.00', '3.2'],
      ['Admin', '0.00', '0.0'],
      ['Supervision', '0.00', '0.0'],
      ['Total', '4.75', '15.8'],
    ]);
    expect(tableRows(tab.body, 'time-entries')[0]!.slice(0, 5)).toEqual([
      '20 November 2026',
      'Pat Practitioner',
      'Travel',
      '30 minutes',
      '0.1',
    ]);
    expect(tab.body).not.toContain('data-qa="time-report-link"');

    expect(await viewsOf(opened.caseId, 'time')).toBeGreaterThanOrEqual(1);
    const timeline = await browser.get(`/cases/${opened.caseId}/timeline`);
    expect(timeline.body).toContain(
      'Travel time recorded for Pat Practitioner: 45 minutes, 12.5 miles',
    );
  });

  it('lets a manager record for others and total each practitioner over a period; nobody else may', async () => {
    const team = await makeService(h.services);
    const other = await makeService(h.services);
    const first = await openCase(h.services, team.practitioner);
    const second = await openCase(h.services, team.practitioner);
    const elsewhere = await openCase(h.services, other.practitioner);
    const record = (actor: typeof team.manager, caseId: string, body: Record<string, string>) =>
      h.services.caseTime.record(actor, caseId, body);

    const manager = await signedIn(team.manager);
    await manager.get(`/cases/${first.caseId}/time/new`);
    expect(manager.lastResponse!.body).toContain('Whose time is this?');
    const forPat = await manager.post(
      `/cases/${first.caseId}/time`,
      entry('2026-11-02', 'supervision', '2', '0', '', { user: team.practitioner.userId }),
    );
    expect(forPat.statusCode).toBe(303);
    await record(team.practitioner, second.caseId, entry('2026-11-10', 'preparation', '1', '15'));
    await record(team.practitioner, first.caseId, entry('2026-11-20', 'travel', '', '50', '8.4'));
    await record(team.manager, second.caseId, entry('2026-11-15', 'admin', '', '20', '1.5'));
    // Outside the period, and in another service: neither counts.
    await record(team.practitioner, first.caseId, entry('2026-10-31', 'meeting', '3', '0', '20'));
    await record(other.practitioner, elsewhere.caseId, entry('2026-11-05', 'meeting', '4', '0'));

    const report = await manager.get(
      '/time?from-day=1&from-month=11&from-year=2026&to-day=20&to-month=11&to-year=2026',
    );
    expect(report.statusCode).toBe(200);
    // Columns: name, cases, preparation, travel, meetings, admin, supervision, hours, miles.
    // Morgan: 20 min admin = 0.33 h, 1.5 miles. Pat: 75 min preparation = 1.25 h, 50 min
    // travel = 0.83 h, 120 min supervision = 2.00 h; 245 min = 4.08 h; 8.4 miles.
    // Total: 265 min = 4.42 h; 9.9 miles.
    expect(tableRows(report.body, 'time-report')).toEqual([
      [
        'Morgan Manager Service manager',
        '1',
        '0.00',
        '0.00',
        '0.00',
        '0.33',
        '0.00',
        '0.33',
        '1.5',
      ],
      ['Pat Practitioner Practitioner', '2', '1.25', '0.83', '0.00', '0.00', '2.00', '4.08', '8.4'],
      ['Total', '', '1.25', '0.83', '0.00', '0.33', '2.00', '4.42', '9.9'],
    ]);
    const backwards = await manager.get(
      '/time?from-day=20&from-month=11&from-year=2026&to-day=1&to-month=11&to-year=2026',
    );
    expectPage(backwards, 400, ['The end date must be the same as or after the start date']);
    const tab = await manager.get(`/cases/${first.caseId}/time`);
    expect(tab.body).toContain('data-qa="time-report-link"');

    const practitioner = await signedIn(team.practitioner);
    expect((await practitioner.get('/time')).statusCode).toBe(403);
    await practitioner.get(`/cases/${first.caseId}/time/new`);
    expect(practitioner.lastResponse!.body).not.toContain('Whose time is this?');
    const forSomeoneElse = await practitioner.post(
      `/cases/${first.caseId}/time`,
      entry('2026-11-19', 'admin', '1', '0', '', { user: team.manager.userId }),
    );
    expect(forSomeoneElse.statusCode).toBe(403);
    const outsider = await signedIn(other.practitioner);
    expect((await outsider.get(`/cases/${first.caseId}/time`)).statusCode).toBe(404);
  });

  it('refuses a change made from an out-of-date page, keeping what was typed; a closed case takes no new time', async () => {
    const team = await makeService(h.services);
    const opened = await openCase(h.services, team.practitioner);
    const entryId = await h.services.caseTime.record(
      team.practitioner,
      opened.caseId,
      entry('2026-11-19', 'admin', '1', '0'),
    );
    const browser = await signedIn(team.practitioner);
    const page = await browser.get(`/cases/${opened.caseId}/time/${entryId}`);
    const version = /name="version" value="(\d+)"/.exec(page.body)![1]!;
    await h.services.cases.addNote(team.manager, opened.caseId, { body: 'Meanwhile' });
    const stale = await browser.post(`/cases/${opened.caseId}/time/${entryId}`, {
      ...entry('2026-11-19', 'admin', '1', '40', '', { notes: 'Typed while someone else saved' }),
      version,
    });
    expectPage(stale, 409, [
      'This case was changed by Morgan Manager',
      'Typed while someone else saved',
    ]);
    const fresh = /name="version" value="(\d+)"/.exec(stale.body)![1]!;
    const changed = await browser.post(`/cases/${opened.caseId}/time/${entryId}`, {
      ...entry('2026-11-19', 'admin', '1', '40'),
      version: fresh,
    });
    expect(changed.statusCode).toBe(303);
    expect((await browser.get(`/cases/${opened.caseId}/time`)).body).toContain('1 hour 40 minutes');

    await h.services.cases.transition(team.practitioner, opened.caseId, {
      action: 'close',
      outcome: 'could_not_contact',
      version: await caseVersion(h.services, team.practitioner, opened.caseId),
    });
    const closed = await browser.post(
      `/cases/${opened.caseId}/time`,
      entry('2026-11-20', 'admin', '0', '30'),
    );
    expectPage(closed, 409, ['This case is closed']);
  });
});
