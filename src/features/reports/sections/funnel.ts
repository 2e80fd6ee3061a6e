// The funnel: how far the referrals received in the period have got, why cases ended early,
// first contact, offers of restorative justice and their answers, and consent.
import { CLOSURE_OUTCOMES, PARTICIPANT_ROLES } from '../../../domain/case-lifecycle.js';
import { CASE_FUNNEL_STAGES, FUNNEL_STAGES } from '../../../domain/figures.js';
import { medianOfCounts } from '../../../domain/figure-math.js';
import { breakdownTable, codeRows, labelOf, type ReportBuilder } from '../builder.js';
import type { CountCell, Row, Section, Table } from '../model.js';

/** Referrals that got at least as far as each stage a case can reach (a running total). */
function reached(b: ReportBuilder, furthest: Table): Table {
  const { ctx } = b;
  const cellOf = (stage: string) =>
    furthest.rows.find((r) => r.key === stage)!.cells as CountCell[];
  const rows: Row[] = [];
  let later: CountCell[] | null = null;
  for (const stage of [...CASE_FUNNEL_STAGES].reverse()) {
    const own = cellOf(stage);
    const cells = ctx.units.map((unit, i) =>
      b.count(b.key('funnel', 'reached', stage, unit), own[i]!.value + (later?.[i]!.value ?? 0)),
    );
    cells.forEach((cell, i) =>
      b.relate(cell.key, later ? [own[i]!.key, later[i]!.key] : [own[i]!.key]),
    );
    b.relateServices(cells);
    rows.unshift({ key: stage, label: ctx.t(`reports.funnel.reached.${stage}`), cells });
    later = cells;
  }
  return {
    id: 'funnel-reached',
    title: ctx.t('reports.funnel.reachedTitle'),
    figure: 'funnel',
    rowHeading: ctx.t('reports.funnel.stage'),
    columns: b.unitColumns(),
    rows,
    chart: { kind: 'horizontalBar', columns: [ctx.units.length - 1] },
  };
}

function firstContact(b: ReportBuilder): Table {
  const { ctx } = b;
  const contacted = b.countRow({
    figure: 'first_contact',
    dimension: '',
    row: { key: '', label: '', values: [''] },
  });
  const medians = ctx.units.map((unit, i) =>
    b.measure(
      medianOfCounts(
        ctx.data
          .histogram('first_contact', 'working_days', { orgIds: unit.orgIds, months: ctx.months })
          .map((h) => ({ value: Number(h.value), n: h.n })),
      ),
      'days',
      [contacted[i]!.key],
    ),
  );
  return {
    id: 'first-contact',
    title: ctx.t('reports.funnel.firstContact'),
    figure: 'first_contact',
    rowHeading: ctx.t('reports.figure'),
    columns: b.unitColumns(),
    rows: [
      { key: 'cases', label: ctx.t('reports.funnel.casesContacted'), cells: contacted },
      { key: 'median', label: ctx.t('reports.funnel.medianDays'), cells: medians },
    ],
  };
}

/** Offers made to each kind of participant, and how they answered. */
function offers(b: ReportBuilder): Table {
  const { ctx } = b;
  const roles = codeRows(ctx, 'offers', 'role', PARTICIPANT_ROLES, (r) => r).filter(
    (r) =>
      r.key === 'harmed' ||
      r.key === 'harmer' ||
      ctx.data.valuesOf('offers', 'role').includes(r.key),
  );
  const rows: Row[] = [];
  for (const role of roles) {
    const total = b.countRow({ figure: 'offers', dimension: 'role', row: role });
    rows.push({
      key: role.key,
      label: ctx.t(`reports.funnel.offersTo.${role.key}`),
      cells: total,
      total: true,
    });
    const answers = ['yes', 'no', 'not_now'].map((answer) => {
      const cells = b.countRow({
        figure: 'offers',
        dimension: `answer.${role.key}`,
        row: { key: answer, label: answer, values: [answer] },
      });
      rows.push({
        key: `${role.key}.${answer}`,
        label: ctx.t(`reports.funnel.answers.${answer}`),
        cells,
      });
      return cells;
    });
    total.forEach((cell, i) =>
      b.relate(
        cell.key,
        answers.map((a) => a[i]!.key),
      ),
    );
  }
  return {
    id: 'offers',
    title: ctx.t('reports.funnel.offers'),
    figure: 'offers',
    rowHeading: ctx.t('reports.funnel.offerHeading'),
    columns: b.unitColumns(),
    rows,
  };
}

export function funnelSection(b: ReportBuilder): Section {
  const { ctx } = b;
  const { t } = ctx;
  const furthest = breakdownTable(b, {
    id: 'funnel',
    figure: 'funnel',
    title: t('reports.funnel.furthest'),
    rowHeading: t('reports.funnel.stage'),
    dimension: 'furthest',
    rows: codeRows(ctx, 'funnel', 'furthest', FUNNEL_STAGES, (s) =>
      t(`reports.funnel.stages.${s}`),
    ),
    exhaustive: true,
  });
  // Every referral is counted once, at its furthest stage: they add up to the referrals received.
  ctx.units.forEach((unit, i) =>
    b.relate(
      b.count(
        b.key('referrals_received', '', '', unit),
        ctx.data.count('funnel', '', '', { orgIds: unit.orgIds, months: ctx.months }),
      ).key,
      furthest.rows.map((r) => (r.cells[i] as CountCell).key),
    ),
  );
  const endedEarly = codeRows(
    ctx,
    'funnel',
    'ended_early',
    CLOSURE_OUTCOMES.filter((o) => o !== 'completed'),
    (o) => labelOf(t, 'cases.outcomes', o),
  );
  return {
    id: 'funnel',
    title: t('reports.sections.funnel'),
    intro: t('reports.funnel.intro'),
    tables: [
      furthest,
      reached(b, furthest),
      breakdownTable(b, {
        id: 'ended-early',
        figure: 'funnel',
        title: t('reports.funnel.endedEarly'),
        rowHeading: t('reports.funnel.reason'),
        dimension: 'ended_early',
        rows: endedEarly,
        exhaustive: false,
      }),
      firstContact(b),
      offers(b),
      breakdownTable(b, {
        id: 'consents',
        figure: 'consents',
        title: t('reports.funnel.consents'),
        rowHeading: t('reports.funnel.role'),
        dimension: 'role',
        rows: codeRows(ctx, 'consents', 'role', ['harmed', 'harmer'], (r) =>
          labelOf(t, 'cases.roles', r),
        ),
        totalLabel: t('reports.funnel.consentsTotal'),
        exhaustive: true,
      }),
    ],
  };
}
