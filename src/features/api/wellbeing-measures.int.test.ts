// POST /api/v1/wellbeing-measures for a service's own system: 201 with the measure, 400 listing
// every problem, 401 without a valid token, 404 for a case or participant the token's service
// does not have, and the path in the OpenAPI document.
import { beforeAll, describe, expect, it } from 'vitest';
import { makeService, openCase } from '../../../test/support/cases.js';
import { issueToken } from '../../../test/support/harness.js';
import { caseFor, teamTestbed } from '../../../test/support/testbed.js';
import { postJson } from '../../../test/support/api-client.js';

const { h, team } = teamTestbed();
const opened = caseFor(h, team);
let token: string;

const SCORES = {
  'mental-and-physical-health': 2,
  'shelter-and-accommodation': 3,
  'family-friends-and-children': 3,
  'education-skills-and-employment': 4,
  'drugs-and-alcohol': 5,
  'finance-and-benefits': 1,
  'outlook-and-attitudes': 2,
  'social-interaction': 3,
};

const post = (body: unknown, bearer: string | null = token) =>
  postJson(h.app, '/api/v1/wellbeing-measures', body, bearer);

const body = (extra: Record<string, unknown> = {}) => ({
  case_reference: opened.caseReference,
  participant_id: opened.harmedId,
  kind: 'entry',
  taken_on: '2026-11-02',
  scores: SCORES,
  ...extra,
});

beforeAll(async () => {
  token = (await issueToken(h.services, team.org, 'Case system')).token;
});

describe('POST /api/v1/wellbeing-measures', () => {
  it('answers 401 without a valid token', async () => {
    expect((await post(body(), null)).statusCode).toBe(401);
    const wrong = await post(body(), 'wmk_not-a-token');
    expect(wrong.statusCode).toBe(401);
    expect(wrong.headers['www-authenticate']).toBe('Bearer realm="waymark"');
  });

  it('answers 400 listing every problem with the body, then every problem with the scores', async () => {
    // What the schema checks, all at once, before anything is looked up.
    const response = await post({
      case_reference: '',
      participant_id: 'someone',
      kind: 'baseline',
      taken_on: '2026-02-30',
      scores: { ...SCORES, 'mental-and-physical-health': 7 },
      colour: 'blue',
    });
    expect(response.statusCode).toBe(400);
    const fieldsOf = (answer: typeof response) =>
      Object.fromEntries(
        (answer.json().error.fields as { field: string; message: string }[]).map((f) => [
          f.field,
          f.message,
        ]),
      );
    expect(fieldsOf(response)).toEqual({
      colour: expect.stringContaining('Unknown field'),
      case_reference: 'Enter the case reference',
      participant_id: "Enter the participant's id",
      kind: 'Choose entry, exit or follow_up',
      taken_on: 'The date must be a real date',
      'scores.mental-and-physical-health': 'Choose a score from 1 to 5',
    });
    // What needs the service's categories of need, all at once, once the body is well formed.
    const scores = await post(
      body({
        scores: {
          ...SCORES,
          'mental-and-physical-health': 7,
          'social-interaction': undefined,
          'no-such-thing': 3,
        },
      }),
    );
    expect(scores.statusCode).toBe(400);
    expect(fieldsOf(scores)).toEqual({
      'scores.mental-and-physical-health': 'Choose a score from 1 to 5',
    });
    const categories = await post(
      body({ scores: { ...SCORES, 'social-interaction': undefined, 'no-such-thing': 3 } }),
    );
    expect(fieldsOf(categories)).toEqual({
      'scores.social-interaction': 'Choose a score for Social interaction',
      'scores.no-such-thing': 'There is no category of need with the key "no-such-thing"',
    });
    // Nothing was kept, not even the service's copy of the categories.
    const copies = await h.database.withOwner((o) =>
      o.query<{ n: number }>(
        'select count(*)::int as n from wellbeing_categories where org_id = $1',
        [team.org.id],
      ),
    );
    expect(copies[0]!.n).toBe(0);
  });

  it("answers 404 for a case or participant outside the token's service", async () => {
    expect((await post(body({ case_reference: 'RJ-NOPE-NOPE' }))).statusCode).toBe(404);
    expect(
      (await post(body({ participant_id: '00000000-0000-4000-8000-000000000000' }))).statusCode,
    ).toBe(404);
    const elsewhere = await makeService(h.services);
    const theirs = await openCase(h.services, elsewhere.practitioner);
    const response = await post(
      body({ case_reference: theirs.caseReference, participant_id: theirs.harmedId }),
    );
    expect(response.statusCode).toBe(404);
    expect(response.json().error.code).toBe('not_found');
  });

  it('records the measure (201), on the timeline, through the same checks as the web', async () => {
    const response = await post(body({ notes: 'From the case system' }));
    expect(response.statusCode).toBe(201);
    const created = response.json();
    expect(created).toEqual({
      id: expect.any(String),
      case_reference: opened.caseReference,
      participant_id: opened.harmedId,
      kind: 'entry',
      taken_on: '2026-11-02',
      scores: SCORES,
    });
    const [row] = await h.database.withOwner((o) =>
      o.query<{ source: string; notes: string }>(
        'select source, notes from wellbeing_measures where id = $1',
        [created.id],
      ),
    );
    expect(row).toEqual({ source: 'api', notes: 'From the case system' });
    const events = await h.database.withOwner((o) =>
      o.query<{ kind: string; actor_id: string | null }>(
        `select kind, actor_id from case_events where case_id = $1 and kind like 'wellbeing%'`,
        [opened.caseId],
      ),
    );
    expect(events).toEqual([{ kind: 'wellbeing_entry_recorded', actor_id: null }]);
    const audit = await h.database.withOwner((o) =>
      o.query<{ details: { via: string } }>(
        `select details from audit_events where action = 'case.wellbeing_entry_recorded' and entity_id = $1`,
        [created.id],
      ),
    );
    expect(audit[0]!.details.via).toBe('api');

    const again = await post(body());
    expect(again.statusCode).toBe(400);
    expect(again.json().error.fields).toEqual([
      { field: 'taken_on', message: 'There is already an entry measure taken on 2 November 2026' },
    ]);
    const second = await post(body({ taken_on: '2026-11-03' }));
    expect(second.json().error.fields).toEqual([
      {
        field: 'kind',
        message: 'There is already an entry measure (taken on 2 November 2026): a person has one',
      },
    ]);
  });

  it('refuses someone who withdrew consent', async () => {
    await h.database.withOwner((o) =>
      o.query(`update case_participants set consent_status = 'withdrawn' where id = $1`, [
        opened.harmerId,
      ]),
    );
    const response = await post(body({ participant_id: opened.harmerId }));
    expect(response.statusCode).toBe(409);
    expect(response.json().error.message).toContain('has withdrawn consent');
  });
});

describe('the OpenAPI document', () => {
  it('describes the path from the Zod schema', async () => {
    const doc = (await h.app.inject({ method: 'GET', url: '/api/v1/openapi.json' })).json();
    const post = doc.paths['/wellbeing-measures'].post;
    expect(Object.keys(post.responses)).toEqual(
      expect.arrayContaining(['201', '400', '401', '404']),
    );
    const request = doc.components.schemas.WellbeingMeasureRequest;
    expect(request.required).toEqual([
      'case_reference',
      'participant_id',
      'kind',
      'taken_on',
      'scores',
    ]);
    expect(request.additionalProperties).toBe(false);
    expect(request.properties.kind.enum).toEqual(['entry', 'exit', 'follow_up']);
    expect(request.properties.taken_on.format).toBe('date');
    expect(request.properties.scores.additionalProperties).toMatchObject({
      type: 'integer',
      minimum: 1,
      maximum: 5,
    });
    expect(doc.paths['/referrals']).toBeDefined();
  });
});
