// The case page, its timeline, moving a case between stages, allocation and notes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WithServices } from '../../services.js';
import { can, type Actor } from '../../domain/roles.js';
import { formatChartValue } from '../../platform/charts.js';
import { formPost, formRoute, idOf } from '../../platform/form-route.js';
import { presentForm, type PresentedForm } from '../../platform/forms.js';
import { requireCapability } from '../../platform/guards.js';
import { CaseChangedError } from './kernel/index.js';
import { caseHeader, timelineItem } from './presenters.js';
import { allocationItems, closureOutcomeItems, summaryRows } from './summary-presenter.js';

/**
 * The case's forms carry the version they were built from. After a refusal because the case
 * changed, the page shows the new version, so a deliberate second save goes through.
 */
const changedSince = (error: unknown) => error instanceof CaseChangedError;

type CaseView = Awaited<ReturnType<WithServices['services']['cases']['get']>>;

/** Saves a change to the case, then goes back to the case page saying what was `done`. */
const backToCase =
  (done: string, change: (actor: Actor, caseId: string, body: unknown) => Promise<unknown>) =>
  async (request: FastifyRequest) => {
    const id = idOf(request);
    await change(request.actor!, id, request.body);
    return `/cases/${id}?done=${done}`;
  };

/** Stage changes made from the stage page; the others are buttons on the case page. */
const onStagePage = (request: FastifyRequest) => {
  const action = (request.body as Record<string, unknown> | undefined)?.action;
  return action === undefined || ['close', 'suspend', 'reopen', 'resume'].includes(String(action));
};

export async function caseRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'work_cases', 'case.page');
  const manager = requireCapability(services.access, 'manage_service', 'case.allocation_page');

  async function renderSummary(
    request: FastifyRequest,
    reply: FastifyReply,
    form?: PresentedForm,
    status = 200,
  ) {
    const view = await services.cases.get(request.actor!, idOf(request));
    const t = request.t;
    const actor = request.actor!;
    const query = (request.query ?? {}) as Record<string, unknown>;
    return reply.code(status).view('cases/views/summary.njk', {
      ...view,
      header: caseHeader(view.case, 'summary', t),
      summaryRows: summaryRows(view.case, can(actor, 'triage_referrals'), t),
      form,
      wellbeing: view.wellbeing.map((d) => ({
        ...d,
        change: formatChartValue(d.overall, 'signed'),
      })),
      canAllocate: can(actor, 'manage_service'),
      canChangeFlags: can(actor, 'manage_service'),
      canPickUp: can(actor, 'triage_referrals'),
      flash: query.done ? t(`cases.flash.${String(query.done)}`) : undefined,
    });
  }

  app.get('/cases/:id', { preHandler: guard }, (request, reply) => renderSummary(request, reply));

  app.get('/cases/:id/timeline', { preHandler: guard }, async (request, reply) => {
    const { case: row, events } = await services.cases.timeline(request.actor!, idOf(request));
    return reply.view('cases/views/timeline.njk', {
      header: caseHeader(row, 'timeline', request.t),
      items: events.map((e) => timelineItem(e, request.t)),
    });
  });

  /** A page of the case as a whole with one form (the stage, allocation): `more` adds its choices. */
  const caseFormPage =
    (
      template: string,
      more: (
        view: CaseView,
        form: PresentedForm,
        request: FastifyRequest,
      ) => object | Promise<object>,
    ) =>
    async (
      request: FastifyRequest,
      reply: FastifyReply,
      form = presentForm(request.t),
      status = 200,
    ) => {
      const view = await services.cases.get(request.actor!, idOf(request));
      return reply.code(status).view(template, {
        ...view,
        header: caseHeader(view.case, 'summary', request.t),
        form,
        ...(await more(view, form, request)),
      });
    };

  const renderStagePage = caseFormPage('cases/views/stage.njk', (_view, form, request) => ({
    outcomeItems: closureOutcomeItems(form.values.outcome, request.t),
  }));

  formRoute(app, guard, {
    path: '/cases/:id/stage',
    refusalField: 'stage',
    changedSince,
    render: (request, reply, form, status) =>
      onStagePage(request)
        ? renderStagePage(request, reply, form, status)
        : renderSummary(request, reply, form, status),
    save: backToCase('stage', (actor, id, body) =>
      services.cases.transition(actor, id, body ?? {}),
    ),
  });

  formPost(app, guard, {
    path: '/cases/:id/notes',
    refusalField: 'body',
    changedSince,
    render: renderSummary,
    save: backToCase('note', (actor, id, body) => services.cases.addNote(actor, id, body)),
  });

  formPost(app, guard, {
    path: '/cases/:id/pick-up',
    refusalField: 'facilitators',
    changedSince,
    render: renderSummary,
    save: backToCase('pickedUp', (actor, id) => services.cases.pickUp(actor, id)),
  });

  const renderAllocate = caseFormPage('cases/views/allocate.njk', async (view, form, request) => {
    const staff = await services.cases.facilitators(request.actor!);
    return allocationItems(staff, view.allocations, form.values, request.t);
  });

  formRoute(app, manager, {
    path: '/cases/:id/allocate',
    refusalField: 'lead',
    changedSince,
    render: renderAllocate,
    save: backToCase('allocated', (actor, id, body) => services.cases.allocate(actor, id, body)),
  });
}
