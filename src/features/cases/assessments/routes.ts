// The Assessments tab: needs, risk and suitability per participant, and their sign-offs.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WithServices } from '../../../services.js';
import { can } from '../../../domain/roles.js';
import { isAppError, type FieldError } from '../../../platform/errors.js';
import { presentForm, problemsOf } from '../../../platform/forms.js';
import { requireCapability } from '../../../platform/guards.js';
import { caseHeader } from '../presenters.js';
import { ASSESSMENT_KINDS, questionLabel, type AssessmentKind } from './questions.js';

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
      assessments: view.assessments.map((a) => ({
        ...a,
        rows: ((a.questions ?? []) as { id: string; type: 'yesNo' | 'text'; label?: string }[])
          .filter((q) => (a.answers as Record<string, string>)[q.id] !== undefined)
          .map((q) => ({
            key: { text: questionLabel(q, a.kind, t) },
            value: {
              text:
                q.type === 'yesNo'
                  ? t(`common.${(a.answers as Record<string, string>)[q.id]}`)
                  : (a.answers as Record<string, string>)[q.id],
            },
          })),
      })),
      canRequireSecond: can(request.actor!, 'manage_service'),
      kinds: ASSESSMENT_KINDS,
      form: presentForm(t, {}, errors),
      flash: query.done ? t(`cases.assessments.flash.${String(query.done)}`) : undefined,
    });
  }

  async function renderForm(
    request: FastifyRequest,
    reply: FastifyReply,
    caseId: string,
    kind: AssessmentKind,
    values: Record<string, unknown> = {},
    errors: FieldError[] = [],
    status = 200,
  ) {
    const view = await services.assessments.form(request.actor!, caseId, kind);
    const t = request.t;
    const form = presentForm(t, values, errors);
    return reply.code(status).view('cases/assessments/views/form.njk', {
      ...view,
      kind,
      header: caseHeader(view.case, 'assessments', t),
      form,
      participantItems: view.participants
        .filter((p) => p.consent_status !== 'withdrawn')
        .map((p) => ({
          value: p.id,
          text: `${p.display_name} (${t(`cases.roles.${p.role}`)})`,
          checked: p.id === form.values.participant_id,
        })),
      questions: view.questions.map((q) => ({
        ...q,
        name: `q_${q.id}`,
        label: questionLabel(q, kind, t),
        value: form.values[`q_${q.id}`] ?? '',
        errorMessage: form.errors[`q_${q.id}`],
      })),
    });
  }

  app.get('/cases/:id/assessments', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    return renderList(request, reply, id);
  });

  app.get('/cases/:id/assessments/new', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const query = (request.query ?? {}) as Record<string, string>;
    const kind = (ASSESSMENT_KINDS as readonly string[]).includes(query.kind ?? '')
      ? (query.kind as AssessmentKind)
      : 'needs';
    return renderForm(request, reply, id, kind, { participant_id: query.participant });
  });

  app.post('/cases/:id/assessments', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      await services.assessments.record(request.actor!, id, body);
      return reply.redirect(`/cases/${id}/assessments?done=recorded`);
    } catch (error) {
      const { errors, status } = problemsOf(error, 'participant_id');
      const kind = (ASSESSMENT_KINDS as readonly string[]).includes(String(body.kind))
        ? (body.kind as AssessmentKind)
        : 'needs';
      return renderForm(request, reply, id, kind, body, errors, status);
    }
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
