// A participant's equality and diversity answers, on their case (staff).
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WithServices } from '../../services.js';
import { isAppError, type FieldError } from '../../platform/errors.js';
import { presentForm } from '../../platform/forms.js';
import { requireCapability } from '../../platform/guards.js';
import { caseHeader } from '../cases/index.js';
import { equalityQuestions } from './presenter.js';

type Params = { caseId: string; participantId: string };

export async function equalityRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'work_cases', 'case.page');
  const path = '/cases/:caseId/people/:participantId/equality';

  async function render(
    request: FastifyRequest<{ Params: Params }>,
    reply: FastifyReply,
    typed?: Record<string, unknown>,
    errors: FieldError[] = [],
  ) {
    const { caseId, participantId } = request.params;
    const view = await services.equality.form(request.actor!, caseId, participantId);
    const t = request.t;
    const form = presentForm(t, {}, errors);
    const chosen = typed
      ? Object.fromEntries(
          Object.entries(typed)
            .filter(([k]) => k.startsWith('eq_'))
            .map(([k, v]) => [k.slice(3), String(v)]),
        )
      : view.answers;
    return reply.code(errors.length ? 400 : 200).view('equality/views/form.njk', {
      ...view,
      header: caseHeader(view.case, 'people', t),
      form,
      equality: equalityQuestions(t, chosen, { staff: true, errors: form.errors }),
      saved: (request.query as Record<string, unknown> | undefined)?.saved === '1',
    });
  }

  app.get<{ Params: Params }>(path, { preHandler: guard }, (request, reply) =>
    render(request, reply),
  );

  app.post<{ Params: Params }>(path, { preHandler: guard }, async (request, reply) => {
    const { caseId, participantId } = request.params;
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      await services.equality.record(request.actor!, caseId, participantId, body);
    } catch (error) {
      if (!isAppError(error) || error.kind !== 'validation') throw error;
      return render(request, reply, body, error.fieldErrors);
    }
    return reply.redirect(`/cases/${caseId}/people/${participantId}/equality?saved=1`);
  });
}
