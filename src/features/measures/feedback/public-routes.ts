// The public pages of a one-time questionnaire link: /q/:token to answer, /q/thank-you after.
// No sign-in. No personal data on the page: only the service's name and the questions. An
// unknown, used or expired link, whether fetched or posted to, gets exactly the same page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WithServices } from '../../../services.js';
import { presentForm } from '../../../platform/forms.js';
import { formPost } from '../../../platform/form-route.js';
import { questionFields } from './presenter.js';
import { equalityQuestions } from '../../equality/index.js';

const QUESTIONNAIRE = 'measures/feedback/views/public/questionnaire.njk';
const UNAVAILABLE = 'measures/feedback/views/public/unavailable.njk';
const THANKS = 'measures/feedback/views/public/thanks.njk';

// A person answers once; a script trying tokens gets nowhere fast (tokens are unguessable anyway).
const pageLimit = { config: { rateLimit: { max: 60, timeWindow: '1 minute' } } };
const answerLimit = { config: { rateLimit: { max: 20, timeWindow: '1 minute' } } };

function publicPage(reply: FastifyReply) {
  return reply.header('x-robots-tag', 'noindex, nofollow').header('referrer-policy', 'no-referrer');
}

export async function feedbackPublicRoutes(app: FastifyInstance, { services }: WithServices) {
  const unavailable = (reply: FastifyReply) => publicPage(reply).code(404).view(UNAVAILABLE, {});

  async function renderQuestionnaire(
    request: FastifyRequest,
    reply: FastifyReply,
    form = presentForm(request.t),
    status = 200,
  ) {
    const { token } = request.params as { token: string };
    const opened = await services.feedback.openLink(token, request.id);
    if (!opened) return unavailable(reply);
    return publicPage(reply)
      .code(status)
      .view(QUESTIONNAIRE, {
        serviceName: opened.serviceName,
        action: `/q/${token}`,
        form,
        questions: questionFields(opened.items, request.t, form),
        equality: equalityQuestions(
          request.t,
          Object.fromEntries(
            Object.entries(form.values)
              .filter(([key]) => key.startsWith('eq_'))
              .map(([key, value]) => [key.slice(3), String(value)]),
          ),
          { staff: false, errors: form.errors },
        ),
      });
  }

  app.get('/q/thank-you', pageLimit, async (_request, reply) => publicPage(reply).view(THANKS, {}));

  app.get('/q/:token', pageLimit, async (request, reply) => renderQuestionnaire(request, reply));

  // Public: no sign-in.
  formPost(app, undefined, {
    path: '/q/:token',
    postConfig: answerLimit.config,
    mistakesOnly: true,
    redirectStatus: 303,
    render: renderQuestionnaire,
    async save(request, reply) {
      const { token } = request.params as { token: string };
      const body = (request.body ?? {}) as Record<string, unknown>;
      const answered = await services.feedback.answerLink(token, body, request.id);
      return answered ? '/q/thank-you' : unavailable(reply);
    },
  });
}
