// Staff entry of a paper form or a call, and one response as it was answered.
import type { FastifyInstance } from 'fastify';
import type { WithServices } from '../../../services.js';
import { presentForm } from '../../../platform/forms.js';
import { formPost, type RenderForm } from '../../../platform/form-route.js';
import { caseHeader } from '../../cases/index.js';
import { withDates } from '../../../platform/date-input.js';
import { feedbackPages, tabUrl, type Params } from './pages.js';
import { answeredQuestions, questionFields } from './presenter.js';
import { STAFF_CHANNELS, type Answers } from './questionnaire.js';

export async function feedbackEntryRoutes(app: FastifyInstance, { services }: WithServices) {
  const { feedback, guard, today } = feedbackPages(services);

  const renderEntry: RenderForm = async (request, reply, typed, status = 200) => {
    const { id, pid } = request.params as Params;
    const t = request.t;
    const view = await feedback.entryForm(request.actor!, id, pid);
    const form = typed ?? presentForm(t, { responded_on: today() }, [], ['responded_on']);
    return reply.code(status).view('measures/feedback/views/entry.njk', {
      header: caseHeader(view.case, 'feedback', t),
      participant: view.participant,
      version: view.questionnaire.version,
      form,
      channelItems: STAFF_CHANNELS.map((c) => ({
        value: c,
        text: t(`feedback.channels.${c}`),
        checked: form.values.channel === c,
      })),
      questions: questionFields(view.questionnaire.items, t, form),
    });
  };

  app.get(
    '/cases/:id/feedback/people/:pid/responses/new',
    { preHandler: guard },
    async (request, reply) => renderEntry(request, reply),
  );

  formPost(app, guard, {
    path: '/cases/:id/feedback/people/:pid/responses',
    render: renderEntry,
    dateFields: ['responded_on'],
    redirectStatus: 303,
    async save(request) {
      const { id, pid } = request.params as Params;
      const input = withDates(request.body, ['responded_on']);
      await feedback.recordFromForm(request.actor!, id, pid, input);
      return tabUrl(id, 'recorded');
    },
  });

  app.get('/cases/:id/feedback/responses/:rid', { preHandler: guard }, async (request, reply) => {
    const { id, rid } = request.params as Params;
    const t = request.t;
    const view = await feedback.response(request.actor!, id, rid);
    return reply.view('measures/feedback/views/response.njk', {
      header: caseHeader(view.case, 'feedback', t),
      response: view.response,
      channelText: t(`feedback.channels.${view.response.channel}`),
      version: view.questionnaire.version,
      answers: answeredQuestions(view.questionnaire.items, view.response.answers as Answers, t),
    });
  });
}
