// Interventions refused from an out-of-date page, and seen only by those who may see the case.
import { describe, expect, it } from 'vitest';
import { openCase } from '../../../../test/support/cases.js';
import { interventionTestbed } from '../../../../test/support/interventions.js';
import { versionOn } from '../../../../test/support/testbed.js';
import { expectPage } from '../../../../test/support/web-client.js';

const { h, signedIn, team, sql, plan, viewsOf } = interventionTestbed();

describe('interventions', () => {
  it('refuses a change made from an out-of-date page, naming who changed the case, and keeps what was typed', async () => {
    const opened = await openCase(h.services, team.practitioner);
    const practitioner = await signedIn(team.practitioner);
    const id = await plan(practitioner, opened.caseId, {
      kind: 'conference',
      attendees: [opened.harmedId],
    });
    const url = `/cases/${opened.caseId}/interventions/${id}/edit`;
    const manager = await signedIn(team.manager);
    const mine = await practitioner.get(url);
    const theirs = await manager.get(url);
    expect(versionOn(mine.body)).toBe(versionOn(theirs.body));
    const first = await manager.post(url, {
      venue_kind: 'community',
      venue_detail: 'Town hall',
      attendees: [opened.harmedId],
      version: versionOn(theirs.body),
    });
    expect(first.headers.location).toBe(`/cases/${opened.caseId}/interventions?done=changed`);
    const stale = await practitioner.post(url, {
      venue_kind: 'other',
      venue_detail: 'Library meeting room',
      attendees: [opened.harmedId],
      version: versionOn(mine.body),
    });
    expectPage(stale, 409, ['This case was changed by Morgan Manager', 'Library meeting room']);
    const saved = await sql<{ venue_detail: string }>(
      'select venue_detail from case_interventions where id = $1',
      [id],
    );
    expect(saved[0]!.venue_detail).toBe('Town hall');
  });

  it('is seen only by those who may see the case, every view audited; a suspended or closed case takes no new work', async () => {
    const opened = await openCase(h.services, team.practitioner);
    const volunteer = await signedIn(team.volunteer);
    expect((await volunteer.get(`/cases/${opened.caseId}/interventions`)).statusCode).toBe(404);
    expect((await volunteer.get(`/cases/${opened.caseId}/interventions/new`)).statusCode).toBe(404);
    const browser = await signedIn(team.practitioner);
    expect((await browser.get(`/cases/${opened.caseId}/interventions`)).statusCode).toBe(200);
    expect(await viewsOf(opened.caseId, 'interventions')).toBe(1);

    for (const stage of ['suspended', 'closed']) {
      await sql(`update cases set stage = $2 where id = $1`, [opened.caseId, stage]);
      const form = await browser.get(`/cases/${opened.caseId}/interventions/new`);
      const refused = await browser.post(`/cases/${opened.caseId}/interventions/new`, {
        kind: 'circle',
        version: versionOn(form.body),
      });
      expectPage(refused, 409, [`This case is ${stage}`]);
    }
  });
});
