// Equality and diversity answers recorded by staff on a case, through the case kernel: saved,
// on the timeline and in the audit trail without the answers themselves, refused for another
// service's case and for an organisation taking part, and a wrong answer named.
import { describe, expect, it } from 'vitest';
import { signedInTo, expectPage } from '../../../test/support/web-client.js';
import { caseFor, serviceFor, teamTestbed } from '../../../test/support/testbed.js';

const { h, owner, team } = teamTestbed();
const other = serviceFor(h);
const opened = caseFor(h, team, { victim: 'Imogen' });

describe('equality answers recorded by staff', () => {
  it('saves them, tells the timeline and the audit trail whose they were, not what they were', async () => {
    const before = (await h.services.cases.get(team.practitioner, opened.caseId)).case.version;
    await h.services.equality.record(team.practitioner, opened.caseId, opened.harmedId, {
      eq_age_band: '25_34',
      eq_ethnicity: 'white_irish',
      eq_religion: 'prefer_not_to_say',
    });
    const form = await h.services.equality.form(team.practitioner, opened.caseId, opened.harmedId);
    expect(form.answers).toMatchObject({
      age_band: '25_34',
      ethnicity: 'white_irish',
      religion: 'prefer_not_to_say',
      sex: null,
    });
    expect(form.recordedVia).toBe('staff');
    const after = await h.services.cases.get(team.practitioner, opened.caseId);
    expect(after.case.version).toBe(before + 1);

    const [event] = await owner<{ kind: string; params: Record<string, unknown> }>(
      `select kind, params from case_events where case_id = $1 and kind = 'equality.recorded'`,
      [opened.caseId],
    );
    expect(event!.params).toEqual({ name: 'Imogen Victim' });
    const audits = await owner<{ action: string; details: unknown }>(
      `select action, details from audit_events where entity_id = $1 and action like 'case.equality%' order by occurred_at`,
      [opened.harmedId],
    );
    expect(audits.map((a) => a.action)).toEqual(['case.equality.recorded', 'case.equality_viewed']);
    expect(JSON.stringify(audits)).not.toMatch(/25_34|white_irish|prefer_not_to_say/);

    // "Not asked" clears an answer a person had given; a question not mentioned keeps its own.
    await h.services.equality.record(team.practitioner, opened.caseId, opened.harmedId, {
      eq_religion: 'not_asked',
    });
    const cleared = await h.services.equality.form(
      team.practitioner,
      opened.caseId,
      opened.harmedId,
    );
    expect(cleared.answers).toMatchObject({ age_band: '25_34', religion: null });
  });

  it('names a wrong answer and saves nothing', async () => {
    await expect(
      (async () =>
        h.services.equality.record(team.practitioner, opened.caseId, opened.harmerId, {
          eq_sex: 'sometimes',
          eq_age_band: '18_24',
        }))(),
    ).rejects.toMatchObject({ kind: 'validation', fieldErrors: [{ field: 'eq_sex' }] });
    const form = await h.services.equality.form(team.practitioner, opened.caseId, opened.harmerId);
    expect(form.answers.age_band).toBeNull();
  });

  it("is not found for another service's staff, and for an organisation taking part", async () => {
    await expect(
      h.services.equality.form(other.practitioner, opened.caseId, opened.harmedId),
    ).rejects.toMatchObject({ kind: 'not_found' });
    await expect(
      h.services.equality.record(other.practitioner, opened.caseId, opened.harmedId, {
        eq_sex: 'female',
      }),
    ).rejects.toMatchObject({ kind: 'not_found' });
    const shop = await h.services.people.add(team.practitioner, opened.caseId, {
      display_name: 'Corner Shop Ltd',
      is_organisation: 'yes',
      role: 'harmed',
    });
    await expect(
      h.services.equality.form(team.practitioner, opened.caseId, shop),
    ).rejects.toMatchObject({ kind: 'not_found' });
    const browser = await signedInTo(h.app, team.practitioner);
    const page = await browser.get(`/cases/${opened.caseId}/people/${shop}/equality`);
    expect(page.statusCode).toBe(404);
  });

  it('shows the form on the case and saves what it is sent', async () => {
    const browser = await signedInTo(h.app, team.practitioner);
    const path = `/cases/${opened.caseId}/people/${opened.harmerId}/equality`;
    const page = await browser.get(path);
    expectPage(page, 200, ['Owain Offender']);
    const wrong = await browser.post(path, { eq_disability: 'perhaps' });
    expect(wrong.statusCode).toBe(400);
    const saved = await browser.post(path, { eq_disability: 'no' });
    expect(saved.statusCode).toBe(302);
    expect(saved.headers.location).toBe(`${path}?saved=1`);
    const form = await h.services.equality.form(team.practitioner, opened.caseId, opened.harmerId);
    expect(form.answers.disability).toBe('no');
  });
});
