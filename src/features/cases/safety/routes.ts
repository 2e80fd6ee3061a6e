// The safety flags page: a service manager changes a case's flags, with a reason.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WithServices } from '../../../services.js';
import { SAFETY_FLAGS } from '../../../domain/safety-flags.js';
import { presentForm, problemsOf } from '../../../platform/forms.js';
import { requireCapability } from '../../../platform/guards.js';
import { caseHeader } from '../presenters.js';

export async function caseSafetyRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'manage_service', 'case.page');

  async function render(
    request: FastifyRequest,
    reply: FastifyReply,
    caseId: string,
    form?: ReturnType<typeof presentForm>,
    status = 200,
  ) {
    const view = await services.caseSafety.view(request.actor!, caseId);
    const t = request.t;
    const chosen = form
      ? [form.values.flags].flat().filter(Boolean)
      : SAFETY_FLAGS.filter((flag) => view.flags[flag]);
    return reply.code(status).view('cases/safety/views/flags.njk', {
      header: caseHeader(view.case, 'summary', t),
      form: form ?? presentForm(t, {}),
      version: form?.values.version ?? view.case.version,
      flagItems: SAFETY_FLAGS.map((flag) => ({
        value: flag,
        text: t(`cases.safety.flags.${flag}`),
        hint: { text: t(`cases.safety.hints.${flag}`) },
        checked: chosen.includes(flag),
      })),
    });
  }

  app.get('/cases/:id/safety-flags', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return render(request, reply, id);
  });

  app.post('/cases/:id/safety-flags', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    try {
      await services.caseSafety.change(request.actor!, id, request.body);
      return reply.redirect(`/cases/${id}?done=flagsChanged#safety`);
    } catch (error) {
      const { errors, status } = problemsOf(error, 'flags');
      return render(
        request,
        reply,
        id,
        presentForm(request.t, request.body as Record<string, unknown>, errors),
        status,
      );
    }
  });
}
