// Victims told about restorative justice, for national analysts, in a year: each area's share as
// its police force reported it and as its services on Waymark recorded it, and the share across
// the areas, month by month, beside the national survey figure. Small counts are hidden.
import type { FastifyInstance } from 'fastify';
import { NATIONAL_SURVEY_FIGURE } from '../../../domain/victims-informed.js';
import type { WithServices } from '../../../services.js';
import { londonDate } from '../../../platform/format.js';
import { requireCapability } from '../../../platform/guards.js';
import { definitionLink } from '../definition-link.js';
import { toldFigure } from '../figures.js';
import { ALL } from '../grid.js';
import { countText, RETURNS, shareText, toldCharts, WAYMARK, yearChoice } from './presenter.js';

const V = 'national.victimsOffered';

export async function victimsOfferedRoutes(app: FastifyInstance, { services }: WithServices) {
  const reader = requireCapability(services.access, 'view_national', 'victims_offered.page');

  app.get('/national/victims-offered', { preHandler: reader }, async (request, reply) => {
    const t = request.t;
    const thisYear = Number(londonDate(services.clock.now()).slice(0, 4));
    const { year, years } = yearChoice(thisYear, (request.query as { year?: string }).year);
    const figures = await services.nationalFigures.forYear(request.actor!, year);
    const { grid } = figures;
    const row = (figure: ReturnType<typeof toldFigure>) =>
      figure
        ? {
            victims: countText(figure.victims),
            told: countText(figure.toldAboutRj),
            share: shareText(t, figure),
          }
        : {
            victims: t('national.map.noData'),
            told: t('national.map.noData'),
            share: t('national.map.noData'),
          };
    return reply.view('national/victims-informed/views/national.njk', {
      year,
      years,
      survey: NATIONAL_SURVEY_FIGURE,
      threshold: services.nationalFigures.threshold,
      asAt: await services.nationalFigures.asAt(request.actor!),
      definitions: {
        returns: definitionLink('victims_told_returns'),
        waymark: definitionLink('victims_told_waymark'),
      },
      totals: {
        returns: row(toldFigure(grid, RETURNS, ALL, ALL)),
        waymark: row(toldFigure(grid, WAYMARK, ALL, ALL)),
        reporting: figures.areas.filter((a) => a.victimsOffered).length,
        onWaymark: figures.areas.filter((a) => a.victimsToldWaymark).length,
      },
      rows: figures.areas.map((area) => ({
        areaId: area.areaId,
        name: area.name,
        returns: row(area.victimsOffered),
        waymark: row(area.victimsToldWaymark),
      })),
      charts: toldCharts(t, grid, ALL, {
        returns: { id: 'victims-told-returns', title: t(`${V}.trendReturns`, { year }) },
        waymark: { id: 'victims-told-waymark', title: t(`${V}.trendWaymark`, { year }) },
      }),
    });
  });
}
