// The Wellbeing tab of a case and its forms: an entry measure, an exit review (which checks the
// cope-and-recover goals), a follow-up, a new goal, and a review of the goals on its own. Also
// registers the categories' settings pages, so the feature is one plugin.
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WithServices } from '../../../services.js';
import { can } from '../../../domain/roles.js';
import { withDates } from '../../../platform/date-input.js';
import { notFound } from '../../../platform/errors.js';
import { londonDate } from '../../../platform/format.js';
import { presentForm } from '../../../platform/forms.js';
import { formRoute, type RenderForm } from '../../../platform/form-route.js';
import { requireCapability } from '../../../platform/guards.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { caseHeader } from '../../cases/index.js';
import { kindFromPath, presentWellbeing } from './presenter.js';
import { numericScores } from './record.js';
import { GOAL_OUTCOMES } from './schemas.js';
import type { MeasureInput } from './index.js';
import type { ReviewInput } from './goals.js';
import { wellbeingSettingsRoutes } from './settings-routes.js';

const FLASHES = ['entry', 'exit', 'follow_up', 'goal', 'review'];
const SCALE = ['1', '2', '3', '4', '5'];

/** The fields named `<prefix>.<id>` in a form body, by id. */
function fieldsNamed(body: Record<string, unknown>, prefix: string): [string, unknown][] {
  return Object.entries(body)
    .filter(([name]) => name.startsWith(`${prefix}.`))
    .map(([name, value]) => [name.slice(prefix.length + 1), value]);
}

/** Goal reviews from `review.<goal id>` (outcome) and `review_note.<goal id>` fields. */
function reviewsFrom(body: Record<string, unknown>): ReviewInput {
  const outcomes = new Map(fieldsNamed(body, 'review'));
  const notes = new Map(fieldsNamed(body, 'review_note'));
  return Object.fromEntries(
    [...new Set([...outcomes.keys(), ...notes.keys()])].map((id) => [
      id,
      { outcome: outcomes.get(id), note: notes.get(id) },
    ]),
  );
}

function measureInput(body: Record<string, unknown>): MeasureInput {
  const values = withDates(body, ['taken_on']);
  return {
    taken_on: values.taken_on,
    notes: values.notes,
    scores: numericScores(Object.fromEntries(fieldsNamed(values, 'scores'))),
    reviews: reviewsFrom(values),
  };
}

const outcomeItems = (t: Translate, chosen: unknown) =>
  GOAL_OUTCOMES.map((value) => ({
    value,
    text: t(`measures.wellbeing.goals.outcomes.${value}`),
    checked: chosen === value,
  }));

type ParticipantParams = { id: string; participantId: string };
/** A measure page's case, person and kind of measure (null: no such kind). */
function measureAddress(request: FastifyRequest) {
  const params = request.params as ParticipantParams & { kind: string };
  return { id: params.id, participantId: params.participantId, kind: kindFromPath(params.kind) };
}
const body = (request: FastifyRequest) => (request.body ?? {}) as Record<string, unknown>;

export async function wellbeingRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'record_measures', 'case.wellbeing_page');
  const today = () => londonDate(services.clock.now());

  app.get('/cases/:id/wellbeing', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const t = request.t;
    const data = await services.wellbeing.tab(request.actor!, id);
    const done = (request.query as { done?: unknown } | undefined)?.done;
    return reply.view('measures/wellbeing/views/tab.njk', {
      header: caseHeader(data.case, 'wellbeing', t),
      people: presentWellbeing(data, t),
      categoriesHref: can(request.actor!, 'manage_service') ? '/settings/wellbeing' : undefined,
      flash:
        typeof done === 'string' && FLASHES.includes(done)
          ? t(`measures.wellbeing.flash.${done}`)
          : undefined,
    });
  });

  const renderMeasure: RenderForm = async (request, reply, form, status = 200) => {
    const { id, participantId, kind } = measureAddress(request);
    if (!kind) return reply.callNotFound();
    const t = request.t;
    const page = await services.wellbeing.measureForm(request.actor!, id, participantId);
    const shown = form ?? presentForm(t, { taken_on: today() }, [], ['taken_on']);
    return reply.code(status).view('measures/wellbeing/views/measure.njk', {
      header: caseHeader(page.case, 'wellbeing', t),
      kind,
      name: page.participant.display_name,
      form: shown,
      action: request.url.split('?')[0],
      categories: page.categories.map((c) => ({
        key: c.key,
        label: c.label,
        items: SCALE.map((value) => ({
          value,
          text: t(`measures.wellbeing.form.scale.${value}`),
          checked: String(shown.values[`scores.${c.key}`] ?? '') === value,
        })),
      })),
      openGoals:
        kind === 'exit'
          ? page.goals
              .filter((g) => g.reviewOutcome === null)
              .map((g) => ({
                ...g,
                items: outcomeItems(t, shown.values[`review.${g.id}`]),
                note: shown.values[`review_note.${g.id}`] ?? '',
              }))
          : [],
      reviewedGoals: kind === 'exit' ? page.goals.filter((g) => g.reviewOutcome !== null) : [],
    });
  };

  formRoute(app, guard, {
    path: '/cases/:id/wellbeing/:participantId/:kind',
    dateFields: ['taken_on'],
    redirectStatus: 303,
    render: renderMeasure,
    async save(request) {
      const { id, participantId, kind } = measureAddress(request);
      if (!kind) throw notFound();
      const input = measureInput(body(request));
      await services.wellbeing.record(request.actor!, id, participantId, kind, input);
      return `/cases/${id}/wellbeing?done=${kind}`;
    },
  });

  const renderGoal: RenderForm = async (request, reply, form, status = 200) => {
    const { id, participantId } = request.params as ParticipantParams;
    const t = request.t;
    const page = await services.wellbeing.goalForm(request.actor!, id, participantId);
    const shown = form ?? presentForm(t, { set_on: today() }, [], ['set_on']);
    return reply.code(status).view('measures/wellbeing/views/goal.njk', {
      header: caseHeader(page.case, 'wellbeing', t),
      name: page.participant.display_name,
      participantId: page.participant.id,
      form: shown,
      categoryItems: page.categories.map((c) => ({
        value: c.key,
        text: c.label,
        checked: shown.values.category === c.key,
      })),
    });
  };

  formRoute(app, guard, {
    path: '/cases/:id/wellbeing/:participantId/goals',
    dateFields: ['set_on'],
    redirectStatus: 303,
    render: renderGoal,
    async save(request) {
      const { id, participantId } = request.params as ParticipantParams;
      const input = withDates(body(request), ['set_on']);
      await services.wellbeing.addGoal(request.actor!, id, participantId, input);
      return `/cases/${id}/wellbeing?done=goal`;
    },
  });

  const renderReview: RenderForm = async (request, reply, form, status = 200) => {
    const { id, participantId } = request.params as ParticipantParams;
    const t = request.t;
    const page = await services.wellbeing.reviewForm(request.actor!, id, participantId);
    if (page.goals.length === 0) return reply.callNotFound();
    const values =
      form?.values ??
      Object.fromEntries(
        page.goals.flatMap((g) => [
          [`review.${g.id}`, g.reviewOutcome ?? ''],
          [`review_note.${g.id}`, g.reviewNote ?? ''],
        ]),
      );
    return reply.code(status).view('measures/wellbeing/views/review.njk', {
      header: caseHeader(page.case, 'wellbeing', t),
      name: page.participant.display_name,
      participantId: page.participant.id,
      form: form ?? presentForm(t, values),
      goals: page.goals.map((g) => ({
        ...g,
        items: outcomeItems(t, values[`review.${g.id}`]),
        note: values[`review_note.${g.id}`] ?? '',
      })),
    });
  };

  formRoute(app, guard, {
    path: '/cases/:id/wellbeing/:participantId/goals/review',
    redirectStatus: 303,
    render: renderReview,
    async save(request) {
      const { id, participantId } = request.params as ParticipantParams;
      const reviews = reviewsFrom(body(request));
      await services.wellbeing.reviewGoals(request.actor!, id, participantId, reviews);
      return `/cases/${id}/wellbeing?done=review`;
    },
  });

  await app.register(wellbeingSettingsRoutes, { services });
}
