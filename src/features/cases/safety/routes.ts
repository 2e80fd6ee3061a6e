// The safety flags page: a service manager changes a case's flags, with a reason.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WithServices } from '../../../services.js';
import { SAFETY_FLAGS } from '../../../domain/safety-flags.js';
import { formRoute, idOf } from '../../../platform/form-route.js';
import { presentForm } from '../../../platform/forms.js';
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

  formRoute(app, guard, {
    path: '/cases/:id/safety-flags',
    refusalField: 'flags',
    render: (request, reply, form, status) => render(request, reply, idOf(request), form, status),
    async save(request) {
      const id = idOf(request);
      await services.caseSafety.change(request.actor!, id, request.body);
      return `/cases/${id}?done=flagsChanged#safety`;
    },
  });
}
