import type { FastifyInstance } from 'fastify';
import type { WithServices } from '../../services.js';
import { requireSignedIn } from '../../platform/guards.js';

export async function dashboardRoutes(app: FastifyInstance, { services }: WithServices) {
  app.get('/', { preHandler: requireSignedIn }, async (request, reply) => {
    const summary = await services.dashboard.summary(request.actor!);
    return reply.view('dashboard/views/home.njk', { summary });
  });
}
