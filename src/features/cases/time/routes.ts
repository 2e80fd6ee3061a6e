// The Time tab of a case (entries and totals), recording and changing time, and the service
// manager's page of totals per practitioner for a period.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WithServices } from '../../../services.js';
import { can, userIdOf } from '../../../domain/roles.js';
import { formPost, formRoute, idOf, type FormRoute } from '../../../platform/form-route.js';
import { presentForm, type PresentedForm } from '../../../platform/forms.js';
import { requireCapability } from '../../../platform/guards.js';
import { reportForPeriod } from '../../../platform/period.js';
import { caseHeader } from '../presenters.js';
import { entryChoices, entryValues, timeFlash, timeReportView, timeTab } from './presenter.js';

export async function caseTimeRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'work_cases', 'case.time_page');
  const manager = requireCapability(services.access, 'manage_service', 'time.report_page');

  app.get('/cases/:id/time', { preHandler: guard }, async (request, reply) => {
    const id = idOf(request);
    const view = await services.caseTime.tab(request.actor!, id);
    const done = (request.query as { done?: unknown } | undefined)?.done;
    return reply.view('cases/time/views/tab.njk', {
      header: caseHeader(view.case, 'time', request.t),
      closed: view.case.stage === 'closed',
      ...timeTab(view, id, request.t),
      reportHref: can(request.actor!, 'manage_service') ? '/time' : undefined,
      flash: timeFlash(done, request.t),
    });
  });

  /**
   * The entry form, new or for changing an entry: as saved, or as typed with its problems. A
   * refused removal shows the entry as saved with the problem (`asSaved`).
   */
  async function renderEntry(
    request: FastifyRequest,
    reply: FastifyReply,
    shown: { form?: PresentedForm; status?: number; asSaved?: boolean } = {},
  ) {
    const t = request.t;
    const actor = request.actor!;
    const id = idOf(request);
    const { entryId } = request.params as { entryId?: string };
    const existing = entryId ? await services.caseTime.entry(actor, id, entryId) : undefined;
    const row = existing?.case ?? (await services.caseTime.caseFor(actor, id));
    const entry = existing?.entry;
    const initial = presentForm(t, entryValues(entry, userIdOf(actor)), [], ['worked_on']);
    const problems = shown.form ?? initial;
    const form = shown.asSaved ? { ...problems, values: initial.values } : problems;
    const staff = can(actor, 'manage_service') ? await services.cases.facilitators(actor) : [];
    return reply.code(shown.status ?? 200).view('cases/time/views/entry.njk', {
      header: caseHeader(row, 'time', t),
      form,
      editing: Boolean(entry),
      action: entry ? `/cases/${id}/time/${entry.id}` : `/cases/${id}/time`,
      ...entryChoices(form.values, staff, t),
    });
  }

  const entryForm = {
    refusalField: 'case',
    dateFields: ['worked_on'],
    redirectStatus: 303,
    render: (request, reply, form, status) => renderEntry(request, reply, { form, status }),
  } satisfies Partial<FormRoute>;
  const entryParams = (request: FastifyRequest) =>
    request.params as { id: string; entryId: string };

  app.get('/cases/:id/time/new', { preHandler: guard }, (request, reply) =>
    renderEntry(request, reply),
  );

  formPost(app, guard, {
    ...entryForm,
    path: '/cases/:id/time',
    async save(request) {
      await services.caseTime.record(request.actor!, idOf(request), request.body);
      return `/cases/${idOf(request)}/time?done=recorded`;
    },
  });

  formRoute(app, guard, {
    ...entryForm,
    path: '/cases/:id/time/:entryId',
    async save(request) {
      const { id, entryId } = entryParams(request);
      await services.caseTime.update(request.actor!, id, entryId, request.body);
      return `/cases/${id}/time?done=changed`;
    },
  });

  formPost(app, guard, {
    ...entryForm,
    path: '/cases/:id/time/:entryId/delete',
    render: (request, reply, form, status) =>
      renderEntry(request, reply, { form, status, asSaved: true }),
    async save(request) {
      const { id, entryId } = entryParams(request);
      await services.caseTime.remove(request.actor!, id, entryId, request.body);
      return `/cases/${id}/time?done=removed`;
    },
  });

  app.get('/time', { preHandler: manager }, async (request, reply) => {
    const t = request.t;
    const { report, form, status } = await reportForPeriod(request.query, t, () =>
      services.caseTime.report(request.actor!, request.query),
    );
    return reply
      .code(status)
      .view('cases/time/views/report.njk', { form, ...timeReportView(report, t) });
  });
}
