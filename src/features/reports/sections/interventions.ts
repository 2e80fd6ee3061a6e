// Interventions held, by kind and as direct or indirect; victim awareness work, counted apart
// because it is not restorative justice between the people; cases opened and closed, by outcome.
import { CLOSURE_OUTCOMES } from '../../../domain/case-lifecycle.js';
import {
  INTERVENTION_KINDS,
  VICTIM_OFFENDER_MODES,
  isVictimOffenderProcess,
  modeOf,
} from '../../../domain/interventions.js';
import { breakdownTable, codeRows, labelOf, type ReportBuilder } from '../builder.js';
import type { Section } from '../model.js';

export function interventionsSection(b: ReportBuilder): Section {
  const { ctx } = b;
  const { t } = ctx;
  const kinds = codeRows(
    ctx,
    'interventions_held',
    'kind',
    INTERVENTION_KINDS.filter(isVictimOffenderProcess),
    (k) => labelOf(t, 'cases.interventionKinds', k),
  );
  const byKind = breakdownTable(b, {
    id: 'interventions-by-kind',
    figure: 'interventions_held',
    title: t('reports.interventions.byKind'),
    rowHeading: t('reports.interventions.kind'),
    dimension: 'kind',
    rows: kinds,
    totalLabel: t('reports.interventions.held'),
    exhaustive: true,
    hideEmptyRows: true,
    chart: { kind: 'horizontalBar', columns: [ctx.units.length - 1], skipRows: ['total'] },
  });
  // Direct and indirect are the domain's grouping of kinds; a kind it does not know is neither.
  const modes = [...VICTIM_OFFENDER_MODES, 'unknown'].map((mode) => ({
    key: mode,
    label: t(`reports.modes.${mode}`),
    values: kinds.map((k) => k.key).filter((k) => (modeOf(k) ?? 'unknown') === mode),
  }));
  const byMode = breakdownTable(b, {
    id: 'interventions-by-mode',
    figure: 'interventions_held',
    title: t('reports.interventions.byMode'),
    rowHeading: t('reports.interventions.mode'),
    dimension: 'kind',
    keyDimension: 'mode',
    rows: modes.filter((m) => m.key !== 'unknown' || m.values.length > 0),
    totalLabel: t('reports.interventions.held'),
    exhaustive: true,
  });
  for (const mode of modes)
    ctx.units.forEach((unit) =>
      b.relate(
        b.key('interventions_held', 'mode', mode.key, unit),
        mode.values.map((k) => b.key('interventions_held', 'kind', k, unit)),
      ),
    );
  return {
    id: 'interventions',
    title: t('reports.sections.interventions'),
    tables: [
      byKind,
      byMode,
      breakdownTable(b, {
        id: 'victim-awareness-work',
        figure: 'victim_awareness_work',
        title: t('reports.interventions.awareness'),
        rowHeading: t('reports.interventions.awarenessOffered'),
        dimension: 'harmed_offered',
        rows: codeRows(ctx, 'victim_awareness_work', 'harmed_offered', ['yes', 'no'], (v) =>
          t(`reports.interventions.awarenessOfferedAnswers.${v}`),
        ),
        totalLabel: t('reports.interventions.awarenessHeld'),
        exhaustive: true,
      }),
      breakdownTable(b, {
        id: 'cases-opened',
        figure: 'cases_opened',
        title: t('reports.interventions.opened'),
        rowHeading: t('reports.interventions.origin'),
        dimension: 'origin',
        rows: codeRows(ctx, 'cases_opened', 'origin', ['referral', 'transfer'], (o) =>
          t(`reports.interventions.origins.${o}`),
        ),
        totalLabel: t('reports.interventions.openedTotal'),
        exhaustive: true,
      }),
      breakdownTable(b, {
        id: 'cases-closed',
        figure: 'cases_closed',
        title: t('reports.interventions.closed'),
        rowHeading: t('reports.interventions.outcome'),
        dimension: 'outcome',
        rows: codeRows(ctx, 'cases_closed', 'outcome', CLOSURE_OUTCOMES, (o) =>
          labelOf(t, 'cases.outcomes', o),
        ),
        totalLabel: t('reports.interventions.closedTotal'),
        exhaustive: true,
        chart: { kind: 'horizontalBar', columns: [ctx.units.length - 1], skipRows: ['total'] },
      }),
    ],
  };
}
