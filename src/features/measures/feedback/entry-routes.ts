// Staff entry of a paper form or a call, and one response as it was answered.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WithServices } from '../../../services.js';
import type { FieldError } from '../../../platform/errors.js';
import { presentForm, problemsOf } from '../../../platform/forms.js';
import { caseHeader } from '../../cases/index.js';
import { withDates } from '../../../platform/date-input.js';
import { body, feedbackPages, tabUrl, type Params } from './pages.js';
import { answeredQuestions, questionFields } from './presenter.js';
import { STAFF_CHANNELS, type Answers } from './questionnaire.js';

export async function feedbackEntryRoutes(app: FastifyInstance, { services }: WithServices) {
  const { feedback, guard, today } = feedbackPages(services);

  async function renderEntry(
    request: FastifyRequest,
    reply: FastifyReply,
    values: Record<string, unknown>,
    errors: FieldError[] = [],
    status = 200,
  ) {
    const { id, pid } = request.params as Params;
    const t = request.t;
    const view = await feedback.entryForm(request.actor!, id, pid);
    const form = presentForm(t, values, errors, ['responded_on']);
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
  }

  app.get(
    '/cases/:id/feedback/people/:pid/responses/new',
    { preHandler: guard },
    async (request, reply) => renderEntry(request, reply, { responded_on: today() }),
  );

  app.post(
    '/cases/:id/feedback/people/:pid/responses',
    { preHandler: guard },
    async (request, reply) => {
      const { id, pid } = request.params as Params;
      const input = withDates(request.body, ['responded_on']);
      try {
        await feedback.recordFromForm(request.actor!, id, pid, input);
        return reply.redirect(tabUrl(id, 'recorded'), 303);
      } catch (error) {
        const { errors, status } = problemsOf(error);
        return renderEntry(request, reply, body(request), errors, status);
      }
    },
  );

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
