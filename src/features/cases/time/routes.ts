// The Time tab of a case (entries and totals), recording and changing time, and the service
// manager's page of totals per practitioner for a period.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WithServices } from '../../../services.js';
import { can, userIdOf } from '../../../domain/roles.js';
import { formatNumber } from '../../../platform/format.js';
import { formPost, formRoute, idOf, type FormRoute } from '../../../platform/form-route.js';
import { presentForm, type PresentedForm } from '../../../platform/forms.js';
import { requireCapability } from '../../../platform/guards.js';
import { reportForPeriod } from '../../../platform/period.js';
import { caseHeader } from '../presenters.js';
import { TIME_KINDS } from './form.js';
import { durationText, entryChoices, entryValues, hoursText, milesText } from './presenter.js';

export async function caseTimeRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'work_cases', 'case.time_page');
  const manager = requireCapability(services.access, 'manage_service', 'time.report_page');

  app.get('/cases/:id/time', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const t = request.t;
    const view = await services.caseTime.tab(request.actor!, id);
    const done = (request.query as { done?: unknown } | undefined)?.done;
    return reply.view('cases/time/views/tab.njk', {
      header: caseHeader(view.case, 'time', t),
      closed: view.case.stage === 'closed',
      entries: view.entries.map((e) => ({
        ...e,
        kindText: t(`cases.time.kinds.${e.kind}`),
        duration: durationText(e.minutes, t),
        miles: milesText(Number(e.miles)),
        changeHref: e.mayChange ? `/cases/${id}/time/${e.id}` : undefined,
      })),
      totals: [
        ...TIME_KINDS.map((kind) => ({
          label: t(`cases.time.kinds.${kind}`),
          hours: hoursText(view.totals.minutes[kind]),
          miles: milesText(view.totals.miles[kind]),
        })),
      ],
      allHours: hoursText(view.totals.allMinutes),
      allDuration: durationText(view.totals.allMinutes, t),
      allMiles: milesText(view.totals.allMiles),
      reportHref: can(request.actor!, 'manage_service') ? '/time' : undefined,
      flash:
        typeof done === 'string' && ['recorded', 'changed', 'removed'].includes(done)
          ? t(`cases.time.flash.${done}`)
          : undefined,
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
    return reply.code(status).view('cases/time/views/report.njk', {
      form,
      period: report?.period,
      kinds: TIME_KINDS.map((kind) => t(`cases.time.kinds.${kind}`)),
      people: report?.people.map((p) => ({
        name: p.name,
        role: t(`roles.${p.role}`),
        cases: formatNumber(p.cases),
        entries: formatNumber(p.entries),
        byKind: TIME_KINDS.map((k) => hoursText(p.byKind[k])),
        hours: hoursText(p.minutes),
        miles: milesText(p.miles),
      })),
      total: report
        ? {
            entries: formatNumber(report.total.entries),
            byKind: TIME_KINDS.map((k) => hoursText(report.total.byKind[k])),
            hours: hoursText(report.total.minutes),
            miles: milesText(report.total.miles),
          }
        : undefined,
    });
  });
}
