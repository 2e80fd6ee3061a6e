// POST /api/v1/questionnaire-responses for a service's own system: 201 with a timeline line,
// 400 naming every problem with the body and then every problem with the answers, 401 without
// a valid token, and 404 for a case or person the token's service does not have.
import { beforeAll, describe, expect, it } from 'vitest';
import { makeService } from '../../../test/support/cases.js';
import { issueToken } from '../../../test/support/harness.js';
import { caseFor, teamTestbed } from '../../../test/support/testbed.js';
import { postJson } from '../../../test/support/api-client.js';

const { h, owner, events, team } = teamTestbed();
const opened = caseFor(h, team);

describe('POST /api/v1/questionnaire-responses', () => {
  let token: string;
  let otherToken: string;
  beforeAll(async () => {
    token = (await issueToken(h.services, team.org, 'Case system')).token;
    const other = await makeService(h.services);
    otherToken = (await issueToken(h.services, other.org, 'Other system')).token;
  });
  const post = (body: unknown, bearer: string | null = token) =>
    postJson(h.app, '/api/v1/questionnaire-responses', body, bearer);
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
    // What the schema checks, all at once, before anything is looked up.
    const response = await post({
      ...valid(),
      audience: 'someone',
      questionnaire_version: 0,
      responded_on: '2026-02-30',
      answers: { prepared: 7, safe: 3, recommend: 'perhaps' },
      colour: 'blue',
    });
    expect(response.statusCode).toBe(400);
    expect(response.json().error.fields).toEqual([
      { field: 'audience', message: 'Give harmed or harmer' },
      {
        field: 'questionnaire_version',
        message: 'Give a questionnaire version number, or latest',
      },
      {
        field: 'answers.prepared',
        message: expect.stringContaining('from 1 (strongly disagree) to 5'),
      },
      { field: 'responded_on', message: 'The date must be a real date' },
      { field: 'colour', message: expect.stringContaining('Unknown field') },
    ]);
    // What needs the case and the questionnaire the service asks, all at once.
    const wrong = await post({
      ...valid(),
      audience: 'harmed',
      answers: { prepared: 5, safe: 3, recommend: 'perhaps' },
    });
    expect(wrong.statusCode).toBe(400);
    expect(wrong.json().error.fields.map((f: { field: string }) => f.field)).toEqual([
      'audience',
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
    const notAnObject = await post({ ...valid(), answers: 'good' });
    expect(notAnObject.statusCode).toBe(400);
    expect(notAnObject.json().error.fields).toEqual([
      { field: 'answers', message: 'Send answers as an object of answers by question id' },
    ]);
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
