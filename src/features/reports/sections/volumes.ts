// Volumes: referrals received, month by month, by source (organisation and kind of agency), by
// who asked for restorative justice, offence, stage in the criminal justice system, the decision
// made, and the Victims' Code duties.
import { isOrganisationKind, ORGANISATION_KINDS } from '../../../domain/organisations.js';
import {
  CJS_STAGES,
  HARM_SETTINGS,
  DECLINE_REASONS,
  INITIATORS,
  REFERRAL_STATUSES,
} from '../../../domain/referrals.js';
import { REFERRAL_FLAGS } from '../../../domain/figures.js';
import { AGE_GROUPS } from '../../../domain/youth.js';
import { victimsCode } from './victims-code.js';
import {
  breakdownTable,
  codeRows,
  labelOf,
  type BuildContext,
  type ReportBuilder,
  type RowSpec,
} from '../builder.js';
import type { Row, Section, Table } from '../model.js';

const FIGURE = 'referrals_received';

/** A source as the store records it: an organisation's id, or self, public, unknown. */
function sourceKind(ctx: BuildContext, source: string): string {
  return ctx.organisations.get(source)?.kind ?? source;
}

function sourceLabel(ctx: BuildContext, source: string): string {
  const organisation = ctx.organisations.get(source);
  return organisation ? organisation.name : labelOf(ctx.t, 'referrals.options.source', source);
}

function kindLabel(ctx: BuildContext, kind: string): string {
  return isOrganisationKind(kind)
    ? ctx.t(`organisationKinds.${kind}`)
    : labelOf(ctx.t, 'referrals.options.source', kind);
}

function sourceRows(ctx: BuildContext): RowSpec[] {
  return ctx.data
    .valuesOf(FIGURE, 'source')
    .map((source) => ({ key: source, label: sourceLabel(ctx, source), values: [source] }))
    .sort((a, b) => a.label.localeCompare(b.label));
}

function kindRows(ctx: BuildContext, sources: RowSpec[]): RowSpec[] {
  const kinds = [...ORGANISATION_KINDS, 'self', 'public', 'unknown'];
  const extra = sources.map((s) => sourceKind(ctx, s.key)).filter((k) => !kinds.includes(k));
  return [...kinds, ...new Set(extra)].map((kind) => ({
    key: kind,
    label: kindLabel(ctx, kind),
    values: sources.filter((s) => sourceKind(ctx, s.key) === kind).map((s) => s.key),
  }));
}

/** Referrals in each month, for each service: months as columns. */
function byMonth(b: ReportBuilder): Table {
  const { ctx } = b;
  const row = { key: '', label: '', values: [''] };
  const rows: Row[] = ctx.units.map((unit, u) => {
    const months = ctx.months.map((month) => ({
      month,
      cells: b.countRow({ figure: FIGURE, dimension: '', row }, { month }),
    }));
    const period = b.countRow({ figure: FIGURE, dimension: '', row });
    b.relate(
      period[u]!.key,
      months.map((m) => m.cells[u]!.key),
    );
    return {
      key: unit.key,
      label: unit.label,
      cells: [...months.map((m) => m.cells[u]!), period[u]!],
    };
  });
  return {
    id: 'referrals-by-month',
    title: ctx.t('reports.volumes.byMonth'),
    figure: FIGURE,
    rowHeading: ctx.t('reports.service'),
    columns: b.monthColumns(),
    rows,
    chart: { kind: 'line', columns: ctx.months.map((_, i) => i) },
  };
}

/** Each source's referrals month by month, all services together, so a falling source shows. */
function sourceTrend(b: ReportBuilder, sources: RowSpec[]): Table {
  const { ctx } = b;
  const combined = ctx.units.length - 1;
  const line = (row: RowSpec, dimension: string): Row => {
    const months = ctx.months.map(
      (month) => b.countRow({ figure: FIGURE, dimension, row }, { month })[combined]!,
    );
    const period = b.countRow({ figure: FIGURE, dimension, row })[combined]!;
    b.relate(
      period.key,
      months.map((c) => c.key),
    );
    return { key: row.key, label: row.label, cells: [...months, period] };
  };
  const rows = sources.map((s) => line(s, 'source'));
  const total = line({ key: '', label: ctx.t('reports.total'), values: [''] }, '');
  b.relateColumns(total.cells, rows);
  return {
    id: 'referrals-by-source-trend',
    title: ctx.t('reports.volumes.sourceTrend', { unit: ctx.combined.label }),
    figure: FIGURE,
    rowHeading: ctx.t('reports.volumes.source'),
    columns: b.monthColumns(),
    rows: [...rows, { ...total, total: true }],
  };
}

export function volumesSection(b: ReportBuilder): Section {
  const { ctx } = b;
  const { t } = ctx;
  const total = t('reports.volumes.referrals');
  const sources = sourceRows(ctx);
  const kinds = kindRows(ctx, sources);
  const byKind = breakdownTable(b, {
    id: 'referrals-by-source-kind',
    figure: FIGURE,
    title: t('reports.volumes.byKind'),
    rowHeading: t('reports.volumes.kind'),
    dimension: 'source',
    keyDimension: 'source_kind',
    rows: kinds,
    totalLabel: total,
    exhaustive: true,
    hideEmptyRows: true,
    chart: { kind: 'horizontalBar', columns: [ctx.units.length - 1], skipRows: ['total'] },
  });
  const bySource = breakdownTable(b, {
    id: 'referrals-by-source',
    figure: FIGURE,
    title: t('reports.volumes.bySource'),
    rowHeading: t('reports.volumes.source'),
    dimension: 'source',
    rows: sources,
    totalLabel: total,
    exhaustive: true,
  });
  // Each kind of agency is the sum of its organisations.
  for (const kind of kinds)
    ctx.units.forEach((unit) =>
      b.relate(
        b.key(FIGURE, 'source_kind', kind.key, unit),
        kind.values.map((v) => b.key(FIGURE, 'source', v, unit)),
      ),
    );
  const simple = (id: string, dimension: string, list: readonly string[], prefix: string) =>
    breakdownTable(b, {
      id,
      figure: FIGURE,
      title: t(`reports.volumes.${id}`),
      rowHeading: t(`reports.volumes.${dimension}`),
      dimension,
      rows: codeRows(ctx, FIGURE, dimension, list, (code) => labelOf(t, prefix, code)),
      totalLabel: total,
      exhaustive: true,
    });
  const offenceRows = codeRows(
    ctx,
    FIGURE,
    'offence_group',
    // Harm that is not a crime, given no offence group, is counted as such (and by its setting).
    [...ctx.offenceGroups.keys(), 'not_a_crime'],
    (code) =>
      ctx.offenceGroups.get(code) ??
      (code === 'not_a_crime' ? t('reports.volumes.notACrime') : code),
  );
  const decisions: RowSpec[] = [
    { key: 'accepted', label: t('reports.volumes.decision.accepted'), values: ['accepted'] },
    { key: 'declined', label: t('reports.volumes.decision.declined'), values: ['declined'] },
    {
      key: 'waiting',
      label: t('reports.volumes.decision.waiting'),
      values: REFERRAL_STATUSES.filter((s) => s !== 'accepted' && s !== 'declined'),
    },
  ];
  const declineRows = codeRows(
    ctx,
    FIGURE,
    'decline_reason',
    [...DECLINE_REASONS, 'not_recorded'],
    (code) => labelOf(t, 'referrals.declineReasons', code),
  );
  const declined = breakdownTable(b, {
    id: 'decline-reasons',
    figure: FIGURE,
    title: t('reports.volumes.declineReasons'),
    rowHeading: t('reports.volumes.reason'),
    dimension: 'decline_reason',
    rows: declineRows,
    exhaustive: false,
  });
  ctx.units.forEach((unit) =>
    b.relate(
      b.key(FIGURE, 'status', 'declined', unit),
      declineRows.map((r) => b.key(FIGURE, 'decline_reason', r.key, unit)),
    ),
  );
  return {
    id: 'volumes',
    title: t('reports.sections.volumes'),
    tables: [
      byMonth(b),
      byKind,
      bySource,
      sourceTrend(b, sources),
      simple('by-initiator', 'initiated_by', INITIATORS, 'referrals.options.initiatedBy'),
      breakdownTable(b, {
        id: 'by-offence',
        figure: FIGURE,
        title: t('reports.volumes.by-offence'),
        rowHeading: t('reports.volumes.offence_group'),
        dimension: 'offence_group',
        rows: offenceRows,
        totalLabel: total,
        exhaustive: true,
        hideEmptyRows: true,
      }),
      simple('by-harm-setting', 'harm_setting', HARM_SETTINGS, 'referrals.harmSettingShort'),
      breakdownTable(b, {
        id: 'flagged',
        figure: FIGURE,
        title: t('reports.volumes.flagged'),
        rowHeading: t('reports.volumes.flag'),
        dimension: 'flag',
        rows: codeRows(ctx, FIGURE, 'flag', REFERRAL_FLAGS, (code) =>
          labelOf(t, 'reports.flags', code),
        ),
        exhaustive: false,
      }),
      simple('by-stage', 'cjs_stage', CJS_STAGES, 'referrals.options.cjsStage'),
      simple(
        'by-offender-age',
        'offender_age',
        [...AGE_GROUPS, 'not_known'],
        'reports.offenderAge',
      ),
      breakdownTable(b, {
        id: 'decisions',
        figure: FIGURE,
        title: t('reports.volumes.decisions'),
        rowHeading: t('reports.volumes.decisionHeading'),
        dimension: 'status',
        rows: decisions,
        totalLabel: total,
        exhaustive: true,
      }),
      declined,
      victimsCode(b),
    ],
  };
}
