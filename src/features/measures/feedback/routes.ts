// The Feedback tab of a case (questionnaire responses, answering online, testimonials), the
// pages behind it, and the service manager's questionnaire editor: one file per journey.
import type { FastifyInstance } from 'fastify';
import type { WithServices } from '../../../services.js';
import { feedbackEntryRoutes } from './entry-routes.js';
import { feedbackOnlineRoutes } from './online-routes.js';
import { questionnaireRoutes } from './questionnaire-routes.js';
import { feedbackTabRoutes } from './tab-routes.js';
import { testimonialRoutes } from './testimonial-routes.js';

export async function feedbackRoutes(app: FastifyInstance, options: WithServices) {
  await feedbackTabRoutes(app, options);
  await feedbackEntryRoutes(app, options);
  await feedbackOnlineRoutes(app, options);
  await testimonialRoutes(app, options);
  await questionnaireRoutes(app, options);
}
