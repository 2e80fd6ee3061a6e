// The Interventions tab of a case, and its question pages.
import type { FastifyInstance } from 'fastify';
import type { WithServices } from '../../../services.js';
import { requireCapability } from '../../../platform/guards.js';
import { caseHeader } from '../presenters.js';
import type { Query } from '../../../platform/form-page.js';
import { registerInterventionPages } from './pages.js';
import { presentInterventionsTab } from './presenter.js';

/** What a redirect back to the tab may say was done. */
const DONE = [
  'planned',
  'changed',
  'cancelled',
  'postponed',
  'held',
  'message',
  'letter',
  'decision',
  'delivered',
];

export async function interventionRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'work_cases', 'case.page');

  app.get('/cases/:id/interventions', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const { done } = (request.query ?? {}) as Query;
    const t = request.t;
    const view = await services.interventions.tab(request.actor!, id);
    return reply.view('cases/interventions/views/tab.njk', {
      header: caseHeader(view.case, 'interventions', t),
      tab: presentInterventionsTab(view, t),
      flash: done && DONE.includes(done) ? t(`cases.interventions.flash.${done}`) : undefined,
    });
  });

  registerInterventionPages(app, guard, services);
}
