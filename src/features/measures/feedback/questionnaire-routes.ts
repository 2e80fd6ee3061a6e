// The questionnaire editor, for service managers: each save is a new version.
import type { FastifyInstance } from 'fastify';
import type { WithServices } from '../../../services.js';
import { presentForm } from '../../../platform/forms.js';
import { formRoute, type RenderForm } from '../../../platform/form-route.js';
import { feedbackPages, type Params } from './pages.js';
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

  const renderEditor: RenderForm = async (request, reply, typed, status = 200) => {
    const { audience } = request.params as Params;
    const t = request.t;
    const questionnaire = await feedback.questionnaireForEdit(request.actor!, audience);
    const form = typed ?? presentForm(t);
    return reply.code(status).view('measures/feedback/views/questionnaire-edit.njk', {
      audience,
      title: t('feedback.editor.editTitle', {
        audience: t(`feedback.audiences.${audience}`).toLowerCase(),
      }),
      version: questionnaire.version,
      form,
      questions: editorQuestions({ items: questionnaire.items, values: typed?.values, form, t }),
      typeItems: typeItems(form, t),
    });
  };

  formRoute(app, manager, {
    path: '/feedback/questionnaires/:audience',
    render: renderEditor,
    redirectStatus: 303,
    async save(request) {
      const { audience } = request.params as Params;
      const saved = await feedback.saveQuestionnaire(request.actor!, audience, request.body);
      return `/feedback/questionnaires?saved=${saved.changed ? saved.version : 'unchanged'}`;
    },
  });
}
