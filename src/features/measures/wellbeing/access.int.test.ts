// Who may measure whom: not someone who withdrew consent, yes on a case closed without an
// intervention, and never on a case of another service or one a volunteer is not allocated to.
import { beforeAll, describe, expect, it } from 'vitest';
import { makeService, openCase, allocateVolunteer } from '../../../../test/support/cases.js';
import { caseFor, serviceFor, testbed } from '../../../../test/support/testbed.js';
import { type WebClient, expectPage } from '../../../../test/support/web-client.js';
import { KEYS, measure } from '../../../../test/support/wellbeing.js';

const { h, signedIn, owner } = testbed();
const team = serviceFor(h);
const opened = caseFor(h, team);
let practitioner: WebClient;

beforeAll(async () => {
  practitioner = await signedIn(team.practitioner);
});

describe('measuring on a case as it stands', () => {
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
    expectPage(refused, 409, ['Hana Victim has withdrawn consent']);
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
      [KEYS.drugs]: 3,
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
    await allocateVolunteer(h.services, fresh, assigned.caseId);
    const volunteer = await signedIn(fresh.volunteer);
    expect((await volunteer.get(`/cases/${assigned.caseId}/wellbeing`)).statusCode).toBe(200);
    const saved = await volunteer.submitForm(
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
