// The PCC office's monthly Victims' Code return: a month (month and year boxes), the victims of
// crime the force recorded in it, and how many of them were told about restorative justice.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WithServices } from '../../../services.js';
import { isAppError, type FieldError } from '../../../platform/errors.js';
import { formatMonth } from '../../../platform/format.js';
import { presentForm } from '../../../platform/forms.js';
import { requireCapability } from '../../../platform/guards.js';

const PAGE = 'national/victims-informed/views/form.njk';

/** "2026-03" from the month and year boxes, or what was typed, to be refused by the rule. */
function monthOf(body: Record<string, unknown>): string {
  const part = (name: string) => String(body[`month-${name}`] ?? '').trim();
  const [month, year] = [part('month'), part('year')];
  if (!month && !year) return '';
  return /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year) ? `${year}-${month}` : 'not a month';
}

export async function victimsInformedRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'report_area', 'victims_informed.page');

  async function page(
    request: FastifyRequest,
    reply: FastifyReply,
    options: { values?: Record<string, unknown>; errors?: FieldError[]; saved?: string } = {},
  ) {
    const { areaId, history } = await services.victimsInformed.own(request.actor!);
    const area = (await services.organisations.areas()).find((a) => a.id === areaId);
    const errors = options.errors ?? [];
    return reply.code(errors.length ? 400 : 200).view(PAGE, {
      areaName: area?.name ?? areaId,
      history,
      form: presentForm(request.t, options.values ?? {}, errors),
      flash: options.saved
        ? request.t('national.victimsInformed.form.saved', { month: formatMonth(options.saved) })
        : undefined,
    });
  }

  app.get('/provision/victims-informed', { preHandler: guard }, (request, reply) => {
    const saved = (request.query as { saved?: string }).saved;
    return page(request, reply, {
      saved: saved && /^\d{4}-\d{2}$/.test(saved) ? saved : undefined,
    });
  });

  app.post('/provision/victims-informed', { preHandler: guard }, async (request, reply) => {
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      const { month } = await services.victimsInformed.record(request.actor!, {
        ...body,
        month: monthOf(body),
      });
      return reply.redirect(`/provision/victims-informed?saved=${month.slice(0, 7)}`, 303);
    } catch (error) {
      if (!isAppError(error) || error.kind !== 'validation') throw error;
      return page(request, reply, { values: body, errors: error.fieldErrors });
    }
  });
}
