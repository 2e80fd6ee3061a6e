// The service outcomes page, for managers: a chosen period's figures with charts that are
// tables first.
import type { FastifyInstance } from 'fastify';
import type { Services } from '../../../services.js';
import { presentChart } from '../../../platform/charts.js';
import { formatChange, formatNumber } from '../../../platform/format.js';
import { requireCapability } from '../../../platform/guards.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { periodQuery, reportForPeriod } from '../../../platform/period.js';
import { awarenessTotals } from '../awareness/presenters.js';
import type { Outcomes } from './service.js';

function itemLabel(t: Translate, itemId: string): string {
  const label = t(`measures.outcomes.items.${itemId}`);
  return label.startsWith('measures.outcomes.items.') ? itemId.replace(/_/g, ' ') : label;
}

export function outcomeCharts(outcomes: Outcomes, t: Translate) {
  const satisfaction = outcomes.satisfaction
    .filter((s) => s.items.length > 0)
    .map((s) =>
      presentChart({
        id: `satisfaction-${s.audience}`,
        kind: 'horizontalBar',
        title: t(`measures.outcomes.satisfactionChart.${s.audience}`, { count: s.responses }),
        labels: s.items.map((item) => `${itemLabel(t, item.itemId)} (n=${item.rate.n})`),
        series: [
          {
            label: t('measures.outcomes.percentAgreeing'),
            values: s.items.map((item) => item.rate.percent),
          },
        ],
        labelHeading: t('measures.outcomes.question'),
        format: 'percent',
        min: 0,
        max: 100,
      }),
    );
  const wellbeing = outcomes.wellbeing.perCategory.length
    ? presentChart({
        id: 'wellbeing-categories',
        kind: 'bar',
        title: t('measures.outcomes.wellbeingChart'),
        labels: outcomes.wellbeing.perCategory.map((c) => `${c.label} (n=${c.people})`),
        series: [
          {
            label: t('measures.outcomes.medianChange'),
            values: outcomes.wellbeing.perCategory.map((c) => c.median),
          },
        ],
        labelHeading: t('measures.outcomes.category'),
        format: 'signed',
        min: -4,
        max: 4,
      })
    : undefined;
  const distribution = outcomes.wellbeing.compared
    ? presentChart({
        id: 'wellbeing-distribution',
        kind: 'bar',
        title: t('measures.outcomes.distributionChart', { count: outcomes.wellbeing.compared }),
        labels: outcomes.wellbeing.overallDistribution.map((d) => formatChange(d.change)),
        series: [
          {
            label: t('measures.outcomes.people'),
            values: outcomes.wellbeing.overallDistribution.map((d) => d.people),
          },
        ],
        labelHeading: t('measures.outcomes.change'),
      })
    : undefined;
  const attrition = outcomes.closures.cases
    ? presentChart({
        id: 'closures',
        kind: 'horizontalBar',
        title: t('measures.outcomes.closuresChart', { count: outcomes.closures.cases }),
        labels: outcomes.closures.byOutcome.map((o) => t(`cases.outcomes.${o.key}`)),
        series: [
          {
            label: t('measures.outcomes.cases'),
            values: outcomes.closures.byOutcome.map((o) => o.count),
          },
        ],
        labelHeading: t('measures.outcomes.outcome'),
      })
    : undefined;
  return { satisfaction, wellbeing, distribution, attrition };
}

const formatFigure = (value: number) => formatNumber(value, Number.isInteger(value) ? 0 : 1);

/** The headline figures, each with what it rests on. */
export function headlines(outcomes: Outcomes, t: Translate) {
  const figure = (value: number | null, n: number, unit = '', shown = formatFigure) =>
    value === null
      ? t('measures.outcomes.noData')
      : `${shown(value)}${unit} (${t('measures.outcomes.basedOn', { n })})`;
  const satisfied = outcomes.satisfaction
    .find((s) => s.audience === 'harmed')
    ?.items.find((i) => i.itemId === 'satisfied')?.rate;
  const hours = (value: number | null) => (value === null ? '–' : formatNumber(value, 1));
  const row = (key: string, text: string) => ({
    key: { text: t(`measures.outcomes.${key}`) },
    value: { text },
  });
  return [
    row('satisfiedHarmed', figure(satisfied?.percent ?? null, satisfied?.n ?? 0, '%')),
    row(
      'distanceMedian',
      figure(outcomes.wellbeing.overallMedian, outcomes.wellbeing.compared, '', formatChange),
    ),
    row('reoffending', figure(outcomes.reoffending.percent, outcomes.reoffending.n, '%')),
    row(
      'firstContact',
      figure(
        outcomes.firstContact.medianWorkingDays,
        outcomes.firstContact.cases,
        '',
        // "1 working day", "2.5 working days": the unit agrees with the number.
        (days) => t('measures.outcomes.workingDays', { count: days, days: formatFigure(days) }),
      ),
    ),
    row(
      'hoursPerCase',
      outcomes.time.cases === 0
        ? t('measures.outcomes.noData')
        : t('measures.outcomes.hoursFigures', {
            median: hours(outcomes.time.medianHoursPerCase),
            mean: hours(outcomes.time.meanHoursPerCase),
            total: formatNumber(outcomes.time.totalHours, 1),
            miles: formatNumber(outcomes.time.totalMiles, 1),
            count: outcomes.time.cases,
          }),
    ),
    row('awareness', awarenessTotals(outcomes.awareness, t)),
    row('closed', String(outcomes.closures.cases)),
  ];
}

export async function outcomeRoutes(app: FastifyInstance, { services }: { services: Services }) {
  const guard = requireCapability(services.access.authorize, 'manage_service', 'outcomes.page');

  app.get('/outcomes', { preHandler: guard }, async (request, reply) => {
    const t = request.t;
    const { report, form, status } = await reportForPeriod(request.query, t, () =>
      services.outcomes.forPeriod(request.actor!, request.query),
    );
    return reply.code(status).view('measures/outcomes/views/outcomes.njk', {
      form,
      outcomes: report,
      charts: report && outcomeCharts(report, t),
      headlines: report && headlines(report, t),
      timeLink: report && `/time?${periodQuery(report.period)}`,
    });
  });
}
