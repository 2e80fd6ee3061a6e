// Outcomes: satisfaction, wellbeing "distance travelled", reoffending, and the testimonials
// participants allowed to be shared.
import { readFileSync } from 'node:fs';
import { medianOfCounts } from '../../../domain/figure-math.js';
import { agrees, rate, RECOMMEND_ANSWERS, recommends } from '../../../domain/measures.js';
import { labelOf, type ReportBuilder, type Unit } from '../builder.js';
import type { CountCell, Row, Section, Table } from '../model.js';

type Testimonial = { service: string; approvedOn: string; text: string };

/** The shipped questionnaire's questions, in order, for each audience. */
const shipped = JSON.parse(
  readFileSync(new URL('../../../reference/questionnaire.json', import.meta.url), 'utf8'),
) as Record<'harmed' | 'harmer', { id: string }[]>;
const SHIPPED_ITEMS = {
  harmed: shipped.harmed.map((item) => item.id),
  harmer: shipped.harmer.map((item) => item.id),
};

function isRecommend(values: readonly string[]) {
  return values.some((v) => (RECOMMEND_ANSWERS as readonly string[]).includes(v));
}

/** For one audience: each statement's answers that agree, all its answers, and the rate. */
function satisfaction(b: ReportBuilder, audience: 'harmed' | 'harmer'): Table[] {
  const { ctx } = b;
  const { t, data } = ctx;
  // In the order the shipped questionnaire asks them; a service's own questions after.
  const order = SHIPPED_ITEMS[audience];
  const rank = (dimension: string) => {
    const i = order.indexOf(dimension.slice(`answer.${audience}.`.length));
    return i < 0 ? order.length : i;
  };
  const items = data
    .dimensionsOf('satisfaction', `answer.${audience}.`)
    .sort((a, b) => rank(a) - rank(b) || a.localeCompare(b));
  const counts = (unit: Unit, dimension: string) => {
    const values = data.valuesOf('satisfaction', dimension);
    const agreeing = values.filter((v) =>
      isRecommend(values) ? recommends(v) : agrees(Number(v)),
    );
    const where = { orgIds: unit.orgIds, months: ctx.months };
    const yes = b.count(
      b.key('satisfaction', dimension, 'agreeing', unit),
      data.count('satisfaction', dimension, agreeing, where),
    );
    const all = b.count(
      b.key('satisfaction', dimension, 'answered', unit),
      data.count('satisfaction', dimension, values, where),
    );
    const other = b.count(
      b.key('satisfaction', dimension, 'not_agreeing', unit),
      all.value - yes.value,
    );
    b.relate(all.key, [yes.key, other.key]);
    return {
      yes,
      all,
      other,
      rate: b.measure(rate(yes.value, all.value).percent, 'percent', [yes.key, all.key, other.key]),
    };
  };
  const label = (dimension: string) =>
    labelOf(t, 'measures.outcomes.items', dimension.slice(`answer.${audience}.`.length));
  const perUnit = items.map((dimension) => {
    const cells = ctx.units.map((unit) => counts(unit, dimension));
    for (const part of ['yes', 'all', 'other'] as const)
      b.relateServices(cells.map((c) => c[part]));
    return { dimension, cells };
  });
  const combined = perUnit.map(({ dimension, cells }) => {
    const c = cells.at(-1)!;
    return { key: dimension, label: label(dimension), cells: [c.yes, c.all, c.rate] };
  });
  const tables: Table[] = [
    {
      id: `satisfaction-${audience}`,
      title: t(`reports.outcomes.satisfaction.${audience}`, { unit: ctx.combined.label }),
      figure: 'satisfaction',
      rowHeading: t('reports.outcomes.statement'),
      columns: ['agreeing', 'answered', 'rate'].map((key) => ({
        key,
        label: t(`reports.outcomes.${key}`),
      })),
      rows: combined,
      chart: { kind: 'horizontalBar', columns: [2] },
    },
  ];
  if (ctx.units.length > 1)
    tables.push({
      id: `satisfaction-${audience}-by-service`,
      title: t(`reports.outcomes.satisfactionByService.${audience}`),
      figure: 'satisfaction',
      rowHeading: t('reports.outcomes.statement'),
      columns: b.unitColumns(),
      rows: perUnit.map(({ dimension, cells }) => ({
        key: dimension,
        label: label(dimension),
        cells: cells.map((c) => c.rate),
      })),
    });
  return tables;
}

function wellbeing(b: ReportBuilder): Table[] {
  const { ctx } = b;
  const { t, data } = ctx;
  const { total: exits, parts } = b.totalAndParts({
    figure: 'wellbeing',
    labels: 'reports.outcomes.wellbeing',
    total: 'exits',
    dimension: 'compared',
    values: ['yes', 'only_exit', 'nothing_in_common'],
  });
  const compared = parts[0]!;
  const median: Row = {
    key: 'median',
    label: t('reports.outcomes.wellbeing.median'),
    cells: ctx.units.map((unit, i) =>
      b.measure(
        medianOfCounts(
          data
            .histogram('wellbeing', 'overall_change', { orgIds: unit.orgIds, months: ctx.months })
            .map((h) => ({ value: Number(h.value), n: h.n })),
        ),
        'signed',
        [(compared.cells[i] as CountCell).key],
      ),
    ),
  };
  const overall = data.histogram('wellbeing', 'overall_change', {
    orgIds: ctx.combined.orgIds,
    months: ctx.months,
  });
  const combinedCompared = compared.cells.at(-1) as CountCell;
  const bins = [-4, -3, -2, -1, 0, 1, 2, 3, 4].map((change) => ({
    key: String(change),
    label:
      change === 0
        ? t('reports.outcomes.wellbeing.noChange')
        : t(`reports.outcomes.wellbeing.${change > 0 ? 'up' : 'down'}`, {
            count: Math.abs(change),
          }),
    cells: [
      b.count(
        b.key('wellbeing', 'overall_change~rounded', String(change), ctx.combined),
        overall.filter((h) => Math.round(Number(h.value)) === change).reduce((s, h) => s + h.n, 0),
      ),
    ],
  }));
  b.relate(
    combinedCompared.key,
    bins.map((bin) => bin.cells[0]!.key),
  );
  // In the order of the shipped categories of need; a service's own after them.
  const known = [...ctx.categories.keys()];
  const place = (dimension: string) => {
    const i = known.indexOf(dimension.slice('change.'.length));
    return i < 0 ? known.length : i;
  };
  const categories = data
    .dimensionsOf('wellbeing', 'change.')
    .sort((a, b) => place(a) - place(b) || a.localeCompare(b))
    .map((dimension) => {
      const key = dimension.slice('change.'.length);
      const histogram = data.histogram('wellbeing', dimension, {
        orgIds: ctx.combined.orgIds,
        months: ctx.months,
      });
      const people = b.count(
        b.key('wellbeing', dimension, '', ctx.combined),
        histogram.reduce((s, h) => s + h.n, 0),
      );
      return {
        key,
        label: ctx.categories.get(key) ?? labelOf(t, 'reports.categories', key),
        cells: [
          people,
          b.measure(
            medianOfCounts(histogram.map((h) => ({ value: Number(h.value), n: h.n }))),
            'signed',
            [people.key],
          ),
        ],
      };
    });
  return [
    {
      id: 'wellbeing',
      title: t('reports.outcomes.wellbeing.title'),
      figure: 'wellbeing',
      rowHeading: t('reports.figure'),
      columns: b.unitColumns(),
      rows: [exits, ...parts, median],
    },
    {
      id: 'wellbeing-distribution',
      title: t('reports.outcomes.wellbeing.distribution', { unit: ctx.combined.label }),
      figure: 'wellbeing',
      rowHeading: t('reports.outcomes.wellbeing.changeHeading'),
      columns: [{ key: 'people', label: t('reports.outcomes.people') }],
      rows: bins,
      chart: { kind: 'bar', columns: [0] },
    },
    {
      id: 'wellbeing-categories',
      title: t('reports.outcomes.wellbeing.categories', { unit: ctx.combined.label }),
      figure: 'wellbeing',
      rowHeading: t('reports.outcomes.wellbeing.category'),
      columns: [
        { key: 'people', label: t('reports.outcomes.people') },
        { key: 'median', label: t('reports.outcomes.wellbeing.medianChange') },
      ],
      rows: categories,
      chart: { kind: 'bar', columns: [1] },
    },
  ];
}

function reoffending(b: ReportBuilder): Table {
  const { ctx } = b;
  const { t } = ctx;
  const { total: checks, parts: results } = b.totalAndParts({
    figure: 'reoffending',
    labels: 'reports.outcomes.reoffending',
    total: 'checks',
    dimension: 'result',
    values: ['yes', 'no', 'unknown'],
  });
  const [yes, no] = results as [Row, Row];
  return {
    id: 'reoffending',
    title: t('reports.outcomes.reoffending.title'),
    figure: 'reoffending',
    rowHeading: t('reports.figure'),
    columns: b.unitColumns(),
    rows: [
      checks,
      ...results,
      {
        key: 'rate',
        label: t('reports.outcomes.reoffending.rate'),
        cells: ctx.units.map((_, i) => {
          const [y, n] = [yes.cells[i] as CountCell, no.cells[i] as CountCell];
          return b.measure(rate(y.value, y.value + n.value).percent, 'percent', [y.key, n.key]);
        }),
      },
    ],
  };
}

export function outcomesSection(b: ReportBuilder, testimonials: Testimonial[]): Section {
  const { t } = b.ctx;
  return {
    id: 'outcomes',
    title: t('reports.sections.outcomes'),
    tables: [
      ...satisfaction(b, 'harmed'),
      ...satisfaction(b, 'harmer'),
      ...wellbeing(b),
      reoffending(b),
    ],
    testimonials,
  };
}
