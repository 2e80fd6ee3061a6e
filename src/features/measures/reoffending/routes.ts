import type { FastifyInstance } from 'fastify';
import type { WithServices } from '../../../services.js';
import { withDates } from '../../../platform/date-input.js';
import { londonDate } from '../../../platform/format.js';
import { mistakesOf, presentForm } from '../../../platform/forms.js';
import { requireCapability } from '../../../platform/guards.js';
import { caseHeader } from '../../cases/index.js';
import { REOFFENDING_SOURCES } from './schemas.js';

export async function reoffendingRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'record_measures', 'case.page');

  async function render(
    request: Parameters<typeof guard>[0],
    reply: Parameters<typeof guard>[1],
    caseId: string,
    checkId: string,
    form = presentForm(
      request.t,
      { checked_on: londonDate(services.clock.now()) },
      [],
      ['checked_on'],
    ),
    status = 200,
  ) {
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
  }

  app.get('/cases/:id/reoffending/:checkId', { preHandler: guard }, async (request, reply) => {
    const { id, checkId } = request.params as { id: string; checkId: string };
    return render(request, reply, id, checkId);
  });

  app.post('/cases/:id/reoffending/:checkId', { preHandler: guard }, async (request, reply) => {
    const { id, checkId } = request.params as { id: string; checkId: string };
    try {
      await services.reoffending.record(
        request.actor!,
        id,
        checkId,
        withDates(request.body, ['checked_on']),
      );
      return reply.redirect(`/cases/${id}?done=reoffending`);
    } catch (error) {
      const fieldErrors = mistakesOf(error);
      return render(
        request,
        reply,
        id,
        checkId,
        presentForm(request.t, request.body as Record<string, unknown>, fieldErrors, [
          'checked_on',
        ]),
        400,
      );
    }
  });
}
