// The question pages of the measures outside a case tab, on the web: an awareness session and a
// reoffending check. A mistake answers 400 with the form as typed and each problem at its field;
// saving redirects.
import { describe, expect, it } from 'vitest';
import { dateInput, teamTestbed } from '../../../test/support/testbed.js';
import { openCase } from '../../../test/support/cases.js';
import { expectPage } from '../../../test/support/web-client.js';

const { h, signedIn, team } = teamTestbed();

describe('an awareness session', () => {
  it('is shown again as typed after a mistake, then saved and changed', async () => {
    const manager = await signedIn(team.manager);
    expectPage(await manager.get('/awareness/new'), 200, ['Record a session', 'value="20"']);

    const typed = {
      ...dateInput('held_on', '2026-11-02'),
      topic: 'Harm and repair',
      audience_description: 'Neighbourhood officers',
      kind: '',
    };
    const mistaken = await manager.post('/awareness', { ...typed, attendees: 'lots', hours: '2' });
    expectPage(mistaken, 400, [
      'Choose the kind of session',
      'href="#kind"',
      'Enter the number of people, a whole number',
      'value="Harm and repair"',
      'value="2026"',
    ]);

    const saved = await manager.post('/awareness', {
      ...typed,
      kind: 'training',
      attendees: '12',
      hours: '1.5',
    });
    expect(saved.statusCode).toBe(302);
    expect(saved.headers.location).toBe('/awareness?saved');

    const [session] = await h.database.withOwner((owner) =>
      owner.query<{ id: string }>('select id from awareness_sessions where org_id = $1', [
        team.org.id,
      ]),
    );
    const page = `/awareness/${session!.id}`;
    expectPage(await manager.get(page), 200, ['value="Harm and repair"', 'value="12"']);
    expectPage(await manager.post(page, { ...typed, kind: 'training', attendees: '12' }), 400, [
      'Enter the hours, like 1.5',
      'href="#hours"',
    ]);
    const changed = await manager.post(page, {
      ...typed,
      kind: 'event',
      attendees: '30',
      hours: '2',
    });
    expect(changed.headers.location).toBe('/awareness?saved');
    expectPage(await manager.get(page), 200, ['value="30"']);
  });
});

describe('a reoffending check', () => {
  it('is shown again as typed after a mistake, then recorded', async () => {
    const opened = await openCase(h.services, team.practitioner);
    const [check] = await h.database.withOwner((owner) =>
      owner.query<{ id: string }>(
        `insert into reoffending_checks (org_id, case_id, participant_id, due_on)
         values ($1, $2, $3, '2026-11-20') returning id`,
        [team.org.id, opened.caseId, opened.harmerId],
      ),
    );
    const manager = await signedIn(team.manager);
    const page = `/cases/${opened.caseId}/reoffending/${check!.id}`;
    expectPage(await manager.get(page), 200, ['name="checked_on-day" type="text" value="20"']);

    const mistaken = await manager.post(page, {
      ...dateInput('checked_on', '2026-11-19'),
      further_offence: 'no',
    });
    expectPage(mistaken, 400, [
      'Choose where the information came from',
      'href="#source"',
      'value="19"',
    ]);

    const recorded = await manager.post(page, {
      ...dateInput('checked_on', '2026-11-19'),
      further_offence: 'no',
      source: 'police',
    });
    expect(recorded.statusCode).toBe(302);
    expect(recorded.headers.location).toBe(`/cases/${opened.caseId}?done=reoffending`);
    expect((await manager.get(`/cases/${opened.caseId}/reoffending/unknown`)).statusCode).toBe(404);
  });
});
