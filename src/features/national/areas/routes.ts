// An area's page for national analysts: where it is, who governs policing there, its survey
// answers across the years (and those they replaced), and a year's figures: referrals its
// services on Waymark received, by month, by who asked and by how far they got, and the victims
// told about restorative justice, as the force reported and as Waymark recorded. Every count is
// read from the year's suppressed grid, the same one the national pages use.
import type { FastifyInstance } from 'fastify';
import { FUNNEL_STAGES } from '../../../domain/figures.js';
import type { WithServices } from '../../../services.js';
import { formatMonth, formatNumber, londonDate } from '../../../platform/format.js';
import { requireCapability } from '../../../platform/guards.js';
import { HIDDEN } from '../figures.js';
import { ALL, type SuppressedGrid } from '../grid.js';
import { countText, toldCharts, yearChoice } from '../victims-informed/presenter.js';
import { definitionLink } from '../definition-link.js';
import { answersByYear, presentLocator } from './presenter.js';

const A = 'national.area';

function breakdownRows(
  grid: SuppressedGrid,
  family: 'initiated_by' | 'furthest',
  areaId: string,
  label: (value: string) => string,
  order: readonly string[],
) {
  return grid
    .breakdown(family, areaId)
    .sort((a, b) => order.indexOf(a.value) - order.indexOf(b.value))
    .map((part) => [
      { text: label(part.value) },
      { text: countText(part.n ?? HIDDEN), format: 'numeric' },
    ]);
}

export async function areaRoutes(app: FastifyInstance, { services }: WithServices) {
  const reader = requireCapability(services.access, 'view_national', 'national_area.page');

  app.get('/national/areas/:areaId', { preHandler: reader }, async (request, reply) => {
    const { areaId } = request.params as { areaId: string };
    const t = request.t;
    const thisYear = Number(londonDate(services.clock.now()).slice(0, 4));
    const { year, years } = yearChoice(thisYear, (request.query as { year?: string }).year);
    const page = await services.nationalFigures.area(request.actor!, areaId, year);
    const { grid } = page;
    const areas = await services.organisations.areas();
    return reply.view('national/areas/views/area.njk', {
      year,
      years,
      profile: page.profile,
      locator: presentLocator(t, areas, areaId),
      answers: answersByYear(t, page.responses),
      replaced: page.responses.filter((r) => !r.current),
      population: page.population && {
        ...page.population,
        text: formatNumber(page.population.population),
      },
      onWaymark: page.onWaymark,
      threshold: services.nationalFigures.threshold,
      asAt: await services.nationalFigures.asAt(request.actor!),
      referrals: {
        definition: definitionLink('referrals_received'),
        total: page.figures.referrals === null ? null : countText(page.figures.referrals),
        months: grid.months
          .map((month) => ({ month, figure: grid.get('referrals', areaId, month) }))
          .filter((m) => m.figure)
          .map((m) => [
            { text: formatMonth(m.month) },
            { text: countText(m.figure!.n ?? HIDDEN), format: 'numeric' },
          ]),
        initiatedBy: breakdownRows(
          grid,
          'initiated_by',
          areaId,
          (v) => t(`referrals.options.initiatedBy.${v}`),
          ['victim', 'offender', 'agency'],
        ),
        furthest: breakdownRows(
          grid,
          'furthest',
          areaId,
          (v) => t(`${A}.stages.${v}`),
          FUNNEL_STAGES,
        ),
        funnelDefinition: definitionLink('funnel'),
      },
      charts: toldCharts(t, grid, areaId, {
        returns: {
          id: `told-returns-${areaId}`,
          title: t('national.victimsOffered.trendReturnsArea', { year }),
        },
        waymark: {
          id: `told-waymark-${areaId}`,
          title: t('national.victimsOffered.trendWaymarkArea', { year }),
        },
      }),
      definitions: {
        returns: definitionLink('victims_told_returns'),
        waymark: definitionLink('victims_told_waymark'),
      },
      all: ALL,
    });
  });
}
