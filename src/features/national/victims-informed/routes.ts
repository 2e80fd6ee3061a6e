// The PCC office's monthly Victims' Code return: a month (month and year boxes), the victims of
// crime the force recorded in it, and how many of them were told about restorative justice.
import type { FastifyInstance } from 'fastify';
import type { WithServices } from '../../../services.js';
import { formRoute } from '../../../platform/form-route.js';
import { formatMonth } from '../../../platform/format.js';
import { presentForm } from '../../../platform/forms.js';
import { requireCapability } from '../../../platform/guards.js';
import { monthOf, savedMonth } from './presenter.js';

const PAGE = 'national/victims-informed/views/form.njk';

export async function victimsInformedRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'report_area', 'victims_informed.page');

  formRoute(app, guard, {
    path: '/provision/victims-informed',
    mistakesOnly: true,
    redirectStatus: 303,
    async render(request, reply, form, status = 200) {
      const { areaId, history } = await services.victimsInformed.own(request.actor!);
      const area = (await services.organisations.areas()).find((a) => a.id === areaId);
      const saved = form ? undefined : savedMonth(request.query);
      return reply.code(status).view(PAGE, {
        areaName: area?.name ?? areaId,
        history,
        form: form ?? presentForm(request.t),
        flash: saved
          ? request.t('national.victimsInformed.form.saved', { month: formatMonth(saved) })
          : undefined,
      });
    },
    async save(request) {
      const body = (request.body ?? {}) as Record<string, unknown>;
      const input = { ...body, month: monthOf(body) };
      const { month } = await services.victimsInformed.record(request.actor!, input);
      return `/provision/victims-informed?saved=${month.slice(0, 7)}`;
    },
  });
}
