// The public pages of a one-time questionnaire link: /q/:token to answer, /q/thank-you after.
// No sign-in. No personal data on the page: only the service's name and the questions. An
// unknown, used or expired link, whether fetched or posted to, gets exactly the same page.
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import type { WithServices } from '../../../services.js';
import { type FieldError } from '../../../platform/errors.js';
import { mistakesOf, presentForm } from '../../../platform/forms.js';
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
    values: Record<string, unknown> = {},
    errors: FieldError[] = [],
  ) {
    const { token } = request.params as { token: string };
    const opened = await services.feedback.openLink(token, request.id);
    if (!opened) return unavailable(reply);
    const form = presentForm(request.t, values, errors);
    return publicPage(reply)
      .code(errors.length ? 400 : 200)
      .view(QUESTIONNAIRE, {
        serviceName: opened.serviceName,
        action: `/q/${token}`,
        form,
        questions: questionFields(opened.items, request.t, form),
        equality: equalityQuestions(
          request.t,
          Object.fromEntries(
            Object.entries(values)
              .filter(([key]) => key.startsWith('eq_'))
              .map(([key, value]) => [key.slice(3), String(value)]),
          ),
          { staff: false, errors: form.errors },
        ),
      });
  }

  app.get('/q/thank-you', pageLimit, async (_request, reply) => publicPage(reply).view(THANKS, {}));

  app.get('/q/:token', pageLimit, async (request, reply) => renderQuestionnaire(request, reply));

  app.post('/q/:token', answerLimit, async (request, reply) => {
    const { token } = request.params as { token: string };
    const body = (request.body ?? {}) as Record<string, unknown>;
    try {
      const answered = await services.feedback.answerLink(token, body, request.id);
      if (!answered) return unavailable(reply);
      return reply.redirect('/q/thank-you', 303);
    } catch (error) {
      const fieldErrors = mistakesOf(error);
      return renderQuestionnaire(request, reply, body, fieldErrors);
    }
  });
}
