// The Assessments tab: needs, risk and suitability per participant, and their sign-offs.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WithServices } from '../../../services.js';
import { can } from '../../../domain/roles.js';
import { isAppError, type FieldError } from '../../../platform/errors.js';
import { formPost, idOf } from '../../../platform/form-route.js';
import { presentForm, type PresentedForm } from '../../../platform/forms.js';
import { requireCapability } from '../../../platform/guards.js';
import { caseHeader } from '../presenters.js';
import { answerRows, assessmentFormItems, kindOf } from './presenter.js';
import { ASSESSMENT_KINDS } from './questions.js';

export async function assessmentRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'work_cases', 'case.page');

  async function renderList(
    request: FastifyRequest,
    reply: FastifyReply,
    caseId: string,
    errors: FieldError[] = [],
    status = 200,
  ) {
    const view = await services.assessments.list(request.actor!, caseId);
    const t = request.t;
    const query = (request.query ?? {}) as Record<string, unknown>;
    return reply.code(status).view('cases/assessments/views/list.njk', {
      ...view,
      header: caseHeader(view.case, 'assessments', t),
      assessments: view.assessments.map((a) => ({ ...a, rows: answerRows(a, t) })),
      canRequireSecond: can(request.actor!, 'manage_service'),
      kinds: ASSESSMENT_KINDS,
      form: presentForm(t, {}, errors),
      flash: query.done ? t(`cases.assessments.flash.${String(query.done)}`) : undefined,
    });
  }

  /** The new assessment form, of the kind asked for (or typed), as first shown or as typed. */
  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    typed?: PresentedForm,
    status = 200,
  ) {
    const query = (request.query ?? {}) as Record<string, string | undefined>;
    const kind = kindOf(typed ? typed.values.kind : query.kind);
    const view = await services.assessments.form(request.actor!, idOf(request), kind);
    const t = request.t;
    const form = typed ?? presentForm(t, { participant_id: query.participant });
    return reply.code(status).view('cases/assessments/views/form.njk', {
      ...view,
      kind,
      header: caseHeader(view.case, 'assessments', t),
      form,
      ...assessmentFormItems(view, kind, form, t),
    });
  }

  app.get('/cases/:id/assessments', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return renderList(request, reply, id);
  });

  app.get('/cases/:id/assessments/new', { preHandler: guard }, (request, reply) =>
    renderForm(request, reply),
  );

  formPost(app, guard, {
    path: '/cases/:id/assessments',
    refusalField: 'participant_id',
    render: renderForm,
    async save(request) {
      const id = idOf(request);
      await services.assessments.record(request.actor!, id, request.body ?? {});
      return `/cases/${id}/assessments?done=recorded`;
    },
  });

  for (const [path, act] of [
    ['sign-off', (a, c, x) => services.assessments.signOff(a, c, x)],
    ['require-second', (a, c, x) => services.assessments.requireSecondSignOff(a, c, x)],
    ['second-sign-off', (a, c, x) => services.assessments.secondSignOff(a, c, x)],
  ] as const satisfies readonly [string, (a: never, c: string, x: string) => Promise<void>][]) {
    app.post(
      `/cases/:id/assessments/:aid/${path}`,
      { preHandler: guard },
      async (request, reply) => {
        const { id, aid } = request.params as { id: string; aid: string };
        try {
          await act(request.actor! as never, id, aid);
          return reply.redirect(`/cases/${id}/assessments?done=${path}`);
        } catch (error) {
          if (!isAppError(error) || !['conflict', 'forbidden'].includes(error.kind)) throw error;
          return renderList(
            request,
            reply,
            id,
            [{ field: `assessment-${aid}`, key: error.messageKey, params: error.params }],
            error.kind === 'forbidden' ? 403 : 409,
          );
        }
      },
    );
  }
}
