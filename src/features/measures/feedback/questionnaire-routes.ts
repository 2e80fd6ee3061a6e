// The questionnaire editor, for service managers: each save is a new version.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WithServices } from '../../../services.js';
import type { FieldError } from '../../../platform/errors.js';
import { presentForm, problemsOf } from '../../../platform/forms.js';
import { body, feedbackPages, type Params } from './pages.js';
import { editorQuestions, typeItems } from './presenter.js';

export async function questionnaireRoutes(app: FastifyInstance, { services }: WithServices) {
  const { feedback, manager } = feedbackPages(services);

  app.get('/feedback/questionnaires', { preHandler: manager }, async (request, reply) => {
    const t = request.t;
    const audiences = await feedback.questionnaires(request.actor!);
    const query = (request.query ?? {}) as Record<string, unknown>;
    const saved = typeof query.saved === 'string' ? query.saved : undefined;
    return reply.view('measures/feedback/views/questionnaires.njk', {
      audiences: audiences.map((a) => ({ ...a, title: t(`feedback.audiences.${a.audience}`) })),
      flash:
        saved === 'unchanged'
          ? t('feedback.editor.flash.unchanged')
          : saved
            ? t('feedback.editor.flash.saved', { version: saved })
            : undefined,
    });
  });

  async function renderEditor(
    request: FastifyRequest,
    reply: FastifyReply,
    values?: Record<string, unknown>,
    errors: FieldError[] = [],
    status = 200,
  ) {
    const { audience } = request.params as Params;
    const t = request.t;
    const questionnaire = await feedback.questionnaireForEdit(request.actor!, audience);
    const form = presentForm(t, values ?? {}, errors);
    return reply.code(status).view('measures/feedback/views/questionnaire-edit.njk', {
      audience,
      title: t('feedback.editor.editTitle', {
        audience: t(`feedback.audiences.${audience}`).toLowerCase(),
      }),
      version: questionnaire.version,
      form,
      questions: editorQuestions({ items: questionnaire.items, values, form, t }),
      typeItems: typeItems(form, t),
    });
  }

  app.get('/feedback/questionnaires/:audience', { preHandler: manager }, async (request, reply) =>
    renderEditor(request, reply),
  );

  app.post(
    '/feedback/questionnaires/:audience',
    { preHandler: manager },
    async (request, reply) => {
      const { audience } = request.params as Params;
      try {
        const saved = await feedback.saveQuestionnaire(request.actor!, audience, request.body);
        return reply.redirect(
          `/feedback/questionnaires?saved=${saved.changed ? saved.version : 'unchanged'}`,
          303,
        );
      } catch (error) {
        const { errors, status } = problemsOf(error);
        return renderEditor(request, reply, body(request), errors, status);
      }
    },
  );
}
