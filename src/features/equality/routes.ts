// A participant's equality and diversity answers, on their case (staff).
import type { FastifyInstance } from 'fastify';
import type { WithServices } from '../../services.js';
import { formRoute } from '../../platform/form-route.js';
import { presentForm } from '../../platform/forms.js';
import { requireCapability } from '../../platform/guards.js';
import { caseHeader } from '../cases/index.js';
import { equalityQuestions, typedAnswers } from './presenter.js';

type Params = { caseId: string; participantId: string };

export async function equalityRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'work_cases', 'case.page');

  formRoute(app, guard, {
    path: '/cases/:caseId/people/:participantId/equality',
    mistakesOnly: true,
    async render(request, reply, typed, status = 200) {
      const { caseId, participantId } = request.params as Params;
      const view = await services.equality.form(request.actor!, caseId, participantId);
      const t = request.t;
      const form = typed ?? presentForm(t);
      const chosen = typed ? typedAnswers(typed.values) : view.answers;
      return reply.code(status).view('equality/views/form.njk', {
        ...view,
        header: caseHeader(view.case, 'people', t),
        form,
        equality: equalityQuestions(t, chosen, { staff: true, errors: form.errors }),
        saved: (request.query as Record<string, unknown> | undefined)?.saved === '1',
      });
    },
    async save(request) {
      const { caseId, participantId } = request.params as Params;
      await services.equality.record(request.actor!, caseId, participantId, request.body ?? {});
      return `/cases/${caseId}/people/${participantId}/equality?saved=1`;
    },
  });
}
