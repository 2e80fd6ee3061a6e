// The "Keeping informed" tab: who is due an update, recording one, and a person's interval.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WithServices } from '../../../services.js';
import { COMMUNICATION_METHODS } from '../../../domain/safe-contact.js';
import { withDates } from '../../../platform/date-input.js';
import { londonDate } from '../../../platform/format.js';
import { formPost, formRoute, idOf } from '../../../platform/form-route.js';
import { presentForm } from '../../../platform/forms.js';
import { requireCapability } from '../../../platform/guards.js';
import { caseHeader } from '../presenters.js';

type Form = ReturnType<typeof presentForm>;

export async function updateRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'work_cases', 'case.page');

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    caseId: string,
    forms: { update?: Form; interval?: Form } = {},
    status = 200,
  ) {
    const t = request.t;
    const view = await services.updates.tab(request.actor!, caseId);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const update =
      forms.update ??
      presentForm(
        t,
        { told_on: londonDate(services.clock.now()), participant_id: query.participant },
        [],
        ['told_on'],
      );
    const chosen = update.values.participant_id as string | undefined;
    return reply.code(status).view('cases/updates/views/updates.njk', {
      ...view,
      header: caseHeader(view.case, 'updates', t),
      update,
      interval: forms.interval ?? presentForm(t),
      // The page's error summary (the layout's) lists the problems of whichever form was sent.
      form: forms.update ?? forms.interval,
      participantItems: view.people
        .filter((p) => p.role === 'harmed' || p.role === 'harmer' || p.id === chosen)
        .map((p) => ({
          value: p.id,
          text: `${p.name} (${t(`cases.roles.${p.role}`)})`,
          checked: p.id === chosen,
          disabled: !p.keptInformed,
          hint: p.keptInformed ? undefined : { text: t('cases.updates.notKeptInformed') },
        })),
      methodItems: COMMUNICATION_METHODS.map((m) => ({
        value: m,
        text: t(`cases.contactMethods.${m}`),
        checked: update.values.method === m,
      })),
      flash: query.done ? t(`cases.updates.flash.${String(query.done)}`) : undefined,
    });
  }

  formRoute(app, guard, {
    path: '/cases/:id/updates',
    refusalField: 'participant_id',
    dateFields: ['told_on'],
    render: (request, reply, update, status) =>
      render(request, reply, idOf(request), { update }, status),
    async save(request) {
      const id = idOf(request);
      await services.updates.record(request.actor!, id, withDates(request.body, ['told_on']));
      return `/cases/${id}/updates?done=recorded`;
    },
  });

  formPost(app, guard, {
    path: '/cases/:id/updates/interval',
    refusalField: 'interval_days',
    render: (request, reply, interval, status) =>
      render(request, reply, idOf(request), { interval }, status),
    async save(request) {
      const id = idOf(request);
      await services.updates.setInterval(request.actor!, id, request.body);
      return `/cases/${id}/updates?done=interval`;
    },
  });
}
