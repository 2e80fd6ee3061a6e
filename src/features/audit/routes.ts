import type { FastifyInstance } from 'fastify';
import type { WithServices } from '../../services.js';
import { requireCapability } from '../../platform/guards.js';
import { assertFilterDates } from './dates.js';

export async function auditRoutes(app: FastifyInstance, { services }: WithServices) {
  const guard = requireCapability(services.access, 'administer_organisation', 'audit.page');

  app.get('/admin/audit', { preHandler: guard }, async (request, reply) => {
    assertFilterDates(request.query);
    const { filter, events, hasNextPage } = await services.audit.list(
      request.actor!,
      request.query,
    );
    const params = (page: number) => {
      const search = new URLSearchParams();
      for (const [key, value] of Object.entries(filter)) {
        if (key !== 'page' && value !== undefined && value !== '') search.set(key, String(value));
      }
      search.set('page', String(page));
      return `/admin/audit?${search.toString()}`;
    };
    return reply.view('audit/views/list.njk', {
      filter,
      events: events.map((event) => ({ ...event, detailsText: JSON.stringify(event.details) })),
      previousPage: filter.page > 1 ? params(filter.page - 1) : undefined,
      nextPage: hasNextPage ? params(filter.page + 1) : undefined,
      outcomeOptions: [
        { value: '', text: request.t('audit.anyOutcome') },
        ...(['success', 'denied', 'failed'] as const).map((o) => ({
          value: o,
          text: request.t(`audit.outcomes.${o}`),
        })),
      ],
    });
  });
}
