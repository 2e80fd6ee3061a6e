// One report, built from the store and suppressed once. The service report (a manager's own
// service, nothing hidden) and the area report (a commissioner's services, small numbers hidden)
// are the same report for different services and thresholds.
import { requireFigure } from '../../domain/figures.js';
import { monthsOf } from '../../domain/report-periods.js';
import { suppress } from '../../domain/suppression.js';
import type { CostBenefit, YearSpend } from '../../domain/value-for-money.js';
import type { Translate } from '../../platform/i18n/index.js';
import { ReportBuilder, type BuildContext, type Unit } from './builder.js';
import type { Report, ReportService, Section } from './model.js';
import { activitySection } from './sections/activity.js';
import { equalitySection } from './sections/equality.js';
import { funnelSection } from './sections/funnel.js';
import { interventionsSection } from './sections/interventions.js';
import { outcomesSection } from './sections/outcomes.js';
import { spendSection } from './sections/spend.js';
import { volumesSection } from './sections/volumes.js';
import { FigureData, type Organisation, type StoreRow } from './store.js';

/** What a report is built from: what it says about itself, and the figures it reads. */
export interface ReportInput extends Pick<
  Report,
  | 'kind'
  | 'title'
  | 'period'
  | 'periodLabel'
  | 'area'
  | 'services'
  | 'producedAt'
  | 'figuresAsAt'
  | 'threshold'
> {
  rows: readonly StoreRow[];
  testimonials: { orgId: string; approvedOn: string; text: string }[];
  spend: ReadonlyMap<string, YearSpend[]>;
  costBenefit: CostBenefit;
  organisations: readonly Organisation[];
  offenceGroups: ReadonlyMap<string, string>;
  categories: ReadonlyMap<string, string>;
  t: Translate;
}

function unitsOf(services: ReportService[], t: Translate): Unit[] {
  const units = services.map((s) => ({ key: s.id, label: s.name, orgIds: [s.id] }));
  if (units.length > 1)
    units.push({ key: 'all', label: t('reports.allServices'), orgIds: services.map((s) => s.id) });
  return units;
}

/** The definitions a report's figures follow, in the order they first appear. */
function definitionsOf(sections: Section[], t: Translate): Report['definitions'] {
  const ids = new Set<string>();
  for (const section of sections)
    for (const table of section.tables)
      for (const id of [table.figure, ...(table.alsoFigures ?? [])]) ids.add(id);
  return [...ids].map((id) => ({
    id,
    version: requireFigure(id).version,
    title: t(`figures.${id}.title`),
  }));
}

export function buildReport(input: ReportInput): Report {
  const { t } = input;
  const units = unitsOf(input.services, t);
  const ctx: BuildContext = {
    t,
    data: new FigureData(input.rows),
    period: input.period,
    months: monthsOf(input.period),
    units,
    combined: units.at(-1) ?? { key: 'none', label: '', orgIds: [] },
    organisations: new Map(input.organisations.map((o) => [o.id, o])),
    offenceGroups: input.offenceGroups,
    categories: input.categories,
  };
  const names = new Map(input.services.map((s) => [s.id, s.name]));
  const b = new ReportBuilder(ctx);
  const sections: Section[] = [
    volumesSection(b),
    funnelSection(b),
    interventionsSection(b),
    outcomesSection(
      b,
      input.testimonials.map((x) => ({
        service: names.get(x.orgId) ?? '',
        approvedOn: x.approvedOn,
        text: x.text,
      })),
    ),
    equalitySection(b),
    activitySection(b),
    spendSection(b, input.spend, input.costBenefit),
  ];
  const hidden =
    input.threshold === null
      ? new Set<string>()
      : suppress({ cells: b.counts, relations: b.relations }, input.threshold).hidden;
  return {
    kind: input.kind,
    title: input.title,
    period: input.period,
    periodLabel: input.periodLabel,
    ...(input.area ? { area: input.area } : {}),
    services: input.services,
    producedAt: input.producedAt,
    figuresAsAt: input.figuresAsAt,
    threshold: input.threshold,
    sections,
    definitions: definitionsOf(sections, t),
    hidden,
    counts: b.counts,
    relations: b.relations,
  };
}
