// The national map: the 43 areas as tiles coloured by a chosen measure for a year, each linking
// to its area page, with the same figures as a table. A form (no JavaScript needed) chooses the
// measure and the year: /national/map?measure=spend_share&year=2018.
import type { FastifyInstance } from 'fastify';
import { readSurveyYear } from '../../../domain/provision-survey.js';
import type { WithServices } from '../../../services.js';
import { londonDate } from '../../../platform/format.js';
import { requireCapability } from '../../../platform/guards.js';
import { definitionLink } from '../definition-link.js';
import { isMapMeasure, MAP_MEASURES, MEASURE_FIGURE } from './measures.js';
import { presentMap } from './presenter.js';

export async function mapRoutes(app: FastifyInstance, { services }: WithServices) {
  const reader = requireCapability(services.access, 'view_national', 'national_map.page');

  app.get('/national/map', { preHandler: reader }, async (request, reply) => {
    const query = request.query as { measure?: string; year?: string };
    const thisYear = Number(londonDate(services.clock.now()).slice(0, 4));
    const years = await services.provision.years(request.actor!);
    const choices = [...new Set([thisYear, ...years])].sort((a, b) => b - a);
    const measure = isMapMeasure(query.measure) ? query.measure : 'spend_share';
    const year = readSurveyYear(query.year) ?? years[0] ?? thisYear;
    const figures = await services.nationalFigures.forYear(request.actor!, year);
    return reply.view('national/map/views/map.njk', {
      map: presentMap(request.t, figures, measure),
      measures: MAP_MEASURES.map((m) => ({
        value: m,
        text: request.t(`national.map.measures.${m}.name`),
        hint: { text: request.t(`national.map.measures.${m}.hint`) },
        checked: m === measure,
      })),
      years: choices.map((y) => ({ value: y, text: String(y), selected: y === year })),
      year,
      definition: definitionLink(MEASURE_FIGURE[measure]),
      threshold: services.nationalFigures.threshold,
      asAt: await services.nationalFigures.asAt(request.actor!),
    });
  });
}
