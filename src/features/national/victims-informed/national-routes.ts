// Victims told about restorative justice, for national analysts: each area's share in a year,
// and the share across the areas reporting, month by month, beside the national survey figure.
import type { FastifyInstance } from 'fastify';
import { readSurveyYear } from '../../../domain/provision-survey.js';
import { combineReturns, NATIONAL_SURVEY_FIGURE } from '../../../domain/victims-informed.js';
import type { Services } from '../../../services.js';
import { formatNumber, londonDate } from '../../../platform/format.js';
import { requireCapability } from '../../../platform/guards.js';
import { byArea, byMonth, trendChart } from './presenter.js';

export async function victimsOfferedRoutes(
  app: FastifyInstance,
  { services }: { services: Services },
) {
  const reader = requireCapability(
    services.access.authorize,
    'view_national',
    'victims_offered.page',
  );

  app.get('/national/victims-offered', { preHandler: reader }, async (request, reply) => {
    const t = request.t;
    const thisYear = Number(londonDate(services.clock.now()).slice(0, 4));
    const year = readSurveyYear((request.query as { year?: string }).year) ?? thisYear;
    const all = await services.victimsInformed.returns(request.actor!);
    const inYear = all.filter((r) => r.month.startsWith(`${year}-`));
    const areas = await services.organisations.areas();
    const perArea = byArea(inYear);
    const years = [...new Set([thisYear, ...all.map((r) => Number(r.month.slice(0, 4)))])].sort(
      (a, b) => b - a,
    );
    const share = (percent: number | null) =>
      percent === null ? t('national.map.noData') : `${formatNumber(percent, 1)}%`;
    const total = combineReturns(inYear);
    return reply.view('national/victims-informed/views/national.njk', {
      year,
      years: years.map((y) => ({ value: y, text: String(y), selected: y === year })),
      survey: NATIONAL_SURVEY_FIGURE,
      total: { ...total, share: share(total.percent), areas: perArea.size },
      rows: areas.map((area) => {
        const figures = perArea.get(area.id);
        return {
          areaId: area.id,
          name: area.name,
          months: figures ? formatNumber(figures.months) : '0',
          victims: figures ? formatNumber(figures.victims) : t('national.map.noData'),
          told: figures ? formatNumber(figures.toldAboutRj) : t('national.map.noData'),
          share: share(figures?.percent ?? null),
        };
      }),
      chart: all.length
        ? trendChart(t, 'victims-offered', byMonth(all), { showAreas: true })
        : null,
    });
  });
}
