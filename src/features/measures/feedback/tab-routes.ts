// The Feedback tab of a case.
import type { FastifyInstance } from 'fastify';
import type { WithServices } from '../../../services.js';
import { caseHeader } from '../../cases/index.js';
import { doneOf, feedbackPages, type Params } from './pages.js';
import { presentFeedbackTab } from './tab-presenter.js';

export async function feedbackTabRoutes(app: FastifyInstance, { services }: WithServices) {
  const { feedback, guard } = feedbackPages(services);

  app.get('/cases/:id/feedback', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as Params;
    const view = await feedback.tab(request.actor!, id);
    return reply.view('measures/feedback/views/tab.njk', {
      header: caseHeader(view.case, 'feedback', request.t),
      ...presentFeedbackTab(view, request.t, doneOf(request)),
    });
  });
}
