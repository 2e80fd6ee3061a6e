// The Agreement tab of a case (outcome agreement and follow-up), and its question pages.
import type { FastifyInstance } from 'fastify';
import type { WithServices } from '../../../services.js';
import { requireCapability } from '../../../platform/guards.js';
import type { Query } from '../../../platform/form-page.js';
import { caseHeader } from '../presenters.js';
import { registerAgreementPages } from './pages.js';
import { presentAgreementTab } from './presenter.js';

/** What a redirect back to the tab may say was done. */
const DONE = [
  'added',
  'changed',
  'completed',
  'payment',
  'plan',
  'planEnded',
  'followUp',
  'followUpDone',
];

export async function agreementRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'work_cases', 'case.page');

  app.get('/cases/:id/agreement', { preHandler: guard }, async (request, reply) => {
    const { id } = request.params as { id: string };
    const { done } = (request.query ?? {}) as Query;
    const t = request.t;
    const view = await services.agreements.tab(request.actor!, id);
    return reply.view('cases/agreements/views/tab.njk', {
      header: caseHeader(view.case, 'agreement', t),
      tab: presentAgreementTab(view, t),
      flash: done && DONE.includes(done) ? t(`cases.agreement.flash.${done}`) : undefined,
    });
  });

  registerAgreementPages(app, guard, services);
}
