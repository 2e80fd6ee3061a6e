import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { WithServices } from '../../../services.js';
import { withDates } from '../../../platform/date-input.js';
import { londonDate } from '../../../platform/format.js';
import { presentForm } from '../../../platform/forms.js';
import { formRoute, type RenderForm } from '../../../platform/form-route.js';
import { requireCapability } from '../../../platform/guards.js';
import { caseHeader } from '../../cases/index.js';
import { REOFFENDING_SOURCES } from './schemas.js';

const paramsOf = (request: FastifyRequest) => request.params as { id: string; checkId: string };

export async function reoffendingRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'record_measures', 'case.page');

  /** The check's page: empty (checked today), or as typed. */
  const render: RenderForm = async (request, reply, typed, status = 200) => {
    const today = { checked_on: londonDate(services.clock.now()) };
    const form = typed ?? presentForm(request.t, today, [], ['checked_on']);
    const { id: caseId, checkId } = paramsOf(request);
    const view = await services.cases.get(request.actor!, caseId);
    const checks = await services.reoffending.forCase(request.actor!, caseId);
    const check = checks.find((c) => c.id === checkId);
    if (!check) return reply.callNotFound();
    const t = request.t;
    return reply.code(status).view('measures/reoffending/views/check.njk', {
      header: caseHeader(view.case, 'summary', t),
      case: view.case,
      check,
      form,
      resultItems: ['no', 'yes', 'unknown'].map((value) => ({
        value,
        text: t(`measures.reoffending.results.${value}`),
        checked: form.values.further_offence === value,
      })),
      sourceItems: REOFFENDING_SOURCES.map((value) => ({
        value,
        text: t(`measures.reoffending.sources.${value}`),
        checked: form.values.source === value,
      })),
    });
  };

  formRoute(app, guard, {
    path: '/cases/:id/reoffending/:checkId',
    render,
    mistakesOnly: true,
    dateFields: ['checked_on'],
    async save(request) {
      const { id, checkId } = paramsOf(request);
      await services.reoffending.record(
        request.actor!,
        id,
        checkId,
        withDates(request.body, ['checked_on']),
      );
      return `/cases/${id}?done=reoffending`;
    },
  });
}
