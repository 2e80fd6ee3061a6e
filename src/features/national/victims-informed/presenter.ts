// The share of victims told about restorative justice, month by month, as a line chart with its
// table, beside the national survey figure (7.5% in 2017/18) drawn as a flat line.
import { combineReturns, NATIONAL_SURVEY_FIGURE } from '../../../domain/victims-informed.js';
import { presentChart } from '../../../platform/charts.js';
import { formatMonth, formatNumber } from '../../../platform/format.js';
import type { Translate } from '../../../platform/i18n/index.js';
import type { AreaMonth } from './store.js';

const V = 'national.victimsOffered';

/** The months given, each with every area's returns for it summed. */
export function byMonth(returns: readonly AreaMonth[]) {
  const months = [...new Set(returns.map((r) => r.month))].sort();
  return months.map((month) => {
    const those = returns.filter((r) => r.month === month);
    return { month, areas: those.length, ...combineReturns(those) };
  });
}

/** Each area's returns in the period summed: the months it gave, victims, told and share. */
export function byArea(returns: readonly AreaMonth[]) {
  const areas = [...new Set(returns.map((r) => r.areaId))];
  return new Map(
    areas.map((areaId) => {
      const those = returns.filter((r) => r.areaId === areaId);
      return [areaId, { months: those.length, ...combineReturns(those) }];
    }),
  );
}

export function trendChart(
  t: Translate,
  id: string,
  months: ReturnType<typeof byMonth>,
  options: { showAreas?: boolean } = {},
) {
  return presentChart({
    id,
    kind: 'line',
    title: t(`${V}.trendTitle`, { count: months.length }),
    labels: months.map((m) => formatMonth(m.month)),
    tableColumns: [
      ...(options.showAreas
        ? [{ label: t(`${V}.areasReporting`), cells: months.map((m) => formatNumber(m.areas)) }]
        : []),
      { label: t(`${V}.victims`), cells: months.map((m) => formatNumber(m.victims)) },
      { label: t(`${V}.told`), cells: months.map((m) => formatNumber(m.toldAboutRj)) },
    ],
    series: [
      { label: t(`${V}.share`), values: months.map((m) => m.percent) },
      {
        label: t(`${V}.surveyFigure`, { period: NATIONAL_SURVEY_FIGURE.period }),
        values: months.map(() => NATIONAL_SURVEY_FIGURE.percent),
      },
    ],
    labelHeading: t(`${V}.month`),
    format: 'percent1',
    min: 0,
  });
}
