// Satisfaction questionnaires entered by staff, the service's own versions of them, testimonials
// (usable only when approved, within the consent given), the JSON API, the figures the outcomes
// page reads, and who may see a case's feedback at all.
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { agreementRate, recommendationRate } from '../../../domain/measures.js';
import { makeService, openCase } from '../../../../test/support/cases.js';
import { createHarness, issueToken, type Harness } from '../../../../test/support/harness.js';
import { WebClient } from '../../../../test/support/web-client.js';

let h: Harness;
let team: Awaited<ReturnType<typeof makeService>>;
let opened: Awaited<ReturnType<typeof openCase>>;

beforeAll(async () => {
  h = await createHarness();
  h.clock.set('2026-11-20T10:00:00Z');
  team = await makeService(h.services);
  opened = await openCase(h.services, team.practitioner);
});
afterAll(() => h.close());

async function signedIn(user: { email: string; password: string }) {
  const browser = new WebClient(h.app);
  await browser.signIn(user.email, user.password);
  return browser;
}

const owner = <R>(sql: string, params: unknown[] = []) =>
  h.database.withOwner((o) => o.query<R>(sql, params));
const events = (caseId: string, kind: string) =>
  owner<{ n: number }>(
    `select count(*)::int as n from case_events where case_id = $1 and kind = $2`,
    [caseId, kind],
  ).then((r) => r[0]!.n);
const audits = (action: string, entityId: string) =>
  owner<{ details: Record<string, unknown> }>(
    `select details from audit_events where action = $1 and entity_id = $2`,
    [action, entityId],
  );

const date = (name: string, iso: string) => {
  const [year, month, day] = iso.split('-');
  return { [`${name}-day`]: day!, [`${name}-month`]: month!, [`${name}-year`]: year! };
};

describe('staff entry from a paper form or a call', () => {
  it('shows the questions, refuses mistakes at the field, and records the answers with a timeline line and audit event', async () => {
    const browser = await signedIn(team.practitioner);
    const tab = await browser.get(`/cases/${opened.caseId}/feedback`);
    expect(tab.statusCode).toBe(200);
    expect(tab.body).toContain('Satisfaction questionnaires');
    expect(tab.body).toContain(`data-qa="no-responses-${opened.harmedId}"`);
    const viewed = await owner<{ n: number }>(
      `select count(*)::int as n from audit_events where action = 'case.viewed' and entity_id = $1 and details->>'part' = 'feedback'`,
      [opened.caseId],
    );
    expect(viewed[0]!.n).toBeGreaterThan(0);

    const form = await browser.get(
      `/cases/${opened.caseId}/feedback/people/${opened.harmedId}/responses/new`,
    );
    expect(form.body).toContain('I was well prepared for what happened');
    expect(form.body).toContain('Strongly agree');
    expect(form.body).toContain('Would you recommend restorative justice to other people?');

    const url = `/cases/${opened.caseId}/feedback/people/${opened.harmedId}/responses`;
    const empty = await browser.post(url, { ...date('responded_on', '2026-11-21') });
    expect(empty.statusCode).toBe(400);
    expect(empty.body).toContain('Choose how the answers were given');
    expect(empty.body).toContain('The date must be today or in the past');
    expect(empty.body).toContain('Answer at least one question');
    expect(empty.body).toContain('href="#channel"');
    expect(empty.body).toContain('href="#responded_on-day"');

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
    expect(detail.body).toContain('They listened.');
    expect(detail.body).toContain('Strongly agree');
    expect(detail.body).toContain('Not answered');
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
    expect(page.statusCode).toBe(200);
    expect(page.body).toContain('I understand better how what I did affected other people');

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
    expect(stale.statusCode).toBe(409);
    expect(stale.body).toContain('Someone saved this questionnaire');
    const none = await manager.post('/feedback/questionnaires/harmer', {
      base_version: '2',
      item_id: v2.items.map((i) => i.id),
      item_text: v2.items.map(() => ''),
    });
    expect(none.statusCode).toBe(400);
    expect(none.body).toContain('Ask at least one question');

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

describe('testimonials', () => {
  it('are usable in reports only once an anonymised text is approved, and only within the consent given', async () => {
    const service = await makeService(h.services);
    const own = await openCase(h.services, service.practitioner);
    const browser = await signedIn(service.practitioner);
    await browser.get(`/cases/${own.caseId}/feedback/testimonials/new`);
    const missing = await browser.post(`/cases/${own.caseId}/feedback/testimonials`, {
      ...date('consent_on', '2026-11-02'),
    });
    expect(missing.statusCode).toBe(400);
    expect(missing.body).toContain('Enter what they said');
    expect(missing.body).toContain('Choose where they agreed it can be used');

    const record = async (scope: string, on: string, quote: string) => {
      const response = await browser.post(`/cases/${own.caseId}/feedback/testimonials`, {
        participant_id: own.harmedId,
        quote,
        consent_scope: scope,
        ...date('consent_on', on),
      });
      expect(response.statusCode).toBe(303);
      const [row] = await owner<{ id: string }>(`select id from testimonials where quote = $1`, [
        quote,
      ]);
      return row!.id;
    };
    const internal = await record('internal', '2026-11-02', 'Hana said meeting Owain helped.');
    const publicOne = await record('public', '2026-11-03', 'Meeting him in Bristol helped me.');
    const commissioner = await record(
      'commissioner',
      '2026-11-04',
      'It gave me my confidence back.',
    );
    const unapproved = await record('public', '2026-11-05', 'Never approved.');
    expect(await events(own.caseId, 'feedback.testimonial_recorded.public')).toBe(2);

    const period = { from: '2026-11-01', to: '2026-11-30' };
    expect(
      await h.services.feedback.approvedTestimonials(service.manager, {
        ...period,
        scope: 'internal',
      }),
    ).toEqual([]);

    const review = (id: string, fields: Record<string, string>) =>
      browser.post(`/cases/${own.caseId}/feedback/testimonials/${id}`, fields);
    await browser.get(`/cases/${own.caseId}/feedback/testimonials/${publicOne}`);
    expect(
      (await review(publicOne, { anonymised: 'Meeting him helped me.' })).headers.location,
    ).toContain('testimonial-anonymised');
    expect(
      await h.services.feedback.approvedTestimonials(service.manager, {
        ...period,
        scope: 'public',
      }),
    ).toEqual([]);
    for (const [id, text] of [
      [internal, 'Meeting the person who harmed them helped.'],
      [publicOne, 'Meeting him helped me.'],
      [commissioner, 'It gave me my confidence back.'],
    ] as const) {
      const approved = await review(id, { anonymised: text, approve: 'yes' });
      expect(approved.headers.location).toContain('testimonial-approved');
    }
    expect(await events(own.caseId, 'feedback.testimonial_approved')).toBe(3);

    const texts = async (
      scope: 'internal' | 'commissioner' | 'public',
      from = period.from,
      to = period.to,
    ) =>
      (await h.services.feedback.approvedTestimonials(service.manager, { from, to, scope })).map(
        (t) => t.text,
      );
    expect(await texts('internal')).toEqual([
      'It gave me my confidence back.',
      'Meeting him helped me.',
      'Meeting the person who harmed them helped.',
    ]);
    expect(await texts('commissioner')).toEqual([
      'It gave me my confidence back.',
      'Meeting him helped me.',
    ]);
    expect(await texts('public')).toEqual(['Meeting him helped me.']);
    expect(await texts('internal', '2026-11-03', '2026-11-03')).toEqual(['Meeting him helped me.']);
    const all = JSON.stringify(
      await h.services.feedback.approvedTestimonials(service.manager, {
        ...period,
        scope: 'internal',
      }),
    );
    expect(all).not.toContain('Bristol');
    expect(all).not.toContain('Hana');

    // A changed text needs approving again; a volunteer cannot approve; removal takes it out.
    await review(publicOne, { anonymised: 'Meeting him really helped me.' });
    expect(await texts('public')).toEqual([]);
    await expect(
      h.services.feedback.reviewTestimonial(service.volunteer, own.caseId, unapproved, {
        anonymised: 'x',
        approve: 'yes',
      }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
    await browser.get(`/cases/${own.caseId}/feedback/testimonials/${commissioner}`);
    expect(
      (await browser.post(`/cases/${own.caseId}/feedback/testimonials/${commissioner}/remove`))
        .statusCode,
    ).toBe(303);
    expect(await texts('commissioner')).toEqual([]);
    await expect(
      h.services.feedback.approvedTestimonials(service.practitioner, {
        ...period,
        scope: 'internal',
      }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
  });
});

describe('the figures for the outcomes page', () => {
  it('gives each response in the period with its answers, item kinds and audience', async () => {
    const service = await makeService(h.services);
    const a = await openCase(h.services, service.practitioner);
    const b = await openCase(h.services, service.practitioner);
    const record = (caseId: string, pid: string, on: string, answers: Record<string, string>) =>
      h.services.feedback.recordFromForm(service.practitioner, caseId, pid, {
        channel: 'paper',
        responded_on: on,
        ...Object.fromEntries(Object.entries(answers).map(([k, v]) => [`q_${k}`, v])),
      });
    await record(a.caseId, a.harmedId, '2026-10-31', { satisfied: '5', recommend: 'yes' });
    await record(a.caseId, a.harmedId, '2026-11-01', {
      satisfied: '4',
      recommend: 'not_sure',
      comments: 'ok',
    });
    await record(b.caseId, b.harmedId, '2026-11-15', { satisfied: '2', recommend: 'yes' });
    await record(b.caseId, b.harmerId, '2026-11-20', { satisfied: '5', recommend: 'no' });
    const responses = await h.services.feedback.responsesForPeriod(service.manager, {
      from: '2026-11-01',
      to: '2026-11-20',
    });
    expect(responses.map((r) => [r.audience, r.respondedOn])).toEqual([
      ['harmed', '2026-11-01'],
      ['harmed', '2026-11-15'],
      ['harmer', '2026-11-20'],
    ]);
    expect(responses[0]!.answers).toEqual([
      { itemId: 'satisfied', type: 'likert', value: 4 },
      { itemId: 'recommend', type: 'recommend', value: 'not_sure' },
      { itemId: 'comments', type: 'text', value: 'ok' },
    ]);
    const values = (type: string, itemId: string) =>
      responses.flatMap((r) =>
        r.answers.filter((x) => x.type === type && x.itemId === itemId).map((x) => x.value),
      );
    expect(agreementRate(values('likert', 'satisfied') as number[])).toMatchObject({
      numerator: 2,
      n: 3,
    });
    expect(recommendationRate(values('recommend', 'recommend') as string[])).toMatchObject({
      numerator: 1,
      n: 3,
    });
    await expect(
      h.services.feedback.responsesForPeriod(service.practitioner, {
        from: '2026-11-01',
        to: '2026-11-30',
      }),
    ).rejects.toMatchObject({ kind: 'forbidden' });
  });
});

describe('POST /api/v1/questionnaire-responses', () => {
  let token: string;
  let otherToken: string;
  beforeAll(async () => {
    token = (await issueToken(h.services, team.org, 'Case system')).token;
    const other = await makeService(h.services);
    otherToken = (await issueToken(h.services, other.org, 'Other system')).token;
  });
  const post = (body: unknown, bearer: string | null = token) =>
    h.app.inject({
      method: 'POST',
      url: '/api/v1/questionnaire-responses',
      headers: {
        ...(bearer ? { authorization: `Bearer ${bearer}` } : {}),
        'content-type': 'application/json',
      },
      payload: JSON.stringify(body),
    });
  const valid = () => ({
    case_reference: opened.caseReference.toLowerCase(),
    participant_id: opened.harmerId,
    answers: { prepared: 4, understand_impact: 5, recommend: 'yes', comments: 'Good' },
    responded_on: '2026-11-19',
  });

  it('records a response from the service’s own system (201) with a timeline line', async () => {
    const response = await post({
      ...valid(),
      audience: 'harmer',
      questionnaire_version: 'latest',
    });
    expect(response.statusCode).toBe(201);
    const body = response.json();
    expect(body).toMatchObject({
      case_reference: opened.caseReference,
      participant_id: opened.harmerId,
      audience: 'harmer',
      questionnaire_version: 1,
      responded_on: '2026-11-19',
    });
    const [row] = await owner<{ channel: string; recorded_by: string | null }>(
      `select channel, recorded_by from questionnaire_responses where id = $1`,
      [body.id],
    );
    expect(row).toEqual({ channel: 'api', recorded_by: null });
    expect(await events(opened.caseId, 'feedback.recorded.api')).toBe(1);
    const version1 = await post({
      ...valid(),
      responded_on: '2026-11-18',
      questionnaire_version: 1,
    });
    expect(version1.statusCode).toBe(201);
  });

  it('refuses bad input with every problem named (400)', async () => {
    const response = await post({
      ...valid(),
      audience: 'harmed',
      questionnaire_version: 9,
      responded_on: '2026-02-30',
      answers: { prepared: 7, safe: 3, recommend: 'perhaps' },
      colour: 'blue',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([
      { field: 'colour', message: expect.stringContaining('Unknown field') },
    ]);
    const wrong = await post({
      ...valid(),
      audience: 'harmed',
      responded_on: '2026-02-30',
      answers: { prepared: 7, safe: 3, recommend: 'perhaps' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields.map((f: { field: string }) => f.field)).toEqual([
      'responded_on',
      'audience',
      'answers.prepared',
      'answers.recommend',
      'answers.safe',
    ]);
    const unknownVersion = await post({ ...valid(), questionnaire_version: 9 });
    expect(unknownVersion.json().error.fields).toEqual([
      {
        field: 'questionnaire_version',
        message: 'There is no version 9 of the questionnaire for harmer',
      },
    ]);
    const noAnswers = await post({ ...valid(), answers: {} });
    expect(noAnswers.json().error.fields).toEqual([
      { field: 'answers', message: 'Answer at least one question' },
    ]);
    expect((await post({ ...valid(), answers: 'good' })).statusCode).toBe(400);
    expect((await post([1, 2])).statusCode).toBe(400);
  });

  it('answers 401 without a valid token and 404 for a case or person it cannot see', async () => {
    expect((await post(valid(), null)).statusCode).toBe(401);
    expect((await post(valid(), 'not-a-token')).statusCode).toBe(401);
    expect((await post(valid(), otherToken)).statusCode).toBe(404);
    expect((await post({ ...valid(), case_reference: 'CS-0000-0000' })).statusCode).toBe(404);
    expect((await post({ ...valid(), participant_id: team.practitioner.userId })).statusCode).toBe(
      404,
    );
    const document = (await h.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    expect(document.paths['/questionnaire-responses'].post.operationId).toBe(
      'createQuestionnaireResponse',
    );
    expect(document.components.schemas.QuestionnaireResponseRequest.required).toEqual([
      'case_reference',
      'participant_id',
      'answers',
      'responded_on',
    ]);
  });
});
