// Satisfaction questionnaires entered by staff, the service's own versions of them, testimonials
// (usable only when approved, within the consent given), the figures the outcomes page reads,
// and who may see a case's feedback at all. The JSON API's door is tested in features/api.
import { describe, expect, it } from 'vitest';
import { makeService, openCase } from '../../../../test/support/cases.js';
import {
  testbed,
  serviceFor,
  caseFor,
  dateInput as date,
} from '../../../../test/support/testbed.js';
import { expectPage } from '../../../../test/support/web-client.js';

const { h, signedIn, owner, events, viewsOf } = testbed();
const team = serviceFor(h);
const opened = caseFor(h, team);

const audits = (action: string, entityId: string) =>
  owner<{ details: Record<string, unknown> }>(
    `select details from audit_events where action = $1 and entity_id = $2`,
    [action, entityId],
  );

describe('staff entry from a paper form or a call', () => {
  it('shows the questions, refuses mistakes at the field, and records the answers with a timeline line and audit event', async () => {
    const browser = await signedIn(team.practitioner);
    const tab = await browser.get(`/cases/${opened.caseId}/feedback`);
    expectPage(tab, 200, [
      'Satisfaction questionnaires',
      `data-qa="no-responses-${opened.harmedId}"`,
    ]);
    expect(await viewsOf(opened.caseId, 'feedback')).toBeGreaterThan(0);

    const form = await browser.get(
      `/cases/${opened.caseId}/feedback/people/${opened.harmedId}/responses/new`,
    );
    expectPage(form, [
      'I was well prepared for what happened',
      'Strongly agree',
      'Would you recommend restorative justice to other people?',
    ]);

    const url = `/cases/${opened.caseId}/feedback/people/${opened.harmedId}/responses`;
    const empty = await browser.post(url, { ...date('responded_on', '2026-11-21') });
    expectPage(empty, 400, [
      'Choose how the answers were given',
      'The date must be today or in the past',
      'Answer at least one question',
      'href="#channel"',
      'href="#responded_on-day"',
    ]);

    const saved = await browser.post(url, {
      channel: 'call',
      ...date('responded_on', '2026-11-18'),
      q_prepared: '5',
      q_safe: '4',
      q_contacted_after: 'yes',
      q_recommend: 'yes',
      q_comments: 'They listened.',
    });
    expect(saved.statusCode).toBe(303);
    const [row] = await owner<{
      id: string;
      answers: Record<string, unknown>;
      channel: string;
      responded_on: string;
      version: number;
    }>(
      `select r.id, r.answers, r.channel, r.responded_on::text, q.version from questionnaire_responses r join questionnaires q on q.id = r.questionnaire_id where r.participant_id = $1`,
      [opened.harmedId],
    );
    expect(row).toMatchObject({ channel: 'call', responded_on: '2026-11-18', version: 1 });
    expect(row!.answers).toEqual({
      prepared: 5,
      safe: 4,
      contacted_after: 'yes',
      recommend: 'yes',
      comments: 'They listened.',
    });
    expect(await events(opened.caseId, 'feedback.recorded.call')).toBe(1);
    const [audit] = await audits('case.feedback.recorded.call', row!.id);
    expect(JSON.stringify(audit!.details)).not.toContain('listened');

    const after = await browser.get(`/cases/${opened.caseId}/feedback?done=recorded`);
    expect(after.body).toContain('Answers saved.');
    expect(after.body).toContain('Telephone call');
    const detail = await browser.get(`/cases/${opened.caseId}/feedback/responses/${row!.id}`);
    expectPage(detail, ['They listened.', 'Strongly agree', 'Not answered']);
  });

  it('hides a case from another service and from a volunteer not allocated to it (404)', async () => {
    const other = await makeService(h.services);
    for (const user of [other.practitioner, team.volunteer]) {
      const browser = await signedIn(user);
      expect((await browser.get(`/cases/${opened.caseId}/feedback`)).statusCode).toBe(404);
      expect(
        (
          await browser.get(
            `/cases/${opened.caseId}/feedback/people/${opened.harmedId}/responses/new`,
          )
        ).statusCode,
      ).toBe(404);
      await browser.get('/');
      const post = await browser.post(
        `/cases/${opened.caseId}/feedback/people/${opened.harmedId}/responses`,
        { channel: 'paper', ...date('responded_on', '2026-11-18'), q_prepared: '1' },
      );
      expect(post.statusCode).toBe(404);
      await expect(h.services.feedback.tab(user, opened.caseId)).rejects.toMatchObject({
        kind: 'not_found',
      });
    }
  });
});

describe('the service edits its questionnaire', () => {
  it('saves a new version on every change, and old responses keep the version they answered', async () => {
    const service = await makeService(h.services);
    const own = await openCase(h.services, service.practitioner);
    const manager = await signedIn(service.manager);
    const page = await manager.get('/feedback/questionnaires/harmer');
    expectPage(page, 200, ['I understand better how what I did affected other people']);

    await h.services.feedback.recordFromForm(service.practitioner, own.caseId, own.harmerId, {
      channel: 'paper',
      responded_on: '2026-11-10',
      q_prepared: '4',
    });

    const v1 = await h.services.feedback.questionnaireForEdit(service.manager, 'harmer');
    expect(v1.version).toBe(1);
    const ids = v1.items.map((i) => i.id);
    const saved = await manager.post('/feedback/questionnaires/harmer', {
      base_version: '1',
      item_id: ids,
      item_text: ids.map((id) => (id === 'prepared' ? 'I knew what to expect' : '')),
      asked: ids.filter((id) => id !== 'less_likely_to_offend'),
      new_text: 'Did you feel respected?',
      new_type: 'yesNo',
    });
    expect(saved.statusCode).toBe(303);
    expect(saved.headers.location).toBe('/feedback/questionnaires?saved=2');
    const v2 = await h.services.feedback.questionnaireForEdit(service.manager, 'harmer');
    expect(v2.version).toBe(2);
    expect(v2.items.find((i) => i.id === 'prepared')).toEqual({
      id: 'prepared',
      type: 'likert',
      text: 'I knew what to expect',
    });
    expect(v2.items.find((i) => i.id === 'less_likely_to_offend')?.retired).toBe(true);
    expect(v2.items.at(-1)).toEqual({
      id: 'did_you_feel_respected',
      type: 'yesNo',
      text: 'Did you feel respected?',
    });

    // Saving the same again makes no version; saving from a stale page is refused.
    const same = await manager.post('/feedback/questionnaires/harmer', {
      base_version: '2',
      item_id: v2.items.map((i) => i.id),
      item_text: v2.items.map(() => ''),
      asked: v2.items.filter((i) => !i.retired).map((i) => i.id),
    });
    expect(same.headers.location).toBe('/feedback/questionnaires?saved=unchanged');
    const stale = await manager.post('/feedback/questionnaires/harmer', {
      base_version: '1',
      item_id: ids,
      item_text: ids.map(() => ''),
      asked: [],
    });
    expectPage(stale, 409, ['Someone saved this questionnaire']);
    const none = await manager.post('/feedback/questionnaires/harmer', {
      base_version: '2',
      item_id: v2.items.map((i) => i.id),
      item_text: v2.items.map(() => ''),
    });
    expectPage(none, 400, ['Ask at least one question']);

    // The new version is asked from now on; the retired question is refused, the old response unchanged.
    const form = await (
      await signedIn(service.practitioner)
    ).get(`/cases/${own.caseId}/feedback/people/${own.harmerId}/responses/new`);
    expect(form.body).toContain('I knew what to expect');
    expect(form.body).toContain('Did you feel respected?');
    expect(form.body).not.toContain('less likely to offend');
    await h.services.feedback.recordFromForm(service.practitioner, own.caseId, own.harmerId, {
      channel: 'paper',
      responded_on: '2026-11-19',
      q_did_you_feel_respected: 'yes',
    });
    const rows = await owner<{ version: number; org: boolean }>(
      `select q.version, q.org_id is not null as org from questionnaire_responses r join questionnaires q on q.id = r.questionnaire_id where r.participant_id = $1 order by r.responded_on`,
      [own.harmerId],
    );
    expect(rows).toEqual([
      { version: 1, org: false },
      { version: 2, org: true },
    ]);
    const saves = await owner<{ n: number }>(
      `select count(*)::int as n from audit_events where action = 'questionnaire.saved' and org_id = $1`,
      [service.org.id],
    );
    expect(saves[0]!.n).toBe(1);

    // Practitioners cannot edit questionnaires; other services keep the default.
    expect(
      (await (await signedIn(service.practitioner)).get('/feedback/questionnaires')).statusCode,
    ).toBe(403);
    expect((await h.services.feedback.questionnaireForEdit(team.manager, 'harmer')).version).toBe(
      1,
    );
  });
});
