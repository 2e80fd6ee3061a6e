// The case page, its timeline, moving a case between stages, allocation and notes.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WithServices } from '../../services.js';
import { can } from '../../domain/roles.js';
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

  async function renderStagePage(
    request: FastifyRequest,
    reply: FastifyReply,
    form = presentForm(request.t),
    status = 200,
  ) {
    const view = await services.cases.get(request.actor!, idOf(request));
    return reply.code(status).view('cases/views/stage.njk', {
      ...view,
      header: caseHeader(view.case, 'summary', request.t),
      form,
      outcomeItems: closureOutcomeItems(form.values.outcome, request.t),
    });
  }

  formRoute(app, guard, {
    path: '/cases/:id/stage',
    refusalField: 'stage',
    changedSince,
    render: (request, reply, form, status) =>
      onStagePage(request)
        ? renderStagePage(request, reply, form, status)
        : renderSummary(request, reply, form, status),
    async save(request) {
      const id = idOf(request);
      await services.cases.transition(request.actor!, id, request.body ?? {});
      return `/cases/${id}?done=stage`;
    },
  });

  formPost(app, guard, {
    path: '/cases/:id/notes',
    refusalField: 'body',
    changedSince,
    render: renderSummary,
    async save(request) {
      const id = idOf(request);
      await services.cases.addNote(request.actor!, id, request.body);
      return `/cases/${id}?done=note`;
    },
  });

  formPost(app, guard, {
    path: '/cases/:id/pick-up',
    refusalField: 'facilitators',
    changedSince,
    render: renderSummary,
    async save(request) {
      const id = idOf(request);
      await services.cases.pickUp(request.actor!, id);
      return `/cases/${id}?done=pickedUp`;
    },
  });

  async function renderAllocate(
    request: FastifyRequest,
    reply: FastifyReply,
    form = presentForm(request.t),
    status = 200,
  ) {
    const view = await services.cases.get(request.actor!, idOf(request));
    const staff = await services.cases.facilitators(request.actor!);
    return reply.code(status).view('cases/views/allocate.njk', {
      ...view,
      header: caseHeader(view.case, 'summary', request.t),
      form,
      ...allocationItems(staff, view.allocations, form.values, request.t),
    });
  }

  formRoute(app, manager, {
    path: '/cases/:id/allocate',
    refusalField: 'lead',
    changedSince,
    render: renderAllocate,
    async save(request) {
      const id = idOf(request);
      await services.cases.allocate(request.actor!, id, request.body);
      return `/cases/${id}?done=allocated`;
    },
  });
}
