// The share of victims told about restorative justice, month by month, as a line chart with its
// table, beside the national survey figure (7.5% in 2017/18) drawn as a flat line. Counts come
// from the year's suppressed grid: a hidden one is shown as the marker, and its share with it.
import { readSurveyYear } from '../../../domain/provision-survey.js';
import { NATIONAL_SURVEY_FIGURE } from '../../../domain/victims-informed.js';
import { presentChart } from '../../../platform/charts.js';
import { formatMonth, formatNumber } from '../../../platform/format.js';
import type { Translate } from '../../../platform/i18n/index.js';
import { HIDDEN, toldFigure, type Shown, type ToldFigure } from '../figures.js';
import type { GridMeasure, SuppressedGrid } from '../grid.js';

const V = 'national.victimsOffered';

export const RETURNS: [GridMeasure, GridMeasure] = ['rVictims', 'rTold'];
export const WAYMARK: [GridMeasure, GridMeasure] = ['referrals', 'wTold'];

/** A count as a table writes it: "1,204", or the marker when hidden. */
export const countText = (n: Shown) => (n === HIDDEN ? HIDDEN : formatNumber(n));

/** A share as a table writes it: "7.5%", the marker when hidden, or "No data". */
export function shareText(t: Translate, figure: ToldFigure | null): string {
  if (!figure || figure.percent === null) return t('national.map.noData');
  return figure.percent === HIDDEN ? HIDDEN : `${formatNumber(figure.percent, 1)}%`;
}

/** Each month of the grid that has a figure, for one area or (area ALL) every area. */
export function monthly(grid: SuppressedGrid, measures: [GridMeasure, GridMeasure], area: string) {
  return grid.months
    .map((month) => ({ month, figure: toldFigure(grid, measures, area, month) }))
    .filter((m): m is { month: string; figure: ToldFigure } => m.figure !== null);
}

export function trendChart(
  t: Translate,
  options: { id: string; title: string; months: ReturnType<typeof monthly> },
) {
  const { months } = options;
  return presentChart({
    id: options.id,
    kind: 'line',
    title: options.title,
    labels: months.map((m) => formatMonth(m.month)),
    tableColumns: [
      { label: t(`${V}.victims`), cells: months.map((m) => countText(m.figure.victims)) },
      { label: t(`${V}.told`), cells: months.map((m) => countText(m.figure.toldAboutRj)) },
    ],
    series: [
      { label: t(`${V}.share`), values: months.map((m) => m.figure.percent) },
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

/**
 * The year a page shows (the one asked for, or this year) and the last four years to choose
 * from, newest first.
 */
export function yearChoice(thisYear: number, asked: string | undefined) {
  const year = readSurveyYear(asked) ?? thisYear;
  return {
    year,
    years: [thisYear, thisYear - 1, thisYear - 2, thisYear - 3].map((y) => ({
      value: y,
      text: String(y),
      selected: y === year,
    })),
  };
}

/**
 * The two trend charts of victims told, as the force reported (returns) and as Waymark recorded,
 * for one area or (area ALL) every area; a chart with no month to show is null.
 */
export function toldCharts(
  t: Translate,
  grid: SuppressedGrid,
  area: string,
  charts: Record<'returns' | 'waymark', { id: string; title: string }>,
) {
  const chart = (which: 'returns' | 'waymark', measures: [GridMeasure, GridMeasure]) => {
    const months = monthly(grid, measures, area);
    return months.length ? trendChart(t, { ...charts[which], months }) : null;
  };
  return { returns: chart('returns', RETURNS), waymark: chart('waymark', WAYMARK) };
}

/** The month just saved, from the address the form came back to. */
export function savedMonth(query: unknown): string | undefined {
  const saved = (query as { saved?: unknown } | undefined)?.saved;
  return typeof saved === 'string' && /^\d{4}-\d{2}$/.test(saved) ? saved : undefined;
}

/** "2026-03" from the month and year boxes, or what was typed, to be refused by the rule. */
export function monthOf(body: Record<string, unknown>): string {
  const part = (name: string) => String(body[`month-${name}`] ?? '').trim();
  const [month, year] = [part('month'), part('year')];
  if (!month && !year) return '';
  return /^\d{1,2}$/.test(month) && /^\d{4}$/.test(year) ? `${year}-${month}` : 'not a month';
}
