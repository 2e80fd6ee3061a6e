// An area's page for national analysts: where it is, who governs policing there, its survey
// answers across the years (and the responses they replaced), and its Victims' Code returns.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.js';
import { requireCapability } from '../../../platform/guards.js';
import { formatNumber } from '../../../platform/format.js';
import { byMonth, trendChart } from '../victims-informed/presenter.js';
import { answersByYear, presentLocator } from './presenter.js';

export async function areaRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const reader = requireCapability(
    services.access.authorize,
    'view_national',
    'national_area.page',
  );

  app.get('/national/areas/:areaId', { preHandler: reader }, async (request, reply) => {
    const { areaId } = request.params as { areaId: string };
    const t = request.t;
    const page = await services.nationalFigures.area(request.actor!, areaId);
    const areas = await services.organisations.areas();
    const months = byMonth(page.returns);
    return reply.view('national/areas/views/area.njk', {
      profile: page.profile,
      locator: presentLocator(t, areas, areaId),
      answers: answersByYear(t, page.responses),
      replaced: page.responses.filter((r) => !r.current),
      population: page.population && {
        ...page.population,
        text: formatNumber(page.population.population),
      },
      chart: months.length ? trendChart(t, `victims-offered-${areaId}`, months) : null,
    });
  });
}
